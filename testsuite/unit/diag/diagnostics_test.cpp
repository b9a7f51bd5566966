#include "diag/diagnostics.h"
#include "diag/source_manager.h"

#include <gtest/gtest.h>

#include <sstream>

using namespace stap;

TEST(SourceManager, LinesAndNames)
{
	SourceManager sm;
	auto id = sm.add_file("t.stp", "probe begin {\n\tfoo()\n}");
	EXPECT_EQ(sm.name(id), "t.stp");
	EXPECT_EQ(sm.line_text(id, 1), "probe begin {");
	EXPECT_EQ(sm.line_text(id, 2), "\tfoo()");
	EXPECT_EQ(sm.line_text(id, 3), "}");
	EXPECT_EQ(sm.line_text(id, 4), "");
	EXPECT_EQ(sm.describe({id, 2, 2, nullptr}), "t.stp:2:2");
	EXPECT_EQ(sm.describe({}), "");
}

TEST(Diagnostics, RendersLocationSourceLineCaretAndNotes)
{
	SourceManager sm;
	auto id = sm.add_file("t.stp", "probe begin { fo() }\n");
	Diagnostics diags(sm);
	diags.error(DiagKind::SemanticError, {id, 1, 15, nullptr}, "unresolved function call 'fo'")
		.span(2)
		.note("did you mean 'foo'?");
	std::ostringstream out;
	diags.emit(out);
	EXPECT_EQ(out.str(), "t.stp:1:15: semantic error: unresolved function call 'fo'\n"
			     "    probe begin { fo() }\n"
			     "                  ^~\n"
			     "note: did you mean 'foo'?\n");
	EXPECT_EQ(diags.error_count(), 1u);
	ASSERT_EQ(diags.all().size(), 1u);
	EXPECT_EQ(diags.all()[0].notes.size(), 1u);
}

TEST(Diagnostics, CaretKeepsTabs)
{
	SourceManager sm;
	auto id = sm.add_file("t.stp", "\tx = 1 / y\n");
	Diagnostics diags(sm);
	diags.error(DiagKind::ParseError, {id, 1, 8, nullptr}, "expected ';'");
	std::ostringstream out;
	diags.emit(out);
	EXPECT_EQ(out.str(), "t.stp:1:8: parse error: expected ';'\n"
			     "    \tx = 1 / y\n"
			     "    \t      ^\n");
}

TEST(Diagnostics, LongLineIsShownAsAWindowAroundTheCaret)
{
	SourceManager sm;
	std::string line = std::string(300, 'a') + "BAD" + std::string(300, 'b');
	auto id = sm.add_file("t.stp", line + "\n");
	Diagnostics diags(sm);
	diags.error(DiagKind::ParseError, {id, 1, 301, nullptr}, "bad").span(3);
	std::ostringstream out;
	diags.emit(out);
	std::string want_line =
		"    ..." + std::string(60, 'a') + "BAD" + std::string(97, 'b') + "...";
	std::string want_caret = "    " + std::string(3 + 60, ' ') + "^~~";
	EXPECT_EQ(out.str(),
		  "t.stp:1:301: parse error: bad\n" + want_line + "\n" + want_caret + "\n");
}

TEST(Diagnostics, LongLineCutOnlyWhereNeeded)
{
	SourceManager sm;
	auto id = sm.add_file("t.stp", "x" + std::string(400, 'y') + "\n");
	Diagnostics diags(sm);
	diags.error(DiagKind::ParseError, {id, 1, 1, nullptr}, "bad");
	std::ostringstream out;
	diags.emit(out);
	EXPECT_EQ(out.str(),
		  "t.stp:1:1: parse error: bad\n    x" + std::string(159, 'y') + "...\n    ^\n");
}

TEST(Diagnostics, ExpansionFramesBecomeNotes)
{
	SourceManager sm;
	auto id = sm.add_file("t.stp", "@define m %( 1 + %)\nprobe begin { @m }\n");
	Diagnostics diags(sm);
	const ExpansionFrame* frame = sm.add_expansion("macro 'm'", {id, 2, 15, nullptr});
	diags.error(DiagKind::ParseError, {id, 1, 16, frame}, "expected expression");
	std::ostringstream out;
	diags.emit(out);
	EXPECT_NE(out.str().find("t.stp:2:15: note: in expansion of macro 'm'\n"),
		  std::string::npos);
}

TEST(Diagnostics, WarningsSuppressedOrPromoted)
{
	SourceManager sm;
	Diagnostics quiet(sm);
	quiet.set_suppress_warnings(true);
	quiet.warning({}, "unused variable");
	EXPECT_EQ(quiet.warning_count(), 0u);
	EXPECT_TRUE(quiet.all().empty());

	Diagnostics strict(sm);
	strict.set_warnings_as_errors(true);
	strict.warning({}, "unused variable");
	EXPECT_TRUE(strict.has_errors());
	std::ostringstream out;
	strict.emit(out);
	EXPECT_EQ(out.str(), "error: unused variable\n");
}

TEST(Diagnostics, DuplicatesReportedOnce)
{
	SourceManager sm;
	auto id = sm.add_file("t.stp", "x\n");
	Diagnostics diags(sm);
	diags.error(DiagKind::SemanticError, {id, 1, 1, nullptr}, "same");
	diags.error(DiagKind::SemanticError, {id, 1, 1, nullptr}, "same");
	EXPECT_EQ(diags.all().size(), 1u);
}
