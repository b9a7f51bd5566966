// What the module build needs to know about the runtime directory: the
// members of the runtime archive (runtime/kbuild/members) and the feature
// probes (runtime/autoconf/NAME.c).
#pragma once

#include <string>
#include <vector>

namespace stap
{

struct RuntimeMember {
	std::string name;               // "stp_core": the unit stp_core.o
	std::vector<std::string> files; // "context": runtime/context.c
	// Whether its files, or the runtime headers they include, test a
	// feature probe (STAPCONF_*): only then does it wait for stapconf.h.
	bool uses_feature_probes = false;
};

struct RuntimeLayout {
	std::string dir;
	std::vector<RuntimeMember> members;
	std::vector<std::string> probes; // sorted names of autoconf/*.c
};

// Reads DIR/kbuild/members and lists DIR/autoconf; on a problem returns
// false with `error` saying what is wrong and where.
bool read_runtime_layout(const std::string& dir, RuntimeLayout& layout, std::string& error);

// Parses the members file's text (`where` names it in errors).
bool parse_runtime_members(const std::string& text, const std::string& where,
			   std::vector<RuntimeMember>& members, std::string& error);

} // namespace stap
