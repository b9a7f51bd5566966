#include "build/runtime_layout.h"

#include "temp_dir.h"

#include <gtest/gtest.h>

using namespace stap;

TEST(RuntimeLayout, ParsesMembers)
{
	std::vector<RuntimeMember> m;
	std::string error;
	ASSERT_TRUE(parse_runtime_members("# comment\n"
					  "stp_core: context session  # trailing\n"
					  "\n"
					  "timer: timer\n",
					  "members", m, error))
		<< error;
	ASSERT_EQ(m.size(), 2u);
	EXPECT_EQ(m[0].name, "stp_core");
	EXPECT_EQ(m[0].files, (std::vector<std::string>{"context", "session"}));
	EXPECT_EQ(m[1].name, "timer");
}

TEST(RuntimeLayout, RejectsBadMembers)
{
	struct Case {
		const char* text;
		const char* error;
	} cases[] = {
		{"stp_core context\n", "members:1: expected 'MEMBER: FILE...', got 'stp_core'"},
		{"a: x\nb:\n", "members:2: member 'b' has no files"},
		{"a: x\na: y\n", "members:2: member 'a' is listed twice"},
		{"a: x-y\n", "members:1: 'x-y' is not a runtime file name"},
		{"stp_script: x\n", "members:1: 'stp_script' is reserved for the module build"},
		{"# nothing\n", "members: no members"},
	};
	for (const Case& c : cases) {
		std::vector<RuntimeMember> m;
		std::string error;
		EXPECT_FALSE(parse_runtime_members(c.text, "members", m, error)) << c.text;
		EXPECT_EQ(error, c.error);
	}
}

TEST(RuntimeLayout, ReadsADirectory)
{
	TempDir t;
	t.write("kbuild/members", "core: a b\n");
	t.write("a.c", "");
	t.write("b.c", "");
	t.write("autoconf/zeta.c", "");
	t.write("autoconf/alpha.c", "");
	t.write("autoconf/notes.txt", "");
	RuntimeLayout layout;
	std::string error;
	ASSERT_TRUE(read_runtime_layout(t.path(), layout, error)) << error;
	EXPECT_EQ(layout.probes, (std::vector<std::string>{"alpha", "zeta"}));
	ASSERT_EQ(layout.members.size(), 1u);

	t.write("kbuild/members", "core: a missing\n");
	RuntimeLayout bad;
	EXPECT_FALSE(read_runtime_layout(t.path(), bad, error));
	EXPECT_EQ(error, t / "kbuild/members" +
				 ": member 'core' names missing.c, which is not in " + t.path());
}

TEST(RuntimeLayout, FindsTheMembersThatTestFeatureProbes)
{
	TempDir t;
	t.write("kbuild/members", "plain: a\ndirect: b\nindirect: c\ncycle: d\n");
	t.write("a.c", "#include \"plain.h\"\n#include <linux/compat.h>\n");
	t.write("plain.h", "#include \"a.c\"\n");
	t.write("b.c", "#ifdef STAPCONF_X\n#endif\n");
	t.write("c.c", "  #  include \"compat.h\"\n");
	t.write("compat.h", "#include \"inner.h\"\n");
	t.write("inner.h", "#if defined(STAPCONF_Y)\n#endif\n");
	t.write("d.c", "#include \"d.h\"\n");
	t.write("d.h", "#include \"d.c\"\n");
	RuntimeLayout layout;
	std::string error;
	ASSERT_TRUE(read_runtime_layout(t.path(), layout, error)) << error;
	ASSERT_EQ(layout.members.size(), 4u);
	EXPECT_FALSE(layout.members[0].uses_feature_probes);
	EXPECT_TRUE(layout.members[1].uses_feature_probes);
	EXPECT_TRUE(layout.members[2].uses_feature_probes);
	EXPECT_FALSE(layout.members[3].uses_feature_probes);
}

TEST(RuntimeLayout, TheRealRuntimeReads)
{
	RuntimeLayout layout;
	std::string error;
	ASSERT_TRUE(read_runtime_layout(STAP_SOURCE_DIR "/runtime", layout, error)) << error;
	EXPECT_EQ(layout.members.front().name, "stp_core");
	EXPECT_FALSE(layout.probes.empty());
}

TEST(RuntimeLayout, KnowsWhatEachMemberDefinesAndNeeds)
{
	TempDir t;
	t.write("kbuild/members",
		"core: core\nfmt: fmt\nprint: print\nlocks: locks\nlone: lone\nstr: str\n");
	t.write("core.c", "#include \"core.h\"\n"
			  "extern void locks_take(void) __weak;\n"
			  "void core_run(void) { locks_take(); }\nint core_anchor;\n");
	t.write("core.h", "static void *const core_link __used = &core_anchor;\n"
			  "static inline void core_inline(void) { core_run(); }\n"
			  "static inline void unused_inline(void) { lone_public = 1; }\n");
	t.write("fmt.c",
		"#include \"core.h\"\nint fmt_format(void) { core_inline(); return 0; }\n");
	t.write("print.c", "#include \"print.h\"\nvoid print_it(void) { PRINT(); }\n");
	t.write("print.h", "#define PRINT() fmt_inline()\n"
			   "static inline int fmt_inline(void) { return fmt_format(); }\n"
			   "#define UNUSED() lone_public\n");
	t.write("locks.c", "void locks_take(void) { core_run(); }\n");
	t.write("lone.c", "static int lone_private;\nint lone_public;\n");
	t.write("str.c", "#include \"core.h\"\nint str_len;\n");
	RuntimeLayout layout;
	std::string error;
	ASSERT_TRUE(read_runtime_layout(t.path(), layout, error)) << error;
	using Names = std::vector<std::string>;
	EXPECT_EQ(layout.member("core")->needs, Names{"core"}); // a weak reference
	EXPECT_EQ(layout.member("fmt")->needs, (Names{"fmt", "core"}));
	EXPECT_EQ(layout.member("print")->needs, (Names{"print", "core", "fmt"}));
	EXPECT_EQ(layout.member("locks")->needs, (Names{"locks", "core"}));
	EXPECT_EQ(layout.member("lone")->defines, std::set<std::string>{"lone_public"});
	// A header's initialiser is compiled into every includer.
	EXPECT_EQ(layout.member("str")->needs, (Names{"str", "core"}));
	EXPECT_EQ(layout.definer("print_it")->name, "print");
	EXPECT_EQ(layout.definer("lone_private"), nullptr);

	auto names = [](const std::vector<const RuntimeMember*>& members) {
		Names out;
		for (const RuntimeMember* m : members)
			out.push_back(m->name);
		return out;
	};
	EXPECT_EQ(names(layout.members_for({"print_it", "printk", "lone_public"})),
		  (Names{"core", "fmt", "print", "lone"}));
	EXPECT_EQ(names(layout.members_for({"printk"})), Names{});
	// Before compiling: what C text uses, through the runtime's macros
	// and inline functions too.
	EXPECT_EQ(names(layout.members_used_by("void f(void) { PRINT(); }\n")),
		  (Names{"core", "fmt"}));
	EXPECT_EQ(names(layout.members_used_by("int x = sizeof(struct lone);\n")), Names{});
}

TEST(RuntimeLayout, RejectsASymbolDefinedTwice)
{
	TempDir t;
	t.write("kbuild/members", "a: a\nb: b\n");
	t.write("a.c", "int shared;\n");
	t.write("b.c", "int shared = 1;\n");
	RuntimeLayout layout;
	std::string error;
	EXPECT_FALSE(read_runtime_layout(t.path(), layout, error));
	EXPECT_EQ(error, t / "kbuild/members" + ": members 'a' and 'b' both define shared");
}

TEST(RuntimeLayout, TheRealRuntimesCoreNeedsNoOtherMember)
{
	RuntimeLayout layout;
	std::string error;
	ASSERT_TRUE(read_runtime_layout(STAP_SOURCE_DIR "/runtime", layout, error)) << error;
	EXPECT_EQ(layout.members.front().needs, std::vector<std::string>{"stp_core"});
	for (const RuntimeMember& m : layout.members)
		EXPECT_FALSE(m.defines.empty()) << m.name;
	ASSERT_NE(layout.definer("stp_printf"), nullptr);
	EXPECT_EQ(layout.definer("stp_printf")->name, "format");
	EXPECT_EQ(layout.definer("stp_runtime_core")->name, "stp_core");
}
