#include "build/cache_key.h"

#include "temp_dir.h"

#include <gtest/gtest.h>

#include <functional>

using namespace stap;

namespace
{

// Everything a key is computed from, with files in a temporary directory.
class KeyInputs
{
public:
	KeyInputs()
	{
		t.write("tapset/a.stp", "function a() { return 1 }\n");
		t.write("tapset/sub/b.stp", "function b() { return 2 }\n");
		t.write("include/c.stp", "function c() { return 3 }\n");
		t.write("runtime/map.c", "/* map */\n");
		t.write("runtime/autoconf/x.c", "/* probe */\n");
		paths.runtime_dir = t / "runtime";
		paths.tapset_dir = t / "tapset";
		kernel.release = "6.1.0-test";
		kernel.build_dir = "/lib/modules/6.1.0-test/build";
		kernel.digest = std::string(64, 'a');
		opts.script_file = "t.stp";
		scripts.sources.push_back({"t.stp", "probe begin { exit() }\n"});
	}

	[[nodiscard]] std::string key() const
	{
		std::vector<std::string> dirs{paths.tapset_dir};
		for (const std::string& d : opts.include_dirs)
			dirs.push_back(d);
		return module_cache_key(opts, scripts, kernel, paths, dirs, translator);
	}

	TempDir t;
	Options opts;
	ScriptInputs scripts;
	KernelIdentity kernel;
	InstallPaths paths;
	std::string translator = "0.1.0/abcdef";
};

using Change = std::function<void(KeyInputs&)>;

} // namespace

TEST(CacheKey, IsStable)
{
	KeyInputs in;
	EXPECT_EQ(in.key(), in.key());
	EXPECT_EQ(in.key().size(), 64u);
	KeyInputs other;
	// Another directory with the same contents: the paths differ.
	EXPECT_NE(in.key(), other.key());
}

TEST(CacheKey, EveryInputChangesIt)
{
	std::vector<std::pair<const char*, Change>> changes = {
		{"script text", [](KeyInputs& i) { i.scripts.sources[0].text += " "; }},
		{"script name", [](KeyInputs& i) { i.scripts.sources[0].name = "u.stp"; }},
		{"-E script",
		 [](KeyInputs& i) {
			 i.scripts.sources.push_back({"<input>", "x"});
		 }},
		{"script argument", [](KeyInputs& i) { i.opts.script_args = {"1"}; }},
		{"script arguments' boundaries",
		 [](KeyInputs& i) {
			 i.opts.script_args = {"", ""};
		 }},
		{"tapset file", [](KeyInputs& i) { i.t.write("tapset/sub/b.stp", "changed"); }},
		{"new tapset file", [](KeyInputs& i) { i.t.write("tapset/new.stp", ""); }},
		{"-I directory", [](KeyInputs& i) { i.opts.include_dirs = {i.t / "include"}; }},
		{"runtime file", [](KeyInputs& i) { i.t.write("runtime/map.c", "/* new */"); }},
		{"runtime probe", [](KeyInputs& i) { i.t.write("runtime/autoconf/y.c", ""); }},
		{"runtime directory (-R)",
		 [](KeyInputs& i) { i.paths.runtime_dir = i.t / "include"; }},
		{"kernel release", [](KeyInputs& i) { i.kernel.release = "6.12.0-test"; }},
		{"kernel build tree", [](KeyInputs& i) { i.kernel.build_dir = "/usr/src/other"; }},
		{"kernel configuration", [](KeyInputs& i) { i.kernel.digest[0] = 'b'; }},
		{"translator", [](KeyInputs& i) { i.translator = "0.1.0/fedcba"; }},
		{"-D", [](KeyInputs& i) { i.opts.defines = {"MAXACTION=10"}; }},
		{"-B", [](KeyInputs& i) { i.opts.make_defines = {"CONFIG_X=y"}; }},
		{"--modinfo", [](KeyInputs& i) { i.opts.modinfo = {"a=b"}; }},
		{"-m", [](KeyInputs& i) { i.opts.module_name = "mine"; }},
		{"-g", [](KeyInputs& i) { i.opts.guru_mode = true; }},
		{"-u", [](KeyInputs& i) { i.opts.unoptimized = true; }},
		{"-W", [](KeyInputs& i) { i.opts.warnings_as_errors = true; }},
		{"-b", [](KeyInputs& i) { i.opts.bulk_mode = true; }},
		{"-s", [](KeyInputs& i) { i.opts.buffer_size_mb = 4; }},
		{"--privilege", [](KeyInputs& i) { i.opts.privilege = "stapusr"; }},
		{"--compatible", [](KeyInputs& i) { i.opts.compatible = "4.0"; }},
		{"--skip-badvars", [](KeyInputs& i) { i.opts.skip_badvars = true; }},
		{"--suppress-handler-errors",
		 [](KeyInputs& i) { i.opts.suppress_handler_errors = true; }},
		{"--suppress-time-limits",
		 [](KeyInputs& i) { i.opts.suppress_time_limits = true; }},
		{"--c-source",
		 [](KeyInputs& i) {
			 i.t.write("c/m.c", "/* module */");
			 i.opts.c_source_file = i.t / "c/m.c";
		 }},
	};
	for (auto& [what, change] : changes) {
		KeyInputs in;
		std::string before = in.key();
		change(in);
		EXPECT_NE(in.key(), before) << what;
	}
}

TEST(CacheKey, TheCSourceHeadersCount)
{
	KeyInputs in;
	in.t.write("c/m.c", "#include \"limits.h\"\n");
	in.t.write("c/limits.h", "#define A 1\n");
	in.opts.c_source_file = in.t / "c/m.c";
	std::string before = in.key();
	in.t.write("c/limits.h", "#define A 2\n");
	EXPECT_NE(in.key(), before);
	before = in.key();
	in.t.write("c/notes.txt", "not a header");
	EXPECT_EQ(in.key(), before);
}

TEST(CacheKey, NothingElseChangesIt)
{
	std::vector<std::pair<const char*, Change>> changes = {
		{"-p", [](KeyInputs& i) { i.opts.last_pass = 4; }},
		{"-v", [](KeyInputs& i) { i.opts.verbose = 3; }},
		{"--vp", [](KeyInputs& i) { i.opts.pass_verbose[4] = 2; }},
		{"-k", [](KeyInputs& i) { i.opts.keep_tmpdir = true; }},
		{"-w", [](KeyInputs& i) { i.opts.suppress_warnings = true; }},
		{"-o", [](KeyInputs& i) { i.opts.output_file = "out"; }},
		{"-c", [](KeyInputs& i) { i.opts.target_command = "ls"; }},
		{"-x", [](KeyInputs& i) { i.opts.target_pid = 12; }},
		{"-G", [](KeyInputs& i) { i.opts.global_settings = {"x=1"}; }},
		{"-T", [](KeyInputs& i) { i.opts.timeout_seconds = 5; }},
		{"-F", [](KeyInputs& i) { i.opts.detach = true; }},
		{"--remote", [](KeyInputs& i) { i.opts.remotes = {"qemu"}; }},
		{"--disable-cache", [](KeyInputs& i) { i.opts.disable_cache = true; }},
		{"--poison-cache", [](KeyInputs& i) { i.opts.poison_cache = true; }},
		{"--color", [](KeyInputs& i) { i.opts.color = "never"; }},
		{"-r (the kernel counts through its identity)",
		 [](KeyInputs& i) { i.opts.kernel_release = "x"; }},
		{"-R (the runtime counts through its directory)",
		 [](KeyInputs& i) { i.opts.runtime_dir = "/x"; }},
		{"a file next to the tapsets' directory",
		 [](KeyInputs& i) { i.t.write("x", "x"); }},
		{"a hidden tapset file", [](KeyInputs& i) { i.t.write("tapset/.swp", "x"); }},
	};
	for (auto& [what, change] : changes) {
		KeyInputs in;
		std::string before = in.key();
		change(in);
		EXPECT_EQ(in.key(), before) << what;
	}
}

TEST(CacheKey, ScriptInputs)
{
	TempDir t;
	t.write("s.stp", "probe begin {}\n");
	Options o;
	o.script_file = t / "s.stp";
	o.extra_scripts = {"probe end {}"};
	std::optional<ScriptInputs> in = gather_script_inputs(o);
	ASSERT_TRUE(in);
	ASSERT_EQ(in->sources.size(), 2u);
	EXPECT_EQ(in->sources[0].name, t / "s.stp");
	EXPECT_EQ(in->sources[0].text, "probe begin {}\n");
	EXPECT_EQ(in->sources[1].name, "<input>");

	o.script_file = t / "missing.stp";
	EXPECT_FALSE(gather_script_inputs(o));

	Options e;
	e.script_text = "probe begin {}";
	in = gather_script_inputs(e);
	ASSERT_TRUE(in);
	EXPECT_EQ(in->sources[0].name, "<input>");
}

TEST(CacheKey, DefaultModuleName)
{
	std::string key(64, '0');
	key.replace(0, 6, "abc123");
	EXPECT_EQ(default_module_name(key), "stap_abc12300000000000000000000000000");
	EXPECT_EQ(default_module_name(key).size(), 37u);
}
