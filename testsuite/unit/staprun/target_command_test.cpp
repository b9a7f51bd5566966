// How -c CMD becomes an argument vector.
#include "target_command.h"

#include <gtest/gtest.h>

namespace
{

using V = std::vector<std::string>;

TEST(CommandArgv, SplitsWordsLikeAShell)
{
	EXPECT_EQ(staprun::command_argv("ls -l /tmp"), (V{"ls", "-l", "/tmp"}));
	EXPECT_EQ(staprun::command_argv("echo 'a b' \"c d\""), (V{"echo", "a b", "c d"}));
}

TEST(CommandArgv, UsesTheShellForShellSyntax)
{
	EXPECT_EQ(staprun::command_argv("ls | wc -l"), (V{"/bin/sh", "-c", "ls | wc -l"}));
	EXPECT_EQ(staprun::command_argv("echo $(date)"), (V{"/bin/sh", "-c", "echo $(date)"}));
	EXPECT_EQ(staprun::command_argv("a > b"), (V{"/bin/sh", "-c", "a > b"}));
}

} // namespace
