#include "parse/tapset_library.h"
#include "parse_test_util.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

using namespace stap;
namespace fs = std::filesystem;

namespace
{

// A scratch directory tree, removed at the end of the test.
class TempTree
{
public:
	TempTree()
	{
		std::string templ = (fs::temp_directory_path() / "tapset_test.XXXXXX").string();
		root_ = mkdtemp(templ.data());
	}
	~TempTree()
	{
		std::error_code ec;
		fs::remove_all(root_, ec);
	}
	TempTree(const TempTree&) = delete;
	TempTree& operator=(const TempTree&) = delete;

	void write(const std::string& rel, const std::string& text)
	{
		fs::path p = root_ / rel;
		fs::create_directories(p.parent_path());
		std::ofstream(p) << text;
	}
	[[nodiscard]] std::string path(const std::string& rel = "") const
	{
		return (root_ / rel).string();
	}

private:
	fs::path root_;
};

TapsetSearch search_in(const std::vector<std::string>& dirs)
{
	TapsetSearch s;
	s.dirs = dirs;
	s.kernel_release = "6.1.0-56-cloud-amd64";
	s.kernel_version = "6.1.0";
	s.arch = "x86_64";
	return s;
}

std::string relative(const TempTree& t, const std::vector<std::string>& files)
{
	std::string out;
	for (const std::string& f : files)
		out += fs::relative(f, t.path()).string() + " ";
	return out;
}

} // namespace

TEST(TapsetLibrary, SearchOrderAndOverrides)
{
	TempTree t;
	t.write("lib/context.stp", "");
	t.write("lib/registers.stp", "");
	t.write("lib/x86_64/registers.stp", ""); // hides lib/registers.stp
	t.write("lib/arm64/registers.stp", "");  // another arch: ignored
	t.write("lib/linux/syscalls.stp", "");
	t.write("lib/linux/x86_64/syscalls.stp", ""); // hides lib/linux/syscalls.stp
	t.write("lib/linux/aux.stpm", "");
	t.write("lib/6.1/old.stp", "");
	t.write("lib/5.10/older.stp", ""); // another kernel: ignored
	t.write("lib/6.1.0-56-cloud-amd64/exact.stp", "");
	t.write("lib/README", "");
	t.write("extra/mine.stp", "");
	t.write("extra/context.stp", ""); // another base directory: both kept
	auto files = find_tapset_files(search_in({t.path("lib"), t.path("extra"), t.path("none")}));
	EXPECT_EQ(relative(t, files), "lib/linux/x86_64/syscalls.stp lib/linux/aux.stpm "
				      "lib/x86_64/registers.stp lib/6.1.0-56-cloud-amd64/exact.stp "
				      "lib/6.1/old.stp lib/context.stp extra/context.stp "
				      "extra/mine.stp ");
}

TEST(TapsetLibrary, LoadsMacrosFirstAndParsesEveryFile)
{
	TempTree t;
	t.write("lib/a_uses_macro.stp", "function f() { return @lib_value }\n");
	t.write("lib/z_macros.stpm", "@define lib_value %( 42 %)\n");
	t.write("lib/embedded.stp", "%{ #include <x.h> %}\nfunction g() %{ /* pure */ %}\n");
	SourceManager sources;
	Diagnostics diags(sources);
	ParseEnvironment env;
	ParseContext ctx(sources, diags, env);
	TapsetLibrary lib;
	lib.load(ctx, search_in({t.path("lib")}));
	EXPECT_FALSE(diags.has_errors());
	EXPECT_EQ(lib.macro_file_count(), 1u);
	ASSERT_EQ(lib.files().size(), 2u);
	for (const auto& f : lib.files())
		EXPECT_TRUE(f->is_tapset);
	const ast::File& uses = *lib.files()[0];
	EXPECT_EQ(fs::path(uses.name).filename(), "a_uses_macro.stp");
	std::ostringstream out;
	print_file(out, uses);
	EXPECT_EQ(out.str(), "function f () {\n\treturn 42;\n}\n");
	ASSERT_NE(lib.macros().find("lib_value"), nullptr);
}

TEST(TapsetLibrary, ErrorsInTapsetsAreReportedWithTheirFile)
{
	TempTree t;
	t.write("lib/broken.stp", "function f( {\n");
	SourceManager sources;
	Diagnostics diags(sources);
	ParseEnvironment env;
	ParseContext ctx(sources, diags, env);
	TapsetLibrary lib;
	lib.load(ctx, search_in({t.path("lib")}));
	ASSERT_TRUE(diags.has_errors());
	EXPECT_EQ(sources.describe(diags.all()[0].loc), t.path("lib/broken.stp") + ":1:13");
}
