#include "elaborate_test_util.h"

#include "elaborate/probe_listing.h"

#include <gtest/gtest.h>

using namespace stap;
using namespace stap::test;

namespace
{

const std::vector<LibraryFile> kLibrary{
	{"sc.stp", "probe sc.open = timer.ms(1) { name = \"open\"; flags = 0 }\n"
		   "probe sc.read = timer.ms(2) { name = \"read\" }\n"
		   "probe sc.broken = kernel.function(\"x\") { name = \"broken\" }\n"
		   "probe __sc.internal = begin {}\n"},
	{"fn.stp", "function len:long (s:string) %{ /* pure */ /* unprivileged */ %}\n"
		   "function twice(x) { return 2 * x }\n"
		   "function _hidden() { return 1 }\n"
		   "private function priv() { return 1 }\n"},
};

// Elaborates nothing, but keeps the library and sources around.
std::unique_ptr<Elaborated> library()
{
	auto e = elaborate_script("probe begin { print(1) }", kLibrary);
	EXPECT_TRUE(e->ok()) << e->messages();
	return e;
}

std::vector<ListedProbe> list(Elaborated& e, const std::string& pattern, bool vars)
{
	ParseContext ctx(e.sources, e.diags, e.env);
	auto file = parse_file(ctx, e.sources.add_file("pattern", "probe " + pattern + " {}"),
			       FileKind::Script);
	ElaborateInput input{e.sources, e.diags, e.program, e.library, e.registry, nullptr, {}};
	return list_probe_points(input, *file->probes.at(0)->points.at(0), vars);
}

} // namespace

TEST(Listing, ProbePointsThatResolve)
{
	auto e = library();
	std::vector<std::string> points;
	for (const ListedProbe& p : list(*e, "sc.*", false))
		points.push_back(p.point);
	EXPECT_EQ(points, (std::vector<std::string>{"sc.open", "sc.read"}))
		<< "sc.broken needs a family not built yet";
	auto timers = list(*e, "timer.*", false);
	ASSERT_EQ(timers.size(), 1u);
	EXPECT_EQ(timers[0].point, "timer.profile");
	EXPECT_EQ(list(*e, "begin", false).at(0).point, "begin");
	EXPECT_TRUE(list(*e, "nothing*", false).empty());
	EXPECT_FALSE(e->diags.has_errors()) << e->messages();
}

TEST(Listing, VariablesOfAliases)
{
	auto e = library();
	auto open = list(*e, "sc.open", true);
	ASSERT_EQ(open.size(), 1u);
	EXPECT_EQ(open[0].variables, (std::vector<std::string>{"flags:long", "name:string"}));
}

TEST(Listing, LibraryFunctionsAndAliases)
{
	auto e = library();
	ElaborateInput input{e->sources,  e->diags, e->program, e->library,
			     e->registry, nullptr,  {}};
	EXPECT_EQ(list_library_aliases(input),
		  (std::vector<std::string>{"sc.broken = kernel.function(\"x\")",
					    "sc.open = timer.ms(1)", "sc.read = timer.ms(2)"}));
	// (Typing the functions pulls the whole library into the program.)
	EXPECT_EQ(list_library_functions(input),
		  (std::vector<std::string>{"len:long (s:string) /* unprivileged */",
					    "twice:long (x:long)"}));
}
