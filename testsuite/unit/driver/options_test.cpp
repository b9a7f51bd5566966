#include "driver/options.h"

#include <gtest/gtest.h>

#include <initializer_list>
#include <vector>

using namespace stap;

namespace
{

ParsedCommandLine parse(std::initializer_list<const char*> args)
{
	std::vector<const char*> argv{"stap"};
	argv.insert(argv.end(), args);
	return parse_command_line(static_cast<int>(argv.size()), argv.data());
}

} // namespace

TEST(Options, ScriptFileAndArguments)
{
	auto r = parse({"-v", "t.stp", "-x", "foo"});
	ASSERT_EQ(r.error, "");
	EXPECT_EQ(*r.options.script_file, "t.stp");
	// Options end at the script name: the rest are the script's arguments.
	EXPECT_EQ(r.options.script_args, (std::vector<std::string>{"-x", "foo"}));
	EXPECT_EQ(r.options.verbose, 1);
}

TEST(Options, ScriptTextTakesNoFile)
{
	auto r = parse({"-e", "probe begin { exit() }", "a", "b"});
	ASSERT_EQ(r.error, "");
	EXPECT_FALSE(r.options.script_file);
	EXPECT_EQ(*r.options.script_text, "probe begin { exit() }");
	EXPECT_EQ(r.options.script_args, (std::vector<std::string>{"a", "b"}));
}

TEST(Options, StickyAndRepeatedShortOptions)
{
	auto r = parse({"-vvv", "-p4", "-DMAXACTION=10", "-D", "FOO", "-gkuw", "-"});
	ASSERT_EQ(r.error, "");
	EXPECT_EQ(r.options.verbose, 3);
	EXPECT_EQ(r.options.last_pass, 4);
	EXPECT_EQ(r.options.defines, (std::vector<std::string>{"MAXACTION=10", "FOO"}));
	EXPECT_TRUE(r.options.guru_mode);
	EXPECT_TRUE(r.options.keep_tmpdir);
	EXPECT_TRUE(r.options.unoptimized);
	EXPECT_TRUE(r.options.suppress_warnings);
	EXPECT_EQ(*r.options.script_file, "-");
}

TEST(Options, DoubleDashEndsOptions)
{
	auto r = parse({"-e", "probe begin {}", "--", "-v"});
	ASSERT_EQ(r.error, "");
	EXPECT_EQ(r.options.verbose, 0);
	EXPECT_EQ(r.options.script_args, (std::vector<std::string>{"-v"}));
}

TEST(Options, PerPassVerbosity)
{
	auto r = parse({"-v", "--vp", "00004", "t.stp"});
	ASSERT_EQ(r.error, "");
	EXPECT_EQ(r.options.verbosity(1), 1);
	EXPECT_EQ(r.options.verbosity(5), 5);
}

TEST(Options, ValuesAreChecked)
{
	EXPECT_EQ(parse({"-p", "7", "t.stp"}).error, "invalid pass number '7' (should be 1-5)");
	EXPECT_EQ(parse({"-x", "abc", "t.stp"}).error,
		  "invalid process id 'abc' (should be 1-2147483647)");
	EXPECT_NE(parse({"--no-such-option"}).error, "");
	EXPECT_NE(parse({"-p"}).error, "");
}

TEST(Options, LongOptionsWithOptionalValues)
{
	auto r = parse(
		{"--color", "--privilege=stapusr", "--remote=qemu", "--disable-cache", "t.stp"});
	ASSERT_EQ(r.error, "");
	EXPECT_EQ(r.options.color, "always");
	EXPECT_EQ(r.options.privilege, "stapusr");
	EXPECT_EQ(r.options.remotes, (std::vector<std::string>{"qemu"}));
	EXPECT_TRUE(r.options.disable_cache);
}

TEST(Options, ValuesThatLookLikeOptionNames)
{
	// "bulk" and "output" are also long option names: as values they are
	// values.
	auto r = parse({"-m", "bulk", "-o", "output", "-c", "help", "-e", "probe begin {}", "x"});
	ASSERT_EQ(r.error, "");
	EXPECT_EQ(r.options.module_name, "bulk");
	EXPECT_EQ(r.options.output_file, "output");
	EXPECT_EQ(r.options.target_command, "help");
	EXPECT_EQ(r.options.script_args, (std::vector<std::string>{"x"}));
}

TEST(Options, WhereTheScriptBegins)
{
	// A value glued to its option, an abbreviated long option with its
	// value, a value after "=", and flags before an option with a value.
	auto r = parse({"-p4", "--disable-c", "--modinfo", "a=b", "--output=o", "-vkm", "mod",
			"t.stp", "-p3"});
	ASSERT_EQ(r.error, "");
	EXPECT_EQ(r.options.last_pass, 4);
	EXPECT_TRUE(r.options.disable_cache);
	EXPECT_EQ(r.options.modinfo, (std::vector<std::string>{"a=b"}));
	EXPECT_EQ(r.options.output_file, "o");
	EXPECT_EQ(r.options.module_name, "mod");
	EXPECT_EQ(*r.options.script_file, "t.stp");
	EXPECT_EQ(r.options.script_args, (std::vector<std::string>{"-p3"}));
}
