// TEMPORARY STAND-IN FOR PASS 2, to be deleted when the real elaboration
// (branch `elaborate`: translator/elaborate/, translator/probes/) is merged.
//
// It resolves and types just enough of a program for code generation to be
// built and tested end to end meanwhile: locals, globals and parameters by
// name, calls by name and arity (pulling tapset files in), a type inference
// to a fixpoint, and the probe families of issue 4 (begin/end/error, never,
// timers, timer.profile).  No aliases, no overloading, no optimisation, no
// checks beyond what code generation needs.
#pragma once

#include "codegen/module_input.h"
#include "diag/diagnostics.h"
#include "parse/ast.h"

#include <memory>
#include <vector>

namespace stap::codegen
{

struct InterimProbe {
	enum class Kind : std::uint8_t { Begin, End, Error, Never, Timer, Profile };
	Kind kind = Kind::Begin;
	std::int64_t seq = 0;
	std::uint64_t period = 0;
	std::uint64_t randomize = 0;
	bool jiffies = false;
};

struct InterimProgram {
	std::vector<std::unique_ptr<InterimProbe>> probes;
	ModuleInput input;
};

// Resolves the program (pulling tapset files out of `library` into it) and
// fills `out`; false after reporting errors.
bool interim_elaborate(ast::Program& program, std::vector<std::unique_ptr<ast::File>>& library,
		       Diagnostics& diags, InterimProgram& out);

} // namespace stap::codegen
