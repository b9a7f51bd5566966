#include "elaborate/probe_match_tree.h"
#include "probes/begin_end_provider.h"
#include "probes/timer_provider.h"

#include "diag/diagnostics.h"
#include "diag/source_manager.h"
#include "parse/parser.h"

#include <gtest/gtest.h>

using namespace stap;
using Kind = ProbeMatchTree::FailureKind;

TEST(ProbeGlob, StarsMatchWithinAndAcrossComponents)
{
	EXPECT_TRUE(probe_glob_match("*", "anything"));
	EXPECT_TRUE(probe_glob_match("sys*", "syscall"));
	EXPECT_TRUE(probe_glob_match("s*l*", "syscall"));
	EXPECT_FALSE(probe_glob_match("sys*", "sy"));
	EXPECT_FALSE(probe_glob_match("*", "a.b")) << "* stays within a component";
	EXPECT_TRUE(probe_glob_match("**", "a.b.c"));
	EXPECT_TRUE(probe_glob_match("sys**open", "syscall.open"));
	EXPECT_FALSE(probe_glob_match("sys*open", "syscall.open"));
	EXPECT_TRUE(probe_glob_match("exact", "exact"));
	EXPECT_FALSE(probe_glob_match("exact", "exactly"));
}

namespace
{

// A tree with begin/end/error, the timers, and aliases parsed from
// `aliases`.
class MatchTreeTest : public ::testing::Test
{
protected:
	void SetUp() override
	{
		for (const ProbePattern& p : begin_end_.patterns())
			tree_.add_pattern(p, begin_end_);
		for (const ProbePattern& p : timer_.patterns())
			tree_.add_pattern(p, timer_);
	}

	void aliases(const std::string& text)
	{
		ParseContext ctx(sources_, diags_, env_);
		files_.push_back(
			parse_file(ctx, sources_.add_file("a.stp", text), FileKind::Tapset));
		for (const auto& a : files_.back()->aliases)
			tree_.add_alias(*a);
	}

	ProbeMatchTree::Result match(const std::string& point)
	{
		ParseContext ctx(sources_, diags_, env_);
		files_.push_back(parse_file(ctx,
					    sources_.add_file("p.stp", "probe " + point + " {}"),
					    FileKind::Script));
		EXPECT_FALSE(diags_.has_errors());
		return tree_.match(*files_.back()->probes.at(0)->points.at(0));
	}

	// The matched nodes' paths, with the number of components consumed
	// when a suffix is left.
	static std::vector<std::string> paths(const ProbeMatchTree::Result& r)
	{
		std::vector<std::string> out;
		for (const auto& m : r.matches)
			out.push_back(m.node->path() + (m.node->aliases.empty() ? "" : " [alias]") +
				      " /" + std::to_string(m.consumed));
		return out;
	}

	SourceManager sources_;
	Diagnostics diags_{sources_};
	ParseEnvironment env_;
	std::vector<std::unique_ptr<ast::File>> files_;
	BeginEndProvider begin_end_;
	TimerProvider timer_;
	ProbeMatchTree tree_;
};

} // namespace

TEST_F(MatchTreeTest, LiteralPointsMatchByNameAndArgumentKind)
{
	EXPECT_EQ(paths(match("begin")), std::vector<std::string>{"begin /1"});
	EXPECT_EQ(paths(match("begin(-3)")), std::vector<std::string>{"begin(number) /1"});
	EXPECT_EQ(paths(match("timer.ms(5).randomize(1)")),
		  std::vector<std::string>{"timer.ms(number).randomize(number) /3"});
}

TEST_F(MatchTreeTest, WildcardsExpandToEveryMatchingName)
{
	EXPECT_EQ(paths(match("timer.m*(5)")),
		  (std::vector<std::string>{"timer.ms(number) /2", "timer.msec(number) /2"}));
	EXPECT_EQ(paths(match("*")), (std::vector<std::string>{"begin /1", "end /1", "error /1"}));
	EXPECT_EQ(paths(match("tim**sec(1)")),
		  (std::vector<std::string>{"timer.sec(number) /1", "timer.msec(number) /1",
					    "timer.usec(number) /1", "timer.nsec(number) /1"}));
}

TEST_F(MatchTreeTest, FailuresSayWhatWentWrongWhere)
{
	auto r = match("timer.mss(5)");
	EXPECT_TRUE(r.matches.empty());
	EXPECT_EQ(r.failure.kind, Kind::UnknownName);
	EXPECT_EQ(r.failure.index, 1u);
	EXPECT_EQ(match("nothing").failure.kind, Kind::UnknownName);
	EXPECT_EQ(match("timer.ms").failure.kind, Kind::WrongArgument);
	EXPECT_EQ(match("begin(\"x\")").failure.kind, Kind::WrongArgument);
	EXPECT_EQ(match("timer.q*(1)").failure.kind, Kind::NoWildcardMatch);
	EXPECT_EQ(match("timer").failure.kind, Kind::Truncated);
	auto suffix = match("timer.ms(1).later");
	EXPECT_EQ(suffix.failure.kind, Kind::InvalidSuffix);
	EXPECT_EQ(suffix.failure.index, 2u);
	// The deepest problem is the one reported.
	EXPECT_EQ(match("timer.ms(1).randomize").failure.kind, Kind::WrongArgument);
}

TEST_F(MatchTreeTest, AliasesMatchWithAndWithoutSuffixes)
{
	aliases("probe my.tick = timer.ms(1) {}\n"
		"probe my.tick.slow = timer.s(1) {}\n");
	EXPECT_EQ(paths(match("my.tick")), std::vector<std::string>{"my.tick [alias] /2"});
	EXPECT_EQ(paths(match("my.tick.slow")),
		  std::vector<std::string>{"my.tick.slow [alias] /3"});
	// No child named randomize: the rest is a suffix for the alias.
	EXPECT_EQ(paths(match("my.tick.randomize(1)")),
		  std::vector<std::string>{"my.tick [alias] /2"});
}

TEST_F(MatchTreeTest, WildcardsPreferOrdinaryMatchesToSuffixes)
{
	aliases("probe my = begin {}\n"
		"probe my.test = end {}\n"
		"probe fam.a = begin {}\n"
		"probe fam.a.return = end {}\n"
		"probe fam.b = begin {}\n");
	// my.* matches the alias my.test, not my with a suffix (language
	// reference 3.2.5) ...
	EXPECT_EQ(paths(match("my.*")), std::vector<std::string>{"my.test [alias] /2"});
	// ... but a wildcard with no ordinary match is a suffix.
	EXPECT_EQ(paths(match("my.ret*")), std::vector<std::string>{"my [alias] /1"});
	// Below a wildcard, names without the rest are left out, not suffixed.
	EXPECT_EQ(paths(match("fam.*.return")),
		  std::vector<std::string>{"fam.a.return [alias] /3"});
}

TEST_F(MatchTreeTest, AnAliasShadowsAProviderPatternOfItsName)
{
	aliases("probe timer.profile = begin {}\n");
	auto r = match("timer.profile");
	ASSERT_EQ(r.matches.size(), 1u);
	EXPECT_FALSE(r.matches[0].node->aliases.empty());
}
