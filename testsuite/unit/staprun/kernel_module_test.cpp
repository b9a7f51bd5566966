// Module parameters for script globals (staprun MOD.ko NAME=VALUE).
#include "kernel_module.h"

#include <gtest/gtest.h>

namespace
{

staprun::ModuleInfo info()
{
	staprun::ModuleInfo i;
	i.params = {{"count", "long"}, {"greeting", "string"}, {"_stp_bufsize", "uint"}};
	return i;
}

TEST(BuildParams, PassesSettingsAndTheBufferSize)
{
	auto p = staprun::build_params(info(), {"count=-0x10", "greeting=hello"}, 4);
	EXPECT_EQ(p.error, "");
	EXPECT_EQ(p.text, "count=-0x10 greeting=hello _stp_bufsize=4");
	EXPECT_EQ(staprun::build_params(info(), {}, 0).text, "");
}

TEST(BuildParams, QuotesValuesWithSpaces)
{
	auto p = staprun::build_params(info(), {"greeting=hi there"}, 0);
	EXPECT_EQ(p.text, "greeting=\"hi there\"");
	EXPECT_EQ(staprun::build_params(info(), {"greeting="}, 0).text, "greeting=");
}

TEST(BuildParams, RefusesWhatTheModuleCannotTake)
{
	EXPECT_EQ(staprun::build_params(info(), {"nosuch=1"}, 0).error,
		  "the module has no global 'nosuch' to set (it has: count, greeting)");
	EXPECT_EQ(staprun::build_params(info(), {"_stp_bufsize=1"}, 0).error,
		  "the module has no global '_stp_bufsize' to set (it has: count, greeting)");
	EXPECT_EQ(staprun::build_params(info(), {"count=abc"}, 0).error,
		  "global 'count' takes a number, not 'abc'");
	EXPECT_EQ(staprun::build_params(info(), {"count=12x"}, 0).error,
		  "global 'count' takes a number, not '12x'");
	EXPECT_EQ(staprun::build_params(info(), {"count"}, 0).error,
		  "module option 'count' is not NAME=VALUE");
	EXPECT_EQ(staprun::build_params(info(), {"greeting=say \"hi\""}, 0).error,
		  "the value of 'greeting' cannot contain '\"'");
	staprun::ModuleInfo none;
	EXPECT_EQ(staprun::build_params(none, {"x=1"}, 0).error,
		  "the module has no global 'x' to set (it has none)");
}

TEST(BuildParams, NumbersAsTheKernelParsesThem)
{
	for (const char* ok : {"count=0", "count=-5", "count=+7", "count=0x1F", "count=017"})
		EXPECT_EQ(staprun::build_params(info(), {ok}, 0).error, "") << ok;
	for (const char* bad : {"count=", "count=-", "count=0x", "count=09", "count=1.5"})
		EXPECT_NE(staprun::build_params(info(), {bad}, 0).error, "") << bad;
}

TEST(DebugfsDir, FollowsTheProtocol)
{
	EXPECT_EQ(staprun::module_debugfs_dir("example"), "/sys/kernel/debug/stapforge/example");
}

} // namespace
