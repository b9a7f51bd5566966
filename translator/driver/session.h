// Everything one run of stap works on: the options, the sources and their
// diagnostics, the target kernel, the tapset library and the program.  Each
// pass is a function of the session (see pass_manager.h).
#pragma once

#include "codegen/generated_module.h"
#include "diag/diagnostics.h"
#include "diag/source_manager.h"
#include "driver/install_paths.h"
#include "driver/options.h"
#include "driver/target_kernel.h"
#include "elaborate/elaborated_program.h"
#include "parse/ast.h"
#include "parse/parse_context.h"
#include "parse/tapset_library.h"
#include "probes/probe_registry.h"

#include <iosfwd>
#include <string>
#include <vector>

namespace stap
{

class Session
{
public:
	// `out` receives pass products (stap -pN output), `err` diagnostics
	// and progress messages.
	Session(Options opts, std::ostream& out, std::ostream& err);
	Session(const Session&) = delete;
	Session& operator=(const Session&) = delete;

	Options options;
	InstallPaths paths;
	SourceManager sources;
	Diagnostics diags;
	TargetKernel target;
	ParseEnvironment parse_env; // what %( %) conditions test
	TapsetLibrary library;
	ast::Program program; // pass 1: the user's script files (pass 2 adds tapsets)
	ProbeRegistry probe_families = make_builtin_registry();
	ElaboratedProgram elaborated; // pass 2's product
	GeneratedModule generated;    // pass 3: the module's C, for pass 4

	std::ostream& out;
	std::ostream& err;

	// A problem found while setting up (an unusable -r): the run stops.
	std::string setup_error;

	// Tapset directories in search order: the library's, then -I's.
	[[nodiscard]] std::vector<std::string> tapset_dirs() const;
	[[nodiscard]] TapsetSearch tapset_search() const;
};

} // namespace stap
