#include "elaborate_test_util.h"

#include "parse/printer.h"

#include <gtest/gtest.h>

using namespace stap;
using namespace stap::test;

namespace
{

// The statements of the handler of derived probe `i`, one per line: each
// piece (prologues, the body, epilogues) is a block of its own.
std::string body(const Elaborated& e, std::size_t i = 0)
{
	std::ostringstream out;
	for (const auto& piece : e.result.probes.at(i)->handler->body->statements)
		print_statement(out, *piece);
	return out.str();
}

std::string origin(const Elaborated& e, std::size_t i = 0)
{
	return e.result.probes.at(i)->origin;
}

std::string point(const Elaborated& e, std::size_t i = 0)
{
	const DerivedProbe& d = *e.result.probes.at(i);
	std::string text = to_string(d.point());
	if (const auto& cond = d.handler->points.front()->condition)
		text += " if (" + to_string(*cond) + ")";
	return text;
}

} // namespace

TEST(AliasExpansion, PrologueBodyEpilogueInOrder)
{
	auto e = elaborate_script("probe a = begin { x = 1 }, { print(x + y) }\n"
				  "probe a { y = 2 }\n",
				  {}, unoptimized());
	ASSERT_TRUE(e->ok()) << e->messages();
	EXPECT_EQ(body(*e), "{\n\tx = 1;\n}\n{\n\ty = 2;\n}\n{\n\tprint(x + y);\n}\n");
	EXPECT_EQ(origin(*e), "a = begin <- a");
	// One set of locals for all three pieces.
	EXPECT_EQ(e->result.probes[0]->handler->locals.size(), 2u);
}

TEST(AliasExpansion, EpilogueAlias)
{
	auto e = elaborate_script("probe a += end { print(x) }\nprobe a { x = 2 }\n", {},
				  unoptimized());
	ASSERT_TRUE(e->ok()) << e->messages();
	EXPECT_EQ(body(*e), "{\n\tx = 2;\n}\n{\n\tprint(x);\n}\n");
	EXPECT_EQ(origin(*e), "a += end <- a");
}

TEST(AliasExpansion, AliasesOfAliasesRunTheInnermostPrologueFirst)
{
	auto e = elaborate_script("probe one = begin { a = 1 }\n"
				  "probe two = one { b = a }\n"
				  "probe three = two { c = b }\n"
				  "probe three { print(c) }\n",
				  {}, unoptimized());
	ASSERT_TRUE(e->ok()) << e->messages();
	EXPECT_EQ(body(*e), "{\n\ta = 1;\n}\n{\n\tb = a;\n}\n{\n\tc = b;\n}\n{\n\tprint(c);\n}\n");
	EXPECT_EQ(origin(*e), "one = begin <- two = one <- three = two <- three");
}

TEST(AliasExpansion, EveryTargetAndEveryDefinitionExpands)
{
	auto e = elaborate_script("probe a = begin, end { x = 1 }\n"
				  "probe a = error { x = 2 }\n"
				  "probe a, never { x += 1; print(x) }\n");
	ASSERT_TRUE(e->ok()) << e->messages();
	ASSERT_EQ(e->result.probes.size(), 4u);
	EXPECT_EQ(point(*e, 0), "begin");
	EXPECT_EQ(point(*e, 1), "end");
	EXPECT_EQ(point(*e, 2), "error");
	EXPECT_EQ(point(*e, 3), "never");
	EXPECT_EQ(origin(*e, 2), "a = error <- a,never");
	EXPECT_EQ(origin(*e, 3), "a,never");
}

TEST(AliasExpansion, SuffixesGoOntoTheTargets)
{
	auto e = elaborate_script("probe tick = timer.ms(10), timer.s(1) { n = 1 }\n"
				  "probe tick.randomize(1) { print(n) }\n");
	ASSERT_TRUE(e->ok()) << e->messages();
	ASSERT_EQ(e->result.probes.size(), 2u);
	EXPECT_EQ(point(*e, 0), "timer.ms(10).randomize(1)");
	EXPECT_EQ(point(*e, 1), "timer.s(1).randomize(1)");
}

TEST(AliasExpansion, WildcardsMatchAliasNames)
{
	auto e = elaborate_script("probe sc.open = timer.ms(1) { name = \"open\" }\n"
				  "probe sc.read = timer.ms(2) { name = \"read\" }\n"
				  "probe sc.read.return = timer.ms(3) { name = \"read\" }\n"
				  "probe sc.* { print(name) }\n");
	ASSERT_TRUE(e->ok()) << e->messages();
	ASSERT_EQ(e->result.probes.size(), 2u);
	EXPECT_EQ(origin(*e, 0), "sc.open = timer.ms(1) <- sc.*");
	EXPECT_EQ(origin(*e, 1), "sc.read = timer.ms(2) <- sc.*");
}

TEST(AliasExpansion, ConditionsAreAndedInnermostFirst)
{
	auto e = elaborate_script("global on, level\n"
				  "probe a = timer.ms(5) if (on) { x = 1 }\n"
				  "probe a if (level > 2) { print(x) }\n"
				  "probe begin { on = 1; level = 3 }\n");
	ASSERT_TRUE(e->ok()) << e->messages();
	EXPECT_EQ(point(*e, 0), "timer.ms(5) if (on && (level > 2))");
	const auto& cond = *e->result.probes[0]->handler->points.front()->condition;
	EXPECT_EQ(cond.type, ast::Type::Long);
}

TEST(AliasExpansion, OptionalPointsAndTargetsMayFailQuietly)
{
	auto e = elaborate_script(
		"probe a = kernel.function(\"f\")?, nothing.here?, begin { x = 1 }\n"
		"probe a { print(x) }\n"
		"probe no.such.point?, end { print(2) }\n");
	ASSERT_TRUE(e->ok()) << e->messages();
	ASSERT_EQ(e->result.probes.size(), 2u);
	EXPECT_EQ(point(*e, 0), "begin");
	EXPECT_EQ(point(*e, 1), "end");
}

TEST(AliasExpansion, SufficientPointsStopTheList)
{
	auto e = elaborate_script("probe kernel.function(\"f\")!, begin!, end { print(1) }");
	ASSERT_TRUE(e->ok()) << e->messages();
	ASSERT_EQ(e->result.probes.size(), 1u);
	EXPECT_EQ(point(*e, 0), "begin!");
	auto inner = elaborate_script("probe a = begin!, end { x = 1 }\nprobe a { print(x) }\n");
	ASSERT_TRUE(inner->ok()) << inner->messages();
	EXPECT_EQ(inner->result.probes.size(), 1u);
}

TEST(AliasExpansion, OptionalityPassesDownThroughAliases)
{
	auto e = elaborate_script("probe a = kernel.function(\"f\") { x = 1 }\n"
				  "probe a?, end { print(1) }\n");
	ASSERT_TRUE(e->ok()) << e->messages();
	EXPECT_EQ(e->result.probes.size(), 1u);
	auto all_optional = elaborate_script("probe a = nothing.one?, nothing.two? { x = 1 }\n"
					     "probe a { print(1) }\n");
	EXPECT_EQ(all_optional->errors(),
		  "probe point 'a' resolved to no probes: every alternative it expands to is "
		  "optional, and none resolved\n");
}

TEST(AliasExpansion, RecursionIsAnError)
{
	auto e = elaborate_script("probe a = b { x = 1 }\nprobe b = a { y = 1 }\n"
				  "probe a { print(1) }\n");
	EXPECT_EQ(e->errors(), "recursive loop in the expansion of probe alias 'a'\n");
	EXPECT_EQ(e->diags.all().at(0).notes.at(0).message, "alias 'a' is defined here");
}

TEST(AliasExpansion, ErrorsInAliasBodiesNameTheExpansion)
{
	auto e = elaborate_script("probe a = begin { x = 1; x = \"s\" }\nprobe a { print(x) }\n");
	ASSERT_FALSE(e->ok());
	const Diagnostic& d = e->diags.all().at(0);
	EXPECT_EQ(e->sources.describe(d.loc), "t.stp:1:26");
	ASSERT_NE(d.loc.expansion, nullptr);
	EXPECT_EQ(d.loc.expansion->description, "probe alias 'a'");
	EXPECT_EQ(e->sources.describe(d.loc.expansion->site), "t.stp:2:7");
	std::ostringstream rendered;
	e->diags.render(rendered, d);
	EXPECT_NE(rendered.str().find("t.stp:2:7: note: in expansion of probe alias 'a'"),
		  std::string::npos)
		<< rendered.str();
}

TEST(AliasExpansion, AliasNamesArePlain)
{
	EXPECT_EQ(elaborate_script("probe a.* = begin {}\nprobe end { print(1) }\n")->errors(),
		  "probe alias name 'a.*' cannot contain wildcards\n");
	EXPECT_EQ(elaborate_script("probe a(1) = begin {}\nprobe end { print(1) }\n")->errors(),
		  "probe alias name 'a(1)' cannot have arguments\n");
}

TEST(AliasExpansion, ProbewriteTellsWhetherTheProbeWroteAVariable)
{
	const char* alias = "probe a = begin {}, { print(@probewrite(v)) }\n";
	auto wrote =
		elaborate_script(std::string(alias) + "probe a { v = 1 }\n", {}, unoptimized());
	ASSERT_TRUE(wrote->ok()) << wrote->messages();
	EXPECT_NE(body(*wrote).find("print(1)"), std::string::npos) << body(*wrote);
	auto did_not =
		elaborate_script(std::string(alias) + "probe a { w = 1 }\n", {}, unoptimized());
	ASSERT_TRUE(did_not->ok()) << did_not->messages();
	EXPECT_NE(body(*did_not).find("print(0)"), std::string::npos) << body(*did_not);
}

TEST(AliasExpansion, LibraryAliasesPullTheirFileIn)
{
	std::vector<LibraryFile> lib{{"ev.stp", "private global __n = 5\n"
						"probe ev.tick = timer.ms(1) { n = __n }\n"},
				     {"other.stp", "function unused() { return 1 }\n"}};
	auto e = elaborate_script("probe ev.tick { print(n) }", lib);
	ASSERT_TRUE(e->ok()) << e->messages();
	EXPECT_EQ(e->unpulled(), 1u);
	EXPECT_EQ(e->program.files.size(), 2u);
	ASSERT_NE(e->global("__n"), nullptr);
}

TEST(AliasExpansion, TooManyProbesIsAnError)
{
	std::string script;
	for (int level = 1; level <= 5; ++level) {
		script += "probe f" + std::to_string(level) + " = ";
		for (int i = 0; i < 10; ++i)
			script += (i > 0 ? ", f" : "f") + std::to_string(level + 1);
		script += " {}\n";
	}
	script += "probe f6 = begin, end {}\nprobe f1 { print(1) }\n";
	auto e = elaborate_script(script);
	EXPECT_EQ(e->errors(), "too many probes: the program resolves to more than 100000, or "
			       "their handlers to more than 2000000 statements and expressions\n");
}
