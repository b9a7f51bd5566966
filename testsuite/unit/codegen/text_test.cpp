// Script text in C (string literals, comments, identifiers), the format
// language as the translator sees it, and the locations of run-time
// errors.
#include "codegen/c_string.h"
#include "codegen/format_string.h"
#include "codegen/source_token.h"
#include "diag/source_manager.h"

#include <gtest/gtest.h>

using namespace stap::codegen;

TEST(CString, Literals)
{
	EXPECT_EQ(c_string_literal("plain"), "\"plain\"");
	EXPECT_EQ(c_string_literal("a\"b\\c"), "\"a\\\"b\\\\c\"");
	EXPECT_EQ(c_string_literal("tab\tnl\n"), "\"tab\\tnl\\n\"");
	// Octal escapes always have three digits: a digit after one is not
	// taken into it.
	EXPECT_EQ(c_string_literal(std::string("\x01"
					       "1\x7f\xff",
					       4)),
		  "\"\\0011\\177\\377\"");
	EXPECT_EQ(c_string_literal("\r\a"), "\"\\015\\007\"");
	// No trigraphs.
	EXPECT_EQ(c_string_literal("what?"
				   "?!"),
		  "\"what?\\?!\"");
	EXPECT_EQ(c_string_literal(""), "\"\"");
}

TEST(CString, IntLiterals)
{
	EXPECT_EQ(c_int_literal(0), "0");
	EXPECT_EQ(c_int_literal(42), "42");
	EXPECT_EQ(c_int_literal(-7), "(-7)");
	EXPECT_EQ(c_int_literal(5000000000), "5000000000LL");
	EXPECT_EQ(c_int_literal(INT64_MAX), "9223372036854775807LL");
	EXPECT_EQ(c_int_literal(INT64_MIN), "(-9223372036854775807LL - 1)");
}

TEST(CString, CommentsAndIdentifiers)
{
	EXPECT_EQ(c_comment_text("a */ b\nc"), "a * / b c");
	EXPECT_EQ(c_identifier_part("plain_1"), "plain_1");
	EXPECT_EQ(c_identifier_part("a$b"), "a_x24_b");
}

TEST(FormatString, Arguments)
{
	auto args = [](const char* fmt) {
		auto r = parse_format(fmt);
		if (auto* e = std::get_if<FormatError>(&r))
			return "error at " + std::to_string(e->offset) + ": " + e->message;
		std::string s;
		for (FormatArg a : std::get<FormatSpec>(r).args)
			s += a == FormatArg::String ? 's' : 'l';
		return s;
	};
	EXPECT_EQ(args("no conversions"), "");
	EXPECT_EQ(args("%d %i %u %x %X %o %p %c %b %s"), "llllllllls");
	EXPECT_EQ(args("%-+ #05d|%*d|%.*s|%*.*x"), "llllslll");
	EXPECT_EQ(args("%ld %lld %hx %zu"), "llll");
	EXPECT_EQ(args("100%% %5%"), "");
	EXPECT_EQ(args("%m %.4M"), "ll");
	EXPECT_EQ(args("%y"), "error at 0: invalid conversion '%y' in format");
	EXPECT_EQ(args("ok %-5"), "error at 3: format ends in an incomplete conversion '%-5'");
	EXPECT_TRUE(std::get<FormatSpec>(parse_format("%.2m")).reads_memory);
	EXPECT_FALSE(std::get<FormatSpec>(parse_format("%d")).reads_memory);
}

TEST(FormatString, BuiltFormats)
{
	EXPECT_EQ(literal_format("50% off"), "50%% off");
	EXPECT_EQ(literal_format("%%"), "%%%%");
	EXPECT_STREQ(print_conversion(stap::ast::Type::String), "%s");
	EXPECT_STREQ(print_conversion(stap::ast::Type::Long), "%d");
}

TEST(SourceToken, NamesTheTokenLikeStap)
{
	stap::SourceManager sm;
	std::uint32_t f = sm.add_file(
		"t.stp", "probe begin { x = a / b; foo(\"s\", 42) @avg(s) while a <<< 1 }\n");
	auto at = [&](std::uint32_t col) { return describe_token(sm, {f, 1, col, nullptr}); };
	EXPECT_EQ(at(1), "keyword at t.stp:1:1");
	EXPECT_EQ(at(15), "identifier 'x' at t.stp:1:15");
	EXPECT_EQ(at(17), "operator '=' at t.stp:1:17");
	EXPECT_EQ(at(21), "operator '/' at t.stp:1:21");
	EXPECT_EQ(at(26), "identifier 'foo' at t.stp:1:26");
	EXPECT_EQ(at(30), "string 's' at t.stp:1:30");
	EXPECT_EQ(at(35), "number '42' at t.stp:1:35");
	EXPECT_EQ(at(39), "operator '@avg' at t.stp:1:39");
	EXPECT_EQ(at(47), "keyword at t.stp:1:47");
	EXPECT_EQ(at(55), "operator '<<<' at t.stp:1:55");
	EXPECT_EQ(describe_token(sm, {}), "unknown location");
}
