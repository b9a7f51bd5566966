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
