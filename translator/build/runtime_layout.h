// What the module build needs to know about the runtime directory: the
// members of the runtime archive (runtime/kbuild/members) and the feature
// probes (runtime/autoconf/NAME.c).
#pragma once

#include <map>
#include <set>
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
	// The global symbols its files define (c_symbols.h).
	std::set<std::string> defines;
	// The members it needs, itself first, then the others in the members
	// file's order: those defining a symbol its files or the runtime
	// headers they include mention (without a weak declaration), and what
	// those need in turn.
	std::vector<std::string> needs;
};

struct RuntimeLayout {
	std::string dir;
	std::vector<RuntimeMember> members;
	std::vector<std::string> probes; // sorted names of autoconf/*.c
	// What the runtime's functions and macros use (c_symbols.h), those of
	// every file the members include.
	std::map<std::string, std::set<std::string>> uses;

	[[nodiscard]] const RuntimeMember* member(const std::string& name) const;
	// The member defining `symbol`, if one does.
	[[nodiscard]] const RuntimeMember* definer(const std::string& symbol) const;
	// The members a module whose code leaves `undefined` undefined links,
	// in the members file's order.
	[[nodiscard]] std::vector<const RuntimeMember*>
	members_for(const std::vector<std::string>& undefined) const;
	// The members a module whose C is `c_source` will link, as far as its
	// text tells before it is compiled: those defining what it uses,
	// directly or through the runtime's inline functions and macros.
	[[nodiscard]] std::vector<const RuntimeMember*>
	members_used_by(const std::string& c_source) const;
};

// Reads DIR/kbuild/members, the members' files and lists DIR/autoconf; on
// a problem (also: two members defining one symbol) returns false with
// `error` saying what is wrong and where.
bool read_runtime_layout(const std::string& dir, RuntimeLayout& layout, std::string& error);

// Parses the members file's text (`where` names it in errors).
bool parse_runtime_members(const std::string& text, const std::string& where,
			   std::vector<RuntimeMember>& members, std::string& error);

} // namespace stap
