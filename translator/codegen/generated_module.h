// The handoff from pass 3 (code generation) to pass 4 (the module build):
// the module's C source, what to call the module, and what else the build
// must know.  The codegen pass copies it into Session::module.
//
// The build compiles c_source as the only per-script source of the module
// (docs/runtime-api.md, "Building a module"): every -D of the command line
// is already #defined at the top of it, so the build needs no -D of its
// own (passing them as well is harmless).
#pragma once

#include <string>

namespace stap
{

struct GeneratedModule {
	std::string c_source;
	// -m NAME, or "stap_" and a hash of the source: a valid module name
	// (letters, digits, '_', at most 55 bytes), never stp_script/stp_runtime.
	std::string module_name;
};

} // namespace stap
