#include "elaborate/suggestions.h"

#include "diag/source_manager.h"

#include <gtest/gtest.h>

using namespace stap;

TEST(EditDistance, CountsEditsAndSwaps)
{
	EXPECT_EQ(edit_distance("", ""), 0u);
	EXPECT_EQ(edit_distance("abc", "abc"), 0u);
	EXPECT_EQ(edit_distance("abc", "abd"), 1u);
	EXPECT_EQ(edit_distance("abc", "ab"), 1u);
	EXPECT_EQ(edit_distance("begin", "begni"), 1u) << "a swap of neighbours is one edit";
	EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
}

TEST(SimilarNames, OffersCloseNamesBestFirst)
{
	std::vector<std::string> names{"execname", "exit", "pid", "ppid", "tid", "_internal"};
	EXPECT_EQ(similar_names("execnam", names), std::vector<std::string>{"execname"});
	EXPECT_EQ(similar_names("pd", names), std::vector<std::string>{"pid"})
		<< "short words need close matches";
	EXPECT_EQ(similar_names("xid", names), (std::vector<std::string>{"pid", "tid"}));
	EXPECT_TRUE(similar_names("zzzzzz", names).empty());
	EXPECT_TRUE(similar_names("internal", names).empty())
		<< "internal names only when the word is internal too";
	EXPECT_EQ(similar_names("_internl", names), std::vector<std::string>{"_internal"});
	EXPECT_TRUE(similar_names("pid", names).size() <= 3);
}

TEST(Suggest, AddsADidYouMeanNote)
{
	SourceManager sources;
	Diagnostics diags(sources);
	SourceLocation at{sources.add_file("t.stp", "x\n"), 1, 1, nullptr};
	Diagnostic& d = diags.error(DiagKind::SemanticError, at, "unknown");
	suggest(d, "begni", {"begin", "end"});
	ASSERT_EQ(d.notes.size(), 1u);
	EXPECT_EQ(d.notes[0].message, "did you mean 'begin'?");
	EXPECT_EQ(d.notes[0].loc, at);
	Diagnostic& two = diags.error(DiagKind::SemanticError, at, "unknown 2");
	suggest(two, "ab", {"abc", "abd"});
	EXPECT_EQ(two.notes.at(0).message, "did you mean one of 'abc', 'abd'?");
	Diagnostic& none = diags.error(DiagKind::SemanticError, at, "unknown 3");
	suggest(none, "qqq", {"begin"});
	EXPECT_TRUE(none.notes.empty());
}
