#include "driver/parse_pass.h"
#include "driver/pass_manager.h"

#include <gtest/gtest.h>

#include <sstream>

using namespace stap;

namespace
{

Options script(const std::string& text, int last_pass)
{
	Options o;
	o.script_text = text;
	o.last_pass = last_pass;
	return o;
}

Pass counting_pass(int number, int& runs, bool ok = true)
{
	return Pass{number,
		    "pass" + std::to_string(number),
		    "pass" + std::to_string(number) + " failed",
		    [&runs, ok](Session&) {
			    ++runs;
			    return ok;
		    },
		    [number](Session& s) { s.out << "product of " << number << "\n"; },
		    nullptr};
}

} // namespace

TEST(PassManager, RunsUpToTheLastPassAndPrintsItsProduct)
{
	std::ostringstream out, err;
	Session s(script("probe begin {}", 1), out, err);
	int runs1 = 0, runs2 = 0;
	PassManager pm;
	pm.add(counting_pass(1, runs1));
	pm.add(counting_pass(2, runs2));
	EXPECT_EQ(pm.run(s), 0);
	EXPECT_EQ(runs1, 1);
	EXPECT_EQ(runs2, 0);
	EXPECT_EQ(out.str(), "product of 1\n");
	EXPECT_EQ(err.str(), "");
}

TEST(PassManager, StopsAtAFailedPass)
{
	std::ostringstream out, err;
	Session s(script("probe begin {}", 2), out, err);
	int runs1 = 0, runs2 = 0;
	PassManager pm;
	pm.add(counting_pass(1, runs1, false));
	pm.add(counting_pass(2, runs2));
	EXPECT_EQ(pm.run(s), 1);
	EXPECT_EQ(runs2, 0);
	EXPECT_EQ(out.str(), "");
	EXPECT_EQ(err.str(), "Pass 1: pass1 failed.\n");
}

TEST(PassManager, SaysWhenLaterPassesAreMissing)
{
	std::ostringstream out, err;
	Session s(script("probe begin {}", 5), out, err);
	int runs = 0;
	PassManager pm;
	pm.add(counting_pass(1, runs));
	EXPECT_EQ(pm.run(s), 1);
	EXPECT_EQ(out.str(), "");
	EXPECT_EQ(err.str(), "stap: pass 2 is not available yet in this version; stopping after "
			     "pass 1 (use -p1 to see its result).\n");
}

TEST(PassManager, PassesMustBeNumberedInOrder)
{
	int runs = 0;
	PassManager pm;
	pm.add(counting_pass(2, runs));
	EXPECT_THROW(pm.add(counting_pass(2, runs)), std::logic_error);
	EXPECT_THROW(pm.add(counting_pass(1, runs)), std::logic_error);
	EXPECT_THROW(pm.add(counting_pass(6, runs)), std::logic_error);
}

TEST(ParsePass, ParsesAndPrintsTheScript)
{
	std::ostringstream out, err;
	Options o = script("probe begin { x = $1 }", 1);
	o.script_args = {"42"};
	o.extra_scripts = {"probe end {}"};
	Session s(o, out, err);
	PassManager pm;
	pm.add(make_parse_pass());
	EXPECT_EQ(pm.run(s), 0);
	EXPECT_EQ(err.str(), "");
	EXPECT_EQ(out.str(), "# parse tree dump\n"
			     "# file <input>\n"
			     "probe begin {\n"
			     "\tx = 42;\n"
			     "}\n"
			     "# file <input>\n"
			     "probe end {\n"
			     "}\n");
	ASSERT_EQ(s.program.files.size(), 2u);
}

TEST(ParsePass, ReportsErrorsAndFails)
{
	std::ostringstream out, err;
	Session s(script("probe begin { x = }", 1), out, err);
	PassManager pm;
	pm.add(make_parse_pass());
	EXPECT_EQ(pm.run(s), 1);
	EXPECT_EQ(out.str(), "");
	EXPECT_EQ(err.str(), "<input>:1:19: parse error: expected an expression, found '}'\n"
			     "    probe begin { x = }\n"
			     "                      ^\n"
			     "Pass 1: parse failed.\n");
}

TEST(ParsePass, MissingScriptFile)
{
	std::ostringstream out, err;
	Options o;
	o.script_file = "/no/such/script.stp";
	o.last_pass = 1;
	Session s(o, out, err);
	PassManager pm;
	pm.add(make_parse_pass());
	EXPECT_EQ(pm.run(s), 1);
	EXPECT_EQ(err.str(), "error: cannot open script file '/no/such/script.stp'\n"
			     "Pass 1: parse failed.\n");
}

TEST(ParsePass, TargetFactsReachTheConditions)
{
	std::ostringstream out, err;
	Options o = script("%( kernel_vr == \"3.10.0-test\" && kernel_v == \"3.10.0\" %? "
			   "probe begin {} %)",
			   1);
	o.kernel_release = "3.10.0-test"; // -r
	Session s(o, out, err);
	PassManager pm;
	pm.add(make_parse_pass());
	EXPECT_EQ(pm.run(s), 0);
	ASSERT_EQ(s.program.files.size(), 1u);
	EXPECT_EQ(s.program.files[0]->probes.size(), 1u);
}

TEST(PassManager, StartsAtALaterPass)
{
	std::ostringstream out, err;
	Session s(script("probe begin {}", 3), out, err);
	int runs1 = 0, runs3 = 0;
	PassManager pm;
	pm.add(counting_pass(1, runs1));
	pm.add(counting_pass(3, runs3));
	EXPECT_EQ(pm.run(s, 3), 0);
	EXPECT_EQ(runs1, 0);
	EXPECT_EQ(runs3, 1);
	EXPECT_EQ(out.str(), "product of 3\n");
}

TEST(PassManager, SaysWhenAPassInTheMiddleIsMissing)
{
	std::ostringstream out, err;
	Session s(script("probe begin {}", 4), out, err);
	int runs = 0;
	PassManager pm;
	pm.add(counting_pass(1, runs));
	pm.add(counting_pass(4, runs));
	EXPECT_EQ(pm.run(s), 1);
	EXPECT_EQ(runs, 1);
	EXPECT_EQ(err.str(), "stap: pass 2 is not available yet in this version; stopping after "
			     "pass 1 (use -p1 to see its result).\n");
}

TEST(PassManager, VerboseTimesAndMessages)
{
	std::ostringstream out, err;
	Options o = script("probe begin {}", 2);
	o.verbose = 1;
	Session s(o, out, err);
	int runs = 0;
	Pass p1 = counting_pass(1, runs);
	p1.summary = [](Session&) { return std::string("did one"); };
	p1.start_message = "starting one.";
	Pass p2 = counting_pass(2, runs);
	p2.summary = [](Session&) { return std::string("using cached x"); };
	p2.timed = false;
	PassManager pm;
	pm.add(p1);
	pm.add(p2);
	EXPECT_EQ(pm.run(s), 0);
	std::string e = err.str();
	EXPECT_TRUE(e.starts_with("Pass 1: starting one.\nPass 1: did one in ")) << e;
	EXPECT_NE(e.find("usr/"), std::string::npos);
	EXPECT_NE(e.find("sys/"), std::string::npos);
	EXPECT_NE(e.find("real ms.\nPass 2: using cached x\n"), std::string::npos) << e;
}

TEST(PassManager, AFailedPassSetsTheExitStatus)
{
	std::ostringstream out, err;
	Session s(script("probe begin {}", 1), out, err);
	PassManager pm;
	pm.add(Pass{1, "run", "run failed", [](Session& ss) {
			    ss.failure_status = 7;
			    return false;
		    }});
	EXPECT_EQ(pm.run(s), 7);
	EXPECT_EQ(err.str(), "Pass 1: run failed.\n");
}
