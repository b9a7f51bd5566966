// The module cache key: a digest of everything a module is made of, taken
// from the raw inputs before pass 1 (hashing files is cheap; parsing the
// tapset library is not), so that a cache hit skips passes 1-4.
//
// In the key: the translator (version and build ID); the script texts with
// their names (names appear in run-time error messages), -E scripts and the
// script arguments; every tapset directory's files (the library and -I's);
// the runtime's files; the kernel (release, build tree, configuration,
// symbol versions: kernel_identity.h); and the options that change the
// module: -D -B --modinfo -m -g -u -W -b -s --privilege --compatible
// --skip-badvars --suppress-handler-errors --suppress-time-limits, and the
// developer option --c-source with the headers (*.h) next to its file.
//
// Not in the key, because they only change how the module is run or what is
// printed: -p -v --vp -k -o -c -x -G -T -w -F --remote, the cache options
// and --color.  (-G is a staprun option; -w also applies to translator
// warnings, which a cache hit does not repeat.)
#pragma once

#include "build/kernel_identity.h"
#include "driver/install_paths.h"
#include "driver/options.h"

#include <optional>
#include <string>
#include <vector>

namespace stap
{

// The script texts as stap will parse them.
struct ScriptInputs {
	struct Source {
		std::string name; // "<input>" for -e and stdin, else the file name
		std::string text;
	};
	std::vector<Source> sources; // the main script, then each -E
};

// Reads the main script (the file; -e and stdin are already texts in the
// options).  Nothing if the file cannot be read: pass 1 then reports it.
std::optional<ScriptInputs> gather_script_inputs(const Options& opts);

// The key: 64 hex digits.
std::string module_cache_key(const Options& opts, const ScriptInputs& scripts,
			     const KernelIdentity& kernel, const InstallPaths& paths,
			     const std::vector<std::string>& tapset_dirs,
			     const std::string& translator_id);

// The default module name for a key: "stap_" and 32 hex digits (kernel
// module names are at most 55 characters).
std::string default_module_name(const std::string& key);

} // namespace stap
