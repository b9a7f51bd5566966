// staprun's command line (staprun(8) spellings).
#include "options.h"

#include <gtest/gtest.h>

#include <vector>

namespace
{

staprun::ParsedCommandLine parse(std::vector<const char*> args)
{
	args.insert(args.begin(), "staprun");
	return staprun::parse_command_line(static_cast<int>(args.size()), args.data());
}

TEST(StaprunOptions, ModuleAndItsSettings)
{
	auto r = parse({"-v", "-v", "-o", "out", "-c", "ls -l", "mod.ko", "a=1", "b=x y"});
	ASSERT_EQ(r.error, "");
	EXPECT_EQ(r.options.verbose, 2);
	EXPECT_EQ(r.options.output_file, "out");
	EXPECT_EQ(r.options.target_command, "ls -l");
	EXPECT_EQ(r.options.module, "mod.ko");
	EXPECT_EQ(r.options.module_args, (std::vector<std::string>{"a=1", "b=x y"}));
}

TEST(StaprunOptions, OptionsEndAtTheModule)
{
	auto r = parse({"mod.ko", "-v"});
	ASSERT_EQ(r.error, "");
	EXPECT_EQ(r.options.verbose, 0);
	EXPECT_EQ(r.options.module_args, (std::vector<std::string>{"-v"}));
}

TEST(StaprunOptions, NumbersAreChecked)
{
	EXPECT_EQ(parse({"-b", "4", "m.ko"}).options.buffer_size_mb, 4);
	EXPECT_NE(parse({"-b", "0", "m.ko"}).error, "");
	EXPECT_NE(parse({"-b", "4096", "m.ko"}).error, "");
	EXPECT_EQ(parse({"-x", "42", "m.ko"}).options.target_pid, 42);
	EXPECT_NE(parse({"-x", "abc", "m.ko"}).error, "");
	EXPECT_EQ(parse({"-T", "50", "m.ko"}).options.reader_timeout_ms, 50);
	EXPECT_NE(parse({"-C", "sometimes", "m.ko"}).error, "");
	EXPECT_NE(parse({"--no-such-option", "m.ko"}).error, "");
}

} // namespace
