// What staprun needs to know about a module before loading it, read from
// its ELF .modinfo section: its name, the kernel it was built for, and
// the parameters (script globals) it accepts.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace staprun
{

struct ModuleParam {
	std::string name;
	std::string type; // "long", "string", ...
};

struct ModuleInfo {
	std::string name;     // modinfo name=
	std::string vermagic; // modinfo vermagic=, e.g. "6.1.0-56-cloud-amd64 SMP ..."
	std::vector<ModuleParam> params;

	// The kernel release the module was built for (vermagic's first word).
	std::string release() const;
	const ModuleParam* param(std::string_view name) const;
};

struct ModuleInfoResult {
	ModuleInfo info;
	std::string error; // empty on success
};

// Parses the image of a .ko file.  Never trusts offsets in it.
ModuleInfoResult read_module_info(std::string_view image);

} // namespace staprun
