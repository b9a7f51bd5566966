#include "build/kbuild_file.h"

#include <gtest/gtest.h>

using namespace stap;

TEST(KbuildFile, ModuleOnly)
{
	KbuildSpec spec;
	spec.module_name = "stap_abc";
	spec.runtime_dir = "/usr/share/stapforge/runtime";
	spec.cflags = {"-DMAXACTION=10", "-DMSG=\"a b\"", "-DCOST=$5#1"};
	std::string k = kbuild_file(spec);
	EXPECT_NE(k.find("obj-m := stap_abc.o\n"), std::string::npos) << k;
	EXPECT_NE(k.find("stap_abc-y := stp_script.o stp_runtime.o\n"), std::string::npos);
	EXPECT_NE(k.find("ccflags-y := -iquote /usr/share/stapforge/runtime -Os\n"),
		  std::string::npos);
	EXPECT_NE(k.find("ccflags-remove-y := $(CC_FLAGS_FTRACE)\n"), std::string::npos);
	// The module's options, quoted for the shell and escaped for make,
	// between the markers the recipe looks for.
	EXPECT_NE(k.find("CFLAGS_stp_script.o := -include $(obj)/stapconf.h "
			 "-D__STP_CFLAGS_BEGIN__ -DMAXACTION=10 '-DMSG=\"a b\"' '-DCOST=$$5\\#1' "
			 "-D__STP_CFLAGS_END__\n"),
		  std::string::npos)
		<< k;
	EXPECT_NE(k.find("$(obj)/stp_runtime.o: $(obj)/stp_runtime.a FORCE\n"), std::string::npos);
	EXPECT_NE(k.find("always-y += stp_kbuild.env\n"), std::string::npos);
}

RuntimeMember member(const std::string& name, std::vector<std::string> files,
		     bool uses_feature_probes, std::set<std::string> defines = {},
		     std::vector<std::string> needs = {})
{
	RuntimeMember m;
	m.name = name;
	m.files = std::move(files);
	m.uses_feature_probes = uses_feature_probes;
	m.defines = std::move(defines);
	m.needs = std::move(needs);
	return m;
}

TEST(KbuildFile, TheRuntimeArchive)
{
	KbuildSpec spec;
	spec.module_name = "m";
	spec.runtime_dir = "/rt";
	spec.layout.dir = "/rt";
	spec.layout.members = {member("stp_core", {"context", "session"}, false),
			       member("timer", {"timer"}, true), member("str", {"str"}, false)};
	std::string k = kbuild_file(spec);
	// The members are module code in no module of their own.
	EXPECT_EQ(k.find("obj-m += "), std::string::npos) << k;
	EXPECT_NE(k.find("stp_runtime_members := stp_member_stp_core.o stp_member_timer.o "
			 "stp_member_str.o\n"),
		  std::string::npos)
		<< k;
	EXPECT_NE(k.find("$(addprefix $(obj)/,$(stp_runtime_members)): part-of-module := y\n"),
		  std::string::npos);
	// Only a member that tests feature probes waits for them.
	EXPECT_EQ(k.find("$(obj)/stp_member_stp_core.o: $(obj)/stapconf.h"), std::string::npos);
	EXPECT_NE(k.find("$(obj)/stp_member_timer.o: $(obj)/stapconf.h\n"), std::string::npos);
	// Members compile with kbuild's command, saved for the recipe, not its
	// whole rule.
	EXPECT_NE(k.find("$(addprefix $(obj)/,$(stp_runtime_members)): $(obj)/%.o: $(obj)/%.c "
			 "FORCE\n\t$(call if_changed,cc_o_c)\n"),
		  std::string::npos);
	// The archive has the members the script's object needs; the core
	// compiles with the script.
	EXPECT_NE(k.find("-include $(obj)/stp_needed.mk\n"), std::string::npos);
	EXPECT_NE(k.find("cmd_stp_needed = $(NM) -u $< | $(AWK) -f "
			 "/rt/kbuild/needed-members.awk $(obj)/stp_members.idx - >$@\n"),
		  std::string::npos)
		<< k;
	EXPECT_NE(k.find("$(obj)/stp_needed.mk: $(obj)/stp_script.o $(obj)/stp_members.idx "
			 "$(obj)/stp_member_stp_core.o\n"),
		  std::string::npos)
		<< k;
	EXPECT_NE(k.find("$(obj)/stp_runtime.a: $(addprefix $(obj)/,$(stp_needed)) FORCE\n"),
		  std::string::npos);
	EXPECT_EQ(k.find("PROBE"), std::string::npos);

	// Members the script's text uses compile with it, before its list.
	spec.expected_members = {"str"};
	k = kbuild_file(spec);
	EXPECT_NE(k.find("$(obj)/stp_needed.mk: $(obj)/stp_script.o $(obj)/stp_members.idx "
			 "$(obj)/stp_member_stp_core.o $(obj)/stp_member_str.o\n"),
		  std::string::npos)
		<< k;
	spec.expected_members.clear();

	// Members the kernel cache had are in the build directory already.
	spec.staged_members = {"stp_core", "timer"};
	k = kbuild_file(spec);
	EXPECT_NE(k.find("stp_runtime_members := stp_member_str.o\n"), std::string::npos) << k;
	EXPECT_EQ(k.find("stp_member_timer.o: "), std::string::npos) << k;
	EXPECT_NE(k.find("$(obj)/stp_needed.mk: $(obj)/stp_script.o $(obj)/stp_members.idx\n"),
		  std::string::npos)
		<< k;
}

TEST(KbuildFile, WithTheFeatureProbes)
{
	KbuildSpec spec;
	spec.module_name = "m";
	spec.runtime_dir = "/rt";
	spec.probes = true;
	spec.layout.dir = "/rt";
	spec.layout.members = {member("stp_core", {"context"}, false)};
	spec.layout.probes = {"mmap_lock", "no_llseek"};
	std::string k = kbuild_file(spec);
	// The probes compile in one batch, as module code, syntax only.
	EXPECT_NE(k.find("cmd_stp_conf = $(CONFIG_SHELL) /rt/kbuild/feature-probes.sh $@ "
			 "/rt/autoconf mmap_lock no_llseek -- $(CC) "
			 "$(filter-out -Wp$(comma)%,$(c_flags)) $(KBUILD_CFLAGS_MODULE) "
			 "-fsyntax-only\n"),
		  std::string::npos)
		<< k;
	EXPECT_NE(k.find("$(obj)/stapconf.h: /rt/autoconf/mmap_lock.c /rt/autoconf/no_llseek.c "
			 "/rt/kbuild/feature-probes.sh\n\t$(call cmd,stp_conf)\n"),
		  std::string::npos)
		<< k;
}

TEST(KbuildFile, MemberSources)
{
	EXPECT_EQ(member_source(member("stp_data", {"map", "stat"}, false), "/rt"),
		  "/* runtime member stp_data, generated by stap */\n"
		  "#include \"/rt/map.c\"\n"
		  "#include \"/rt/stat.c\"\n");
	EXPECT_EQ(member_source(member("timer", {"timer"}, true), "/rt"),
		  "/* runtime member timer, generated by stap */\n"
		  "#include \"stapconf.h\"\n"
		  "#include \"/rt/timer.c\"\n");
}

TEST(KbuildFile, MemberIndex)
{
	RuntimeLayout layout;
	layout.members = {
		member("stp_core", {"session"}, false, {"stp_exit", "stp_run"}, {"stp_core"}),
		member("format", {"format"}, false, {"stp_printf"}, {"format", "stp_core"})};
	EXPECT_EQ(member_index(layout), "stp_member_stp_core.o stp_member_format.o\n"
					"stp_exit stp_member_stp_core.o\n"
					"stp_run stp_member_stp_core.o\n"
					"stp_printf stp_member_format.o stp_member_stp_core.o\n");
}

TEST(KbuildFile, Quoting)
{
	EXPECT_EQ(shell_quote("-DX=1"), "-DX=1");
	EXPECT_EQ(shell_quote(""), "''");
	EXPECT_EQ(shell_quote("a b"), "'a b'");
	EXPECT_EQ(shell_quote("it's"), "'it'\\''s'");
	EXPECT_EQ(shell_quote("$HOME"), "'$HOME'");
	EXPECT_EQ(make_escape("a$b#c"), "a$$b\\#c");
}

TEST(KbuildFile, ModuleNames)
{
	EXPECT_TRUE(is_valid_module_name("stap_0123abcd"));
	EXPECT_TRUE(is_valid_module_name(std::string(55, 'a')));
	EXPECT_FALSE(is_valid_module_name(std::string(56, 'a')));
	EXPECT_FALSE(is_valid_module_name(""));
	EXPECT_FALSE(is_valid_module_name("my-module"));
	EXPECT_FALSE(is_valid_module_name("a.b"));
	for (const char* reserved : {"stp_script", "stp_runtime", "stp_member_timer"})
		EXPECT_FALSE(is_valid_module_name(reserved)) << reserved;
}
