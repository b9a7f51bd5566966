#include "elaborate_test_util.h"

#include "parse/printer.h"

#include <gtest/gtest.h>

using namespace stap;
using namespace stap::test;

namespace
{

// The user's part of the body of derived probe `i`.
std::string body(const Elaborated& e, std::size_t i = 0)
{
	std::ostringstream out;
	for (const auto& piece : e.result.probes.at(i)->handler->body->statements)
		print_statement(out, *piece);
	return out.str();
}

std::vector<std::string> warnings(const Elaborated& e)
{
	std::vector<std::string> out;
	for (const Diagnostic& d : e.diags.all())
		if (d.kind == DiagKind::Warning)
			out.push_back(e.sources.describe(d.loc) + ": " + d.message);
	return out;
}

ElaborateOptions verbose()
{
	ElaborateOptions o;
	o.verbosity = 1;
	return o;
}

} // namespace

TEST(Optimizer, FoldsConstants)
{
	auto e = elaborate_script("probe begin { print(1 + 2 * 3, -(-4), !0, ~0, 7 / 2, 7 % 2, "
				  "1 << 3, -16 >> 2, 3 > 2, \"a\" < \"b\", \"a\" . \"b\", "
				  "0 && x, 1 || x, 1 ? \"t\" : \"f\") }");
	ASSERT_TRUE(e->ok()) << e->messages();
	EXPECT_EQ(body(*e),
		  "{\n\tprint(7, 4, 1, -1, 3, 1, 8, -4, 1, 1, \"ab\", 0, 1, \"t\");\n}\n");
}

TEST(Optimizer, LeavesRunTimeErrorsToRunTime)
{
	auto e = elaborate_script("probe begin { print(1 / 0, 1 % 0, 1 << 64) }");
	ASSERT_TRUE(e->ok()) << e->messages();
	EXPECT_EQ(body(*e), "{\n\tprint(1 / 0, 1 % 0, 1 << 64);\n}\n");
}

TEST(Optimizer, CollapsesConstantConditions)
{
	auto e = elaborate_script(
		"probe begin { if (1) print(1) else print(2)\n"
		"if (0) print(3)\nwhile (0) print(4)\nfor (i = 0; 0; i++) print(5)\n"
		"if (2 > 1) { print(6) } }");
	ASSERT_TRUE(e->ok()) << e->messages();
	EXPECT_EQ(body(*e), "{\n\tprint(1);\n\t{\n\t\tprint(6);\n\t}\n}\n");
	EXPECT_EQ(e->result.probes[0]->handler->locals.size(), 0u) << "i went with its loop";
}

TEST(Optimizer, ElidesWritesToUnreadLocalsKeepingSideEffects)
{
	auto e = elaborate_script("global g\n"
				  "function bump() { g++; return g }\n"
				  "probe begin { a = 1; b = bump(); c += 2; d++; print(g) }");
	ASSERT_TRUE(e->ok()) << e->messages();
	EXPECT_EQ(body(*e), "{\n\tbump();\n\tprint(g);\n}\n");
	EXPECT_EQ(warnings(*e), (std::vector<std::string>{
					"t.stp:3:17: Eliding assignment to 'a'",
					"t.stp:3:15: Eliding side-effect-free expression",
					"t.stp:3:24: Eliding assignment to 'b'",
					"t.stp:3:36: Eliding assignment to 'c'",
					"t.stp:3:34: Eliding side-effect-free expression",
					"t.stp:3:43: Eliding assignment to 'd'",
				}));
	EXPECT_TRUE(e->result.probes[0]->handler->locals.empty());
}

TEST(Optimizer, PureFunctionsAndEmbeddedCPragmas)
{
	auto e = elaborate_script("function pure_fn(x) { y = x * 2; return y }\n"
				  "function noisy() { print(1); return 1 }\n"
				  "function c_pure:long () %{ /* pure */ STAP_RETVALUE = 1; %}\n"
				  "function c_noisy:long () %{ STAP_RETVALUE = 1; %}\n"
				  "probe begin { pure_fn(1); noisy(); c_pure(); c_noisy(); "
				  "sprintf(\"%d\", 1) }");
	ASSERT_TRUE(e->ok()) << e->messages();
	EXPECT_EQ(body(*e), "{\n\tnoisy();\n\tc_noisy();\n}\n");
	EXPECT_EQ(e->function("pure_fn"), nullptr) << "no longer reachable";
	EXPECT_EQ(e->function("c_pure"), nullptr);
	EXPECT_NE(e->function("noisy"), nullptr);
}

TEST(Optimizer, UnusedFunctionsAndVariablesAreReportedWithVerbose)
{
	const char* script = "global g\n"
			     "function f() { return 1 }\n"
			     "probe begin { x = f(); g = 1 }\n";
	auto quiet = elaborate_script(script);
	ASSERT_TRUE(quiet->ok()) << quiet->messages();
	EXPECT_EQ(warnings(*quiet).size(), 2u);
	auto loud = elaborate_script(script, {}, verbose());
	EXPECT_EQ(warnings(*loud), (std::vector<std::string>{
					   "t.stp:3:17: Eliding assignment to 'x'",
					   "t.stp:3:15: Eliding side-effect-free expression",
					   "t.stp:2:10: Eliding unused function 'f'",
					   "t.stp:3:15: Eliding unused variable 'x'",
				   }));
}

TEST(Optimizer, EmptyProbesAreElided)
{
	auto e = elaborate_script("probe begin { x = 1 }\nprobe end { print(1) }");
	ASSERT_TRUE(e->ok()) << e->messages();
	ASSERT_EQ(e->result.probes.size(), 1u);
	EXPECT_EQ(to_string(e->result.probes[0]->point()), "end");
	EXPECT_EQ(warnings(*e).back(), "t.stp:1:1: Probe 'begin' has been elided");
	auto none = elaborate_script("probe begin { }");
	EXPECT_EQ(none->errors(), "no probes found\n");
}

TEST(Optimizer, NeverAssignedVariablesWarn)
{
	auto e = elaborate_script(
		"global total\nprobe begin { count = 1; print(coutn, count, total) }");
	EXPECT_EQ(warnings(*e), (std::vector<std::string>{
					"t.stp:2:32: never-assigned local variable 'coutn'",
					"t.stp:1:8: never-assigned global variable 'total'",
				}));
	EXPECT_EQ(e->diags.all().at(0).notes.at(0).message, "did you mean 'count'?");
}

TEST(Optimizer, TapsetCodeIsElidedSilently)
{
	std::vector<LibraryFile> lib{{"lib.stp",
				      "probe lib.ev = begin { unused = 1; name = \"ev\" }\n"
				      "function helper() { t = 5; return 1 }\n"}};
	auto e = elaborate_script("probe lib.ev { print(helper()) }", lib, verbose());
	ASSERT_TRUE(e->ok()) << e->messages();
	EXPECT_TRUE(warnings(*e).empty()) << e->messages();
	EXPECT_EQ(body(*e), "{\n\tprint(helper());\n}\n") << "the prologue is gone";
}

TEST(Optimizer, DashUTurnsItOff)
{
	auto e = elaborate_script("function f() { return 1 }\nprobe begin { x = 1 + 2; f() }\n"
				  "probe end {}",
				  {}, unoptimized());
	ASSERT_TRUE(e->ok()) << e->messages();
	EXPECT_TRUE(warnings(*e).empty());
	EXPECT_EQ(body(*e), "{\n\tx = 1 + 2;\n\tf();\n}\n");
	EXPECT_EQ(e->result.probes.size(), 2u);
}
