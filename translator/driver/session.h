// Everything one run of stap works on: the options, the sources and their
// diagnostics, the target kernel, the tapset library and the program.  Each
// pass is a function of the session (see pass_manager.h).
#pragma once

#include "build/cache_paths.h"
#include "build/kernel_identity.h"
#include "build/module_source.h"
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
#include <optional>
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

	// The module: named by the driver, C from pass 3, .ko from pass 4
	// (build/module_source.h).
	ModuleSource module;
	// The module cache key (build/cache_key.h); empty when not computed.
	std::string module_key;
	CachePaths cache;
	// The target kernel as the caches see it (computed on first use).
	const KernelIdentity& kernel_identity();

	// The temporary build directory (stap -k keeps it); created on demand.
	[[nodiscard]] std::string temp_dir();
	// Removes the temporary directory, or with -k says where it is.
	void finish_temp_dir();

	std::ostream& out;
	std::ostream& err;

	// A problem found while setting up (an unusable -r): the run stops.
	std::string setup_error;
	// The exit status when a pass fails (pass 5: staprun's).
	int failure_status = 1;

	// Tapset directories in search order: the library's, then -I's.
	[[nodiscard]] std::vector<std::string> tapset_dirs() const;
	[[nodiscard]] TapsetSearch tapset_search() const;

private:
	std::optional<KernelIdentity> kernel_id_;
	std::string temp_dir_;
};

} // namespace stap
