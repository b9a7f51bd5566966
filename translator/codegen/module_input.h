// What pass 3 generates a module from: the elaborated program (pass 2's
// product) reduced to what code generation walks, plus the options that
// change the C.  The driver builds it (driver/codegen_pass.cpp); unit
// tests build it directly.
#pragma once

#include "codegen/emit_context.h"
#include "codegen/generated_module.h"
#include "parse/ast.h"

#include <functional>
#include <string>
#include <vector>

namespace stap
{
class Diagnostics;
class SourceManager;
} // namespace stap

namespace stap::codegen
{

// One concrete probe: its identity for the families' hooks, the handler
// it runs (several probes may share one) and its probe point as pp()
// reports it.
struct ProbeInput {
	const DerivedProbe* probe = nullptr;
	const ast::Probe* handler = nullptr;
	std::string pp;
};

struct ModuleInput {
	// Resolved and typed (see elaborate/elaborated_program.h).
	std::vector<const ast::GlobalVar*> globals;
	std::vector<const ast::Function*> functions;
	std::vector<const ast::EmbeddedCode*> embeds; // top-level %{ %}
	std::vector<ProbeInput> probes;
	// Enters every probe in the descriptor tables: the probe families'
	// hooks (ProbeProvider::emit), grouped by family.
	std::function<void(EmitContext&)> register_probes;
	// The functions a call of `f` runs, in order (`next` goes on to the
	// following one); f alone when it is not overloaded.  Null: never.
	std::function<std::vector<const ast::Function*>(const ast::Function& f)> overloads;
};

struct CodegenOptions {
	std::string module_name;          // -m, or derived from the source
	std::string script_name;          // for the header comment
	std::vector<std::string> defines; // -D NAME[=VALUE]
	bool bulk = false;                // -b
	int buffer_size_mb = 0;           // -s (0: the runtime's default)
};

// Generates the module's C; translate-time errors (an invalid regular
// expression, a format that does not fit its arguments, ...) go to diags.
GeneratedModule generate_module(const ModuleInput& input, const CodegenOptions& options,
				const SourceManager& sources, Diagnostics& diags);

} // namespace stap::codegen
