#include "elaborate_test_util.h"

#include "probes/begin_end_provider.h"
#include "probes/never_provider.h"
#include "probes/profile_timer_provider.h"
#include "probes/timer_provider.h"

#include <gtest/gtest.h>

#include <algorithm>

using namespace stap;
using namespace stap::test;

namespace
{

// The single derived probe of `probe POINT { println(1) }`.
template <typename T>
const T* derive(const std::string& point, std::unique_ptr<Elaborated>& keep)
{
	keep = elaborate_script("probe " + point + " { println(1) }");
	EXPECT_TRUE(keep->ok()) << keep->messages();
	if (!keep->ok() || keep->result.probes.size() != 1)
		return nullptr;
	return dynamic_cast<const T*>(keep->result.probes[0].get());
}

} // namespace

TEST(ProbeRegistry, ListsEveryFamilyPatternOnce)
{
	ProbeRegistry registry = make_builtin_registry();
	std::vector<std::string> patterns = registry.pattern_texts();
	EXPECT_TRUE(std::is_sorted(patterns.begin(), patterns.end()));
	EXPECT_EQ(std::adjacent_find(patterns.begin(), patterns.end()), patterns.end());
	for (const char* p :
	     {"begin", "begin(number)", "end(number)", "error", "never",
	      "timer.ms(number).randomize(number)", "timer.hz(number)", "timer.jiffies(number)",
	      "timer.profile.tick", "kernel.function(string).return", "kprobe.function(string)",
	      "process(string).statement(number).nearest", "kernel.trace(string)",
	      "procfs(string).write", "perf.type(number).config(number)"})
		EXPECT_NE(std::find(patterns.begin(), patterns.end(), p), patterns.end()) << p;
	EXPECT_EQ(std::find(patterns.begin(), patterns.end(), "timer.hz(number).randomize(number)"),
		  patterns.end());
}

TEST(ProbePattern, ParsesAndPrints)
{
	ProbePattern p = ProbePattern::parse("a.b(number).c(string)");
	ASSERT_EQ(p.components.size(), 3u);
	EXPECT_EQ(p.components[1].arg, ArgKind::Number);
	EXPECT_EQ(p.components[2].arg, ArgKind::String);
	EXPECT_EQ(p.text(), "a.b(number).c(string)");
	EXPECT_THROW(ProbePattern::parse("a.b(x)"), std::invalid_argument);
	EXPECT_THROW(ProbePattern::parse("a..b"), std::invalid_argument);
}

TEST(BeginEndProvider, KindsAndSequenceNumbers)
{
	std::unique_ptr<Elaborated> e;
	const auto* begin = derive<BeginEndProbe>("begin", e);
	ASSERT_NE(begin, nullptr);
	EXPECT_EQ(begin->kind, BeginEndProbe::Kind::Begin);
	EXPECT_EQ(begin->sequence, 0);
	const auto* end = derive<BeginEndProbe>("end(-9223372036854775808)", e);
	ASSERT_NE(end, nullptr);
	EXPECT_EQ(end->kind, BeginEndProbe::Kind::End);
	EXPECT_EQ(end->sequence, INT64_MIN);
	const auto* error = derive<BeginEndProbe>("error(7)", e);
	ASSERT_NE(error, nullptr);
	EXPECT_EQ(error->kind, BeginEndProbe::Kind::Error);
	EXPECT_EQ(error->sequence, 7);
}

TEST(NeverAndProfileProviders, Derive)
{
	std::unique_ptr<Elaborated> e;
	EXPECT_NE(derive<NeverProbe>("never", e), nullptr);
	const auto* tick = derive<ProfileTimerProbe>("timer.profile.tick", e);
	ASSERT_NE(tick, nullptr);
	EXPECT_TRUE(tick->has_register_context());
	EXPECT_NE(derive<ProfileTimerProbe>("timer.profile", e), nullptr);
}

TEST(TimerProvider, PeriodsInNanosecondsOrJiffies)
{
	std::unique_ptr<Elaborated> e;
	const auto* ms = derive<TimerProbe>("timer.ms(100).randomize(10)", e);
	ASSERT_NE(ms, nullptr);
	EXPECT_FALSE(ms->uses_jiffies());
	EXPECT_EQ(ms->unit, TimerProbe::Unit::Milliseconds);
	EXPECT_EQ(ms->period, 100000000);
	EXPECT_EQ(ms->spread, 10000000);
	const auto* hz = derive<TimerProbe>("timer.hz(1000)", e);
	ASSERT_NE(hz, nullptr);
	EXPECT_EQ(hz->period, 1000000);
	EXPECT_EQ(hz->spread, 0);
	const auto* jiffies = derive<TimerProbe>("timer.jiffies(5).randomize(2)", e);
	ASSERT_NE(jiffies, nullptr);
	EXPECT_TRUE(jiffies->uses_jiffies());
	EXPECT_EQ(jiffies->period, 5);
	EXPECT_EQ(jiffies->spread, 2);
	const auto* s = derive<TimerProbe>("timer.sec(2)", e);
	ASSERT_NE(s, nullptr);
	EXPECT_EQ(s->period, 2000000000);
	const auto* us = derive<TimerProbe>("timer.usec(100)", e);
	ASSERT_NE(us, nullptr);
	EXPECT_EQ(us->period, 100000);
	const auto* ns = derive<TimerProbe>("timer.nsec(100000)", e);
	ASSERT_NE(ns, nullptr);
	EXPECT_EQ(ns->period, 100000);
}

struct RangeCase {
	const char* point;
	const char* message; // "" when the point is valid
};

class TimerRangeTest : public ::testing::TestWithParam<RangeCase>
{
};

TEST_P(TimerRangeTest, ChecksStapsRanges)
{
	const RangeCase& c = GetParam();
	auto e = elaborate_script(std::string("probe ") + c.point + " { println(1) }");
	if (*c.message == '\0')
		EXPECT_TRUE(e->ok()) << e->messages();
	else
		EXPECT_EQ(e->errors(), std::string(c.message) + "\n");
}

INSTANTIATE_TEST_SUITE_P(
	Bounds, TimerRangeTest,
	::testing::Values(
		RangeCase{"timer.ms(1)", ""}, RangeCase{"timer.ms(86400000)", ""},
		RangeCase{"timer.ms(0)",
			  "timer.ms interval 0 is out of range: it must be between 1 and 86400000"},
		RangeCase{"timer.s(86401)",
			  "timer.s interval 86401 is out of range: it must be between 1 and 86400"},
		RangeCase{"timer.us(100)", ""},
		RangeCase{"timer.us(99)", "timer.us interval 99 is out of range: it must be "
					  "between 100 and 86400000000"},
		RangeCase{"timer.ns(100000)", ""},
		RangeCase{"timer.ns(99999)", "timer.ns interval 99999 is out of range: it must be "
					     "between 100000 and 86400000000000"},
		RangeCase{"timer.hz(10000)", ""},
		RangeCase{"timer.hz(0)",
			  "timer.hz frequency 0 is out of range: it must be between 1 and 10000"},
		RangeCase{
			"timer.hz(10001)",
			"timer.hz frequency 10001 is out of range: it must be between 1 and 10000"},
		RangeCase{"timer.jiffies(1000000)", ""},
		RangeCase{"timer.jiffies(0)", "timer.jiffies interval 0 is out of range: it must "
					      "be between 1 and 1000000"},
		RangeCase{"timer.ms(10).randomize(10)", ""},
		RangeCase{"timer.ms(10).randomize(0)", ""},
		RangeCase{"timer.ms(10).randomize(11)",
			  "randomization 11 is out of range: it must be between 0 and the "
			  "interval, 10"},
		RangeCase{"timer.jiffies(10).randomize(-1)",
			  "randomization -1 is out of range: it must be between 0 and the "
			  "interval, 10"}));

TEST(PendingProviders, AreRecognisedButNotSupportedYet)
{
	auto e = elaborate_script("probe kernel.function(\"vfs_read\").return { println(1) }\n"
				  "probe kprobe.statement(5).absolute { println(2) }\n");
	EXPECT_EQ(e->errors(),
		  "probe point 'kernel.function(\"vfs_read\").return' is not supported yet: the "
		  "dwarf probe family is not built in this version\n"
		  "probe point 'kprobe.statement(5).absolute' is not supported yet: the kprobe "
		  "probe family is not built in this version\n");
}

TEST(ProviderHooks, ContextVariablesGoThroughTheProvider)
{
	auto e = elaborate_script("probe timer.ms(5) { println($x) }");
	EXPECT_EQ(e->errors(), "unresolved target-symbol expression '$x': timer probes provide no "
			       "context variables\n");
}
