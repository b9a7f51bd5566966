// The Kbuild file of a module build directory.
//
// Every build directory holds stp_script.c (pass 3's C), stapconf.h (made
// by this kbuild run when `probes`, else copied from the kernel cache), the
// runtime members' sources, and the objects of the members the kernel cache
// has already (`staged_members`).  It builds NAME.ko from stp_script.o and
// stp_runtime.o, a copy of stp_runtime.a: the archive of just the members
// the module links, which are known once stp_script.o is (its undefined
// symbols, looked up in stp_members.idx: member_index()).  Members are
// compiled as module code, with the flags and objtool treatment of a
// module's objects, but are linked into no module of their own.  The core
// and the members the script's text says it uses compile while the probes
// run (unless they test a probe's result) and the script compiles; the
// list from its object adds any other.
//
// The module's own compiler options (-D's, pass 3's) sit between the
// markers -D__STP_CFLAGS_BEGIN__ and -D__STP_CFLAGS_END__ on stp_script.o's
// command line, where the build recipe (kbuild_recipe.h) finds them.
#pragma once

#include "build/runtime_layout.h"

#include <set>
#include <string>
#include <vector>

namespace stap
{

struct KbuildSpec {
	std::string module_name;
	std::string runtime_dir;
	std::vector<std::string> cflags; // the module's options, unquoted words
	RuntimeLayout layout;
	bool probes = false;                  // make stapconf.h
	std::set<std::string> staged_members; // names of members already built
	// Members to compile alongside the script, before its undefined
	// symbols say which it links (RuntimeLayout::members_used_by); the
	// core always is.
	std::set<std::string> expected_members;
};

// Module names the build reserves for itself (also those starting with
// kMemberUnitPrefix).
bool is_reserved_module_name(const std::string& name);
// A kernel module name: [A-Za-z0-9_]+, at most 55 characters, not reserved.
bool is_valid_module_name(const std::string& name);

std::string kbuild_file(const KbuildSpec& spec);

// The C file of a runtime member: #include of stapconf.h if it tests feature
// probes, then of each of its files.
std::string member_source(const RuntimeMember& member, const std::string& runtime_dir);

// stp_members.idx, for runtime/kbuild/needed-members.awk: the members'
// units in the members file's order on the first line, then one line per
// symbol a member defines: the symbol, then the units of the members it
// needs.
std::string member_index(const RuntimeLayout& layout);

// The build directory's name (without .c/.o) for a runtime member's unit:
// a reserved prefix, so that no module's own objects share it.
std::string member_unit(const RuntimeMember& member);
inline constexpr const char* kMemberUnitPrefix = "stp_member_";

// `word` quoted for sh (unchanged when it needs no quotes).
std::string shell_quote(const std::string& word);
// `text` escaped for a make variable's value: $ and # lose their meaning.
std::string make_escape(const std::string& text);

// The compiler option markers.
inline constexpr const char* kCflagsBegin = "-D__STP_CFLAGS_BEGIN__";
inline constexpr const char* kCflagsEnd = "-D__STP_CFLAGS_END__";

} // namespace stap
