// Pass 2: elaboration.  Turns the parsed program into an ElaboratedProgram:
//
//   1. probe points are matched against the probe providers and the probe
//      aliases (elaborate/probe_expander.h): aliases expand, wildcards
//      resolve, each concrete point becomes a derived probe with a handler;
//   2. symbols resolve (elaborate/resolver.h): locals, globals, parameters,
//      functions; tapset files join the program when something in them is
//      used (elaborate/declarations.h), and their probes go through 1 too;
//   3. unless -u, the optimiser elides what has no effect
//      (elaborate/optimizer.h);
//   4. types are inferred to a fixpoint and checked, with printf formats
//      (elaborate/type_checker.h);
//   5. globals written but never read get an end probe that prints them,
//      and the globals each handler and function uses are computed
//      (elaborate/global_access.h).
//
// Every problem goes to the diagnostics; elaboration goes on after errors so
// that one run reports many.
#pragma once

#include "diag/diagnostics.h"
#include "diag/source_manager.h"
#include "elaborate/elaborated_program.h"
#include "elaborate/target_typing.h"
#include "parse/ast.h"
#include "probes/probe_registry.h"

#include <memory>
#include <vector>

namespace stap
{

struct ElaborateOptions {
	bool optimize = true;   // -u turns the optimiser off
	bool guru_mode = false; // -g
	// Pass 2's verbosity (-v, --vp): from 1 on, the optimiser also warns
	// about each unused function and variable it removes.
	int verbosity = 0;
};

struct ElaborateInput {
	SourceManager& sources;
	Diagnostics& diags;
	// The user's files; the tapset files pass 2 pulls in are appended.
	ast::Program& program;
	// The parsed tapset library; pulled files are moved out (null left).
	std::vector<std::unique_ptr<ast::File>>& library;
	const ProbeRegistry& registry;
	TargetTyping* typing = nullptr; // @cast/@var/->member typing; null: none
	ElaborateOptions options;
};

ElaboratedProgram elaborate(const ElaborateInput& input);

} // namespace stap
