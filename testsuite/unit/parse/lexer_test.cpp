#include "parse/lexer.h"
#include "parse_test_util.h"

#include <gtest/gtest.h>

#include <vector>

using namespace stap;

namespace
{

struct Lexed {
	SourceManager sources;
	Diagnostics diags{sources};
	ParseEnvironment env;
	std::vector<Token> tokens;

	std::string messages()
	{
		std::string out;
		for (const Diagnostic& d : diags.all())
			out += sources.describe(d.loc) + ": " + d.message + "\n";
		return out;
	}
};

std::unique_ptr<Lexed> lex(std::string_view text)
{
	auto l = std::make_unique<Lexed>();
	ParseContext ctx(l->sources, l->diags, l->env);
	Lexer lexer(ctx, l->sources.add_file("t.stp", std::string(text)));
	for (Token t = lexer.next(); !t.is(TokenKind::End); t = lexer.next())
		l->tokens.push_back(t);
	return l;
}

// "kind:text" for each token, space separated.
std::string summary(const std::vector<Token>& tokens)
{
	std::string out;
	for (const Token& t : tokens) {
		if (!out.empty())
			out += ' ';
		switch (t.kind) {
		case TokenKind::Identifier:
			out += "id:" + t.text;
			break;
		case TokenKind::Number:
			out += "num:" + std::to_string(t.number);
			break;
		case TokenKind::String:
			out += "str:" + t.text;
			break;
		case TokenKind::Operator:
			out += "op:" + t.text;
			break;
		case TokenKind::AtName:
			out += "at:" + t.text;
			break;
		case TokenKind::Embedded:
			out += "code:" + t.text;
			break;
		default:
			out += std::string(token_kind_name(t.kind)) + ":" + t.text;
			break;
		}
	}
	return out;
}

} // namespace

TEST(Lexer, IdentifiersKeywordsAndDollarNames)
{
	auto l = lex("probe foo_1 $var $var$ $$vars $$parms$$ a$b");
	EXPECT_EQ(summary(l->tokens),
		  "id:probe id:foo_1 id:$var id:$var$ id:$$vars id:$$parms$$ id:a$b");
	EXPECT_EQ(l->messages(), "");
}

TEST(Lexer, NumbersDecimalHexOctalAndWrapAround)
{
	auto l = lex("0 42 0x1F 0X10 017 9223372036854775807 9223372036854775808 "
		     "18446744073709551615 0xffffffffffffffff");
	EXPECT_EQ(summary(l->tokens), "num:0 num:42 num:31 num:16 num:15 num:9223372036854775807 "
				      "num:-9223372036854775808 num:-1 num:-1");
	EXPECT_EQ(l->messages(), "");
}

TEST(Lexer, BadNumbersAreReported)
{
	auto l = lex("0x 09 1a 18446744073709551616 0x10000000000000000");
	EXPECT_EQ(l->messages(),
		  "t.stp:1:1: invalid number '0x'\n"
		  "t.stp:1:4: invalid octal number '09'\n"
		  "t.stp:1:7: invalid number '1a'\n"
		  "t.stp:1:10: number '18446744073709551616' does not fit in 64 bits\n"
		  "t.stp:1:31: number '0x10000000000000000' does not fit in 64 bits\n");
	EXPECT_EQ(l->tokens.size(), 5u); // still tokens: the parser goes on
}

TEST(Lexer, StringEscapes)
{
	auto l = lex(R"("a\tb\n" "\"q\"" "\\" "\101\x42\0" "\q" "é")");
	ASSERT_EQ(l->tokens.size(), 6u);
	EXPECT_EQ(l->tokens[0].text, "a\tb\n");
	EXPECT_EQ(l->tokens[1].text, "\"q\"");
	EXPECT_EQ(l->tokens[2].text, "\\");
	EXPECT_EQ(l->tokens[3].text, std::string("AB\0", 3));
	EXPECT_EQ(l->tokens[4].text, "q"); // unknown escapes stand for the character, as in C
	EXPECT_EQ(l->tokens[5].text, "é");
	EXPECT_EQ(l->messages(), "");
}

TEST(Lexer, UnterminatedStringAndCommentAndEmbeddedCode)
{
	EXPECT_EQ(lex("x = \"abc\ny")->messages(),
		  "t.stp:1:5: unterminated string literal: no closing '\"' on this line\n");
	EXPECT_EQ(lex("x /* abc")->messages(),
		  "t.stp:1:3: unterminated comment: no '*/' before the end of the file\n");
	EXPECT_EQ(lex("%{ abc")->messages(),
		  "t.stp:1:1: unterminated embedded C: no '%}' before the end of the file\n");
	EXPECT_EQ(lex("a %} b")->messages(), "t.stp:1:3: '%}' without a matching '%{'\n");
}

TEST(Lexer, CommentsButNotArgumentCounts)
{
	auto l = lex("a # shell\nb // c++\nc /* c\n */ d $# @# e");
	EXPECT_EQ(summary(l->tokens),
		  "id:a id:b id:c id:d script argument:$# script argument:@# id:e");
	EXPECT_TRUE(l->tokens[1].space_before);
}

TEST(Lexer, OperatorsLongestMatch)
{
	auto l = lex("<<<<<=>>= -> ++ -- .= =~ !~ ! ~ && || == != <= >= << >> % %= * ? :");
	EXPECT_EQ(summary(l->tokens), "op:<<< op:<<= op:>>= op:-> op:++ op:-- op:.= op:=~ op:!~ "
				      "op:! op:~ op:&& op:|| op:== op:!= op:<= op:>= op:<< op:>> "
				      "op:% op:%= op:* op:? op::");
}

TEST(Lexer, PreprocessorAndEmbeddedTokens)
{
	auto l = lex("%( %? %: %) %{ int x; %} @define @cast @1 $2 @#");
	EXPECT_EQ(summary(l->tokens), "'%(':%( '%?':%? '%:':%: '%)':%) code: int x;  at:@define "
				      "at:@cast script argument:@1 script argument:$2 "
				      "script argument:@#");
	EXPECT_EQ(l->tokens[7].number, 1);
	EXPECT_EQ(l->tokens[8].number, 2);
}

TEST(Lexer, LocationsAndLengths)
{
	auto l = lex("probe\n  begin {\tx }");
	ASSERT_EQ(l->tokens.size(), 5u);
	EXPECT_EQ(l->tokens[1].loc.line, 2u);
	EXPECT_EQ(l->tokens[1].loc.column, 3u);
	EXPECT_EQ(l->tokens[1].length, 5u);
	EXPECT_EQ(l->tokens[3].loc.column, 11u); // tab counts as one column
}

TEST(Lexer, BadBytesAreReportedOncePerRun)
{
	std::string text = "a ";
	text += '\0';
	text += "\xff\xfe b ` c \x01";
	auto l = lex(text);
	EXPECT_EQ(l->messages(), "t.stp:1:3: NUL byte in input\n"
				 "t.stp:1:9: unexpected character '`'\n"
				 "t.stp:1:13: unexpected control character 0x01\n");
	EXPECT_EQ(summary(l->tokens), "id:a id:b id:c");
}

TEST(Lexer, InvalidUtf8)
{
	EXPECT_EQ(lex("x \xc3\x28")->messages(), "t.stp:1:3: invalid UTF-8 byte 0xc3\n");
	EXPECT_EQ(lex("\"a\xe2\x82\"")->messages(),
		  "t.stp:1:3: invalid UTF-8 byte 0xe2 in string literal (use an escape such as "
		  "\\xe2)\n");
	EXPECT_EQ(lex("# comment \xff\n")->messages(), "");  // comments are not checked
	EXPECT_EQ(utf8_sequence_length("\xc0\x80"), 0u);     // overlong
	EXPECT_EQ(utf8_sequence_length("\xed\xa0\x80"), 0u); // surrogate
	EXPECT_EQ(utf8_sequence_length("\xf0\x9f\x98\x80"), 4u);
}
