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

TEST(RuntimeLayout, TheRealRuntimeReads)
{
	RuntimeLayout layout;
	std::string error;
	ASSERT_TRUE(read_runtime_layout(STAP_SOURCE_DIR "/runtime", layout, error)) << error;
	EXPECT_EQ(layout.members.front().name, "stp_core");
	EXPECT_FALSE(layout.probes.empty());
}
