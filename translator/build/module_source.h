// The handoff from pass 3 (code generation) to pass 4 (the module build).
//
// The driver names the module before pass 3 runs (session.module.name:
// -m NAME, or stap_<hash of the module cache key>); pass 3 fills
// session.module.c_source with the complete text of the one C file of the
// module (docs/runtime-api.md, "The layout of a generated module"), and may
// add C compiler options of its own.  Pass 4 compiles that text with the
// runtime prepared for the target kernel into session.module.ko_path.
// With the module cache, passes 1-4 are skipped on a hit: c_source and
// ko_path then come from the cache.
#pragma once

#include <string>
#include <vector>

namespace stap
{

struct ModuleSource {
	// Set by the driver before pass 3: the kernel module's name.
	std::string name;

	// Set by pass 3: the generated C file, verbatim.
	std::string c_source;
	// Set by pass 3 (optional): extra compiler options for this module,
	// e.g. "-DSTP_NEED_UNWIND"; stap -D's are added by pass 4.
	std::vector<std::string> cflags;

	// Set by pass 4 (or the module cache): the built NAME.ko.
	std::string ko_path;
	// True when c_source and ko_path came from the module cache.
	bool from_cache = false;
};

} // namespace stap
