#include "elaborate_test_util.h"

#include "parse/printer.h"

#include <gtest/gtest.h>

#include <algorithm>

using namespace stap;
using namespace stap::test;

namespace
{

// The names, sorted (the lists themselves are in program order).
std::vector<std::string> names(const std::vector<ast::GlobalVar*>& list)
{
	std::vector<std::string> out;
	for (const ast::GlobalVar* g : list)
		out.push_back(g->name);
	std::sort(out.begin(), out.end());
	return out;
}

} // namespace

TEST(GlobalAccess, DirectAndThroughCalls)
{
	auto e = elaborate_script("global a, b, c, d, s\n"
				  "function inner() { c = a; return c }\n"
				  "function outer() { return inner() + b }\n"
				  "probe begin { d[1] = outer(); s <<< 1; print(d[1]) }\n"
				  "probe end { a = 1; b = 2; print(@count(s)) }\n");
	ASSERT_TRUE(e->ok()) << e->messages();
	const GlobalAccess& inner = e->result.access(*e->function("inner"));
	EXPECT_EQ(names(inner.reads), (std::vector<std::string>{"a", "c"}));
	EXPECT_EQ(names(inner.writes), std::vector<std::string>{"c"});
	const GlobalAccess& outer = e->result.access(*e->function("outer"));
	EXPECT_EQ(names(outer.reads), (std::vector<std::string>{"a", "b", "c"}));
	EXPECT_EQ(names(outer.writes), std::vector<std::string>{"c"});
	const GlobalAccess& begin = e->result.access(*e->result.probes[0]->handler);
	EXPECT_EQ(names(begin.reads), (std::vector<std::string>{"a", "b", "c", "d"}));
	EXPECT_EQ(names(begin.writes), (std::vector<std::string>{"c", "d", "s"}));
	const GlobalAccess& end = e->result.access(*e->result.probes[1]->handler);
	EXPECT_EQ(names(end.reads), std::vector<std::string>{"s"});
	EXPECT_EQ(names(end.writes), (std::vector<std::string>{"a", "b"}));
}

TEST(GlobalAccess, RecursionAndConditions)
{
	auto e = elaborate_script("global n, on = 1\n"
				  "function r(k) { if (k > 0) return r(k - 1); n++; return n }\n"
				  "probe timer.ms(1) if (on) { print(r(3)) }\n");
	ASSERT_TRUE(e->ok()) << e->messages();
	const GlobalAccess& h = e->result.access(*e->result.probes[0]->handler);
	EXPECT_EQ(names(h.reads), (std::vector<std::string>{"n", "on"}));
	EXPECT_EQ(names(h.writes), std::vector<std::string>{"n"});
}

TEST(GlobalAccess, ArraysCannotChangeUnderForeach)
{
	EXPECT_EQ(elaborate_script("global a\n"
				   "probe begin { a[1] = 1; foreach (k in a) a[k + 1] = 2 }")
			  ->errors(),
		  "'a' is modified inside a foreach loop over it\n");
	EXPECT_EQ(elaborate_script("global a\nfunction add() { a[2]++ }\n"
				   "probe begin { a[1] = 1; foreach (k in a) add() }")
			  ->errors(),
		  "function 'add' modifies 'a' inside a foreach loop over it\n");
	EXPECT_TRUE(elaborate_script("global a, b\n"
				     "probe begin { a[1] = 1; foreach (k in a) { b[k] = a[k]; "
				     "delete a } print(b[1]) }")
			    ->ok());
}

TEST(GlobalPrinters, WrittenButNeverReadGlobalsArePrintedAtTheEnd)
{
	auto e = elaborate_script("global n, s, st, a\n"
				  "probe begin { n = 1; s = \"x\"; st <<< 1; a[\"k\", 2] = 3 }\n");
	ASSERT_TRUE(e->ok()) << e->messages();
	ASSERT_EQ(e->result.probes.size(), 5u);
	std::vector<std::string> bodies;
	for (std::size_t i = 1; i < 5; ++i) {
		EXPECT_EQ(to_string(e->result.probes[i]->point()), "end");
		std::ostringstream out;
		print_statement(out, *e->result.probes[i]->handler->body);
		bodies.push_back(out.str());
	}
	EXPECT_NE(bodies[0].find("printf(\"n=%d\\n\", n);"), std::string::npos) << bodies[0];
	EXPECT_NE(bodies[1].find("printf(\"s=\\\"%#s\\\"\\n\", s);"), std::string::npos)
		<< bodies[1];
	EXPECT_NE(bodies[2].find("@count(st) == 0"), std::string::npos) << bodies[2];
	EXPECT_NE(bodies[3].find("foreach (__val = [__idx0, __idx1] in a-)"), std::string::npos)
		<< bodies[3];
	// They are elaborated like the rest: typed, with their locals.
	EXPECT_EQ(e->local(4, "__idx0")->type, ast::Type::String);
	EXPECT_TRUE(e->result.access(*e->result.probes[4]->handler).reads_var(*e->global("a")));
}

TEST(GlobalPrinters, TapsetGlobalsAreNotPrinted)
{
	std::vector<LibraryFile> lib{{"lib.stp", "global written_only\n"
						 "function w() { written_only = 1 }\n"}};
	auto e = elaborate_script("probe begin { w() }", lib);
	ASSERT_TRUE(e->ok()) << e->messages();
	EXPECT_EQ(e->result.probes.size(), 1u);
}
