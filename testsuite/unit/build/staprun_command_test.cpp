#include "driver/remote.h"
#include "driver/staprun_command.h"

#include <gtest/gtest.h>

#include <algorithm>

using namespace stap;

using Args = std::vector<std::string>;

TEST(StaprunCommand, PlainRun)
{
	Options o;
	StaprunCommand c = staprun_command(o, "/bin/staprun", "/c/m.ko");
	EXPECT_EQ(c.error, "");
	EXPECT_EQ(c.argv, (Args{"/bin/staprun", "/c/m.ko"}));
}

TEST(StaprunCommand, RunOptionsGoToStaprun)
{
	Options o;
	o.verbose = 3;
	o.suppress_warnings = true;
	o.output_file = "out.txt";
	o.buffer_size_mb = 8;
	o.target_command = "ls -l";
	o.target_pid = 42;
	o.global_settings = {"x=1", "greeting=hi there"};
	StaprunCommand c = staprun_command(o, "staprun", "m.ko");
	EXPECT_EQ(c.argv, (Args{"staprun", "-v", "-v", "-w", "-o", "out.txt", "-b", "8", "-c",
				"ls -l", "-x", "42", "m.ko", "x=1", "greeting=hi there"}));
	// Remote runs write -o's file on the host.
	c = staprun_command(o, "staprun", "m.ko", false);
	EXPECT_EQ(std::count(c.argv.begin(), c.argv.end(), "-o"), 0);
}

TEST(StaprunCommand, PassFiveVerbosity)
{
	Options o;
	o.verbose = 1; // -v: stap talks, staprun not yet
	EXPECT_EQ(staprun_command(o, "s", "m.ko").argv, (Args{"s", "m.ko"}));
	o.pass_verbose[4] = 2; // --vp 00002
	EXPECT_EQ(staprun_command(o, "s", "m.ko").argv, (Args{"s", "-v", "-v", "m.ko"}));
}

TEST(StaprunCommand, TranslationOptionsDoNot)
{
	Options o;
	o.defines = {"MAXACTION=1"};
	o.bulk_mode = true; // compiled into the module
	o.guru_mode = true;
	o.keep_tmpdir = true;
	o.timeout_seconds = 5; // stap ends staprun itself
	EXPECT_EQ(staprun_command(o, "s", "m.ko").argv, (Args{"s", "m.ko"}));
}

TEST(StaprunCommand, BadGlobalSetting)
{
	Options o;
	o.global_settings = {"1x=2"};
	EXPECT_EQ(staprun_command(o, "s", "m.ko").error,
		  "invalid -G '1x=2': expected NAME=VALUE for a global");
	o.global_settings = {"novalue"};
	EXPECT_NE(staprun_command(o, "s", "m.ko").error, "");
}

TEST(Remote, ParsesQemuTargets)
{
	RemoteTarget t;
	std::string error;
	ASSERT_TRUE(parse_remotes({}, t, error));
	EXPECT_FALSE(t.qemu);
	ASSERT_TRUE(parse_remotes({"qemu"}, t, error));
	EXPECT_TRUE(t.qemu);
	EXPECT_EQ(t.kernel_spec, "");
	ASSERT_TRUE(parse_remotes({"qemu:6.1"}, t, error));
	EXPECT_EQ(t.kernel_spec, "6.1");
	EXPECT_FALSE(parse_remotes({"ssh://host"}, t, error));
	EXPECT_EQ(error, "unsupported --remote 'ssh://host': the supported target is "
			 "qemu[:RELEASE] (a disposable VM booting an installed kernel)");
	EXPECT_FALSE(parse_remotes({"qemu", "qemu:6.12"}, t, error));
	EXPECT_EQ(error, "only one --remote target is supported");
}

TEST(Remote, RunnerCommand)
{
	InstallPaths p;
	p.vm_dir = "/share/vm";
	p.bin_dir = "/bin";
	EXPECT_EQ(vm_stream_command(p, "6.1.0-x", "/cache/vm", "/c/m.ko", "/work/m.ko",
				    "exec staprun /work/m.ko", "", false),
		  (Args{"/usr/bin/env", "tclsh", "/share/vm/stap-vm", "--stream", "--kernel",
			"6.1.0-x", "--bin-dir", "/bin", "--cache-dir", "/cache/vm", "--file",
			"/c/m.ko:/work/m.ko", "--", "exec staprun /work/m.ko"}));
	EXPECT_EQ(vm_stream_command(p, "r", "/c", "m.ko", "/work/m.ko", "x", "/work/out:.", true),
		  (Args{"/usr/bin/env", "tclsh", "/share/vm/stap-vm", "--stream", "--kernel", "r",
			"--bin-dir", "/bin", "--cache-dir", "/c", "--file", "m.ko:/work/m.ko",
			"--fetch", "/work/out:.", "-v", "--", "x"}));
}
