// Pass 4's work: NAME.ko from the generated C, against the target kernel's
// build tree and its per-kernel cache (kernel_cache.h).  Three ways, the
// fastest that applies:
//
//   replay  the kernel cache is current and has a recipe: the module's
//           kbuild commands are run directly, without make (no -B, no
//           exported symbols);
//   kbuild  the kernel cache is current: one kbuild run for the module;
//   cold    no current kernel cache: one kbuild run for the feature
//           probes, the runtime members the module links and the module
//           together; the kernel cache is filled from it.
//
// Each way compiles the runtime members the module links that the kernel
// cache does not have yet, and adds them to it (kbuild_file.h).  A
// successful kbuild run teaches the kernel cache its recipe when it has
// none yet.
#pragma once

#include "build/cache_paths.h"
#include "build/kernel_identity.h"

#include <iosfwd>
#include <string>
#include <vector>

namespace stap
{

struct ModuleBuild {
	std::string name;
	std::string c_source;
	std::vector<std::string> cflags;       // the module's C options (pass 3's, -D's)
	std::vector<std::string> make_defines; // -B NAME=VALUE
	std::string build_dir;                 // an empty directory of our own
	KernelIdentity kernel;                 // build_dir must be set
	std::string runtime_dir;
	CachePaths cache;
	// The kernel's ftrace does not read patchable function entries
	// (module_strip.h).
	bool unused_patchable_entries = false;
	int verbose = 0; // progress messages on `progress` from 2 (stap -vv)
};

struct ModuleBuildResult {
	bool ok = false;
	std::string ko_path;
	std::string method; // "replay", "kbuild" or "cold": how it was built
	std::string error;  // why it failed; the tools' output is in log_path
	std::string log_path;
};

ModuleBuildResult build_module(const ModuleBuild& b, std::ostream& progress);

} // namespace stap
