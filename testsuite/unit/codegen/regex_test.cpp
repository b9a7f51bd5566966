// The regex compiler against POSIX regexec: every pattern is compiled, its
// tables are run by the runtime's own matcher (runtime/regex_match.h, the code
// modules run), and the verdict on many strings must equal glibc's
// regexec(REG_EXTENDED) search.
#include "codegen/regex.h"

#include <gtest/gtest.h>

#include <regex.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

extern "C" {
#include "runtime/regex_match.h"
}

using stap::codegen::compile_regex;
using stap::codegen::RegexDfa;
using stap::codegen::RegexError;

namespace
{

RegexDfa compile_ok(const std::string& pattern)
{
	auto r = compile_regex(pattern);
	if (auto* e = std::get_if<RegexError>(&r)) {
		ADD_FAILURE() << "'" << pattern << "' failed: " << e->message;
		return {};
	}
	return std::get<RegexDfa>(r);
}

bool runtime_match(const RegexDfa& dfa, const std::string& s)
{
	stp_regex re{static_cast<u16>(dfa.nclasses), dfa.classes.data(), dfa.next.data(),
		     dfa.flags.data()};
	return stp_regex_match(&re, s.c_str());
}

// Every string of length 0..max_len over the alphabet.
std::vector<std::string> strings_over(const std::string& alphabet, std::size_t max_len)
{
	std::vector<std::string> out{""};
	std::size_t begin = 0;
	for (std::size_t len = 1; len <= max_len; ++len) {
		std::size_t end = out.size();
		for (std::size_t i = begin; i < end; ++i)
			for (char c : alphabet)
				out.push_back(out[i] + c);
		begin = end;
	}
	return out;
}

void compare_with_posix(const std::string& pattern, const std::vector<std::string>& inputs)
{
	regex_t posix;
	ASSERT_EQ(regcomp(&posix, pattern.c_str(), REG_EXTENDED | REG_NOSUB), 0)
		<< "glibc rejects " << pattern;
	RegexDfa dfa = compile_ok(pattern);
	for (const std::string& s : inputs) {
		bool want = regexec(&posix, s.c_str(), 0, nullptr, 0) == 0;
		EXPECT_EQ(runtime_match(dfa, s), want)
			<< "pattern '" << pattern << "' on '" << s << "'";
		EXPECT_EQ(dfa.matches(s), want) << "pattern '" << pattern << "' on '" << s << "'";
	}
	regfree(&posix);
}

const char* const kPatterns[] = {
	"",
	"a",
	"ab",
	"abc",
	"^a",
	"a$",
	"^a$",
	"^$",
	"^",
	"$",
	"a|b",
	"ab|ba",
	"^ab|ba$",
	"^(ab|ba)$",
	"a*",
	"^a*$",
	"a+",
	"^a+$",
	"^a?$",
	"^a?b?c?$",
	"a.c",
	"^a.c$",
	"^.$",
	"^..$",
	"a{2}",
	"^a{2}$",
	"^a{2,}$",
	"^a{1,3}$",
	"^a{0,2}b$",
	"^(ab){2}$",
	"^(a|b){3}$",
	"^(a|bc)*$",
	"^(a*)*$",
	"^(a*|b)+c$",
	"(a|b)*c",
	"^[abc]+$",
	"^[a-c]{2}$",
	"[^a]",
	"^[^a]*$",
	"^[^ab]+$",
	"[]a]",
	"^[]a]+$",
	"[a-]",
	"^[-a]+$",
	"[[:alpha:]]",
	"^[[:digit:]]+$",
	"^[[:space:]]*[[:alnum:]_]+$",
	"^[[:upper:][:digit:]]+$",
	"^[[:xdigit:]]+$",
	"[[:punct:]]",
	"\\.",
	"^a\\.b$",
	"\\*",
	"^\\(a\\)$",
	"a\\|b",
	"^\\^",
	"\\$$",
	"(^a|b$)",
	"x(^a)",
	"(a$)b",
	"^(a|)b$",
	"()",
	"^()a$",
	"^(((a)))$",
	"a{0}",
	"^a{0}b$",
	"^(ab|a)(bc|c)$",
	"^(a|ab)(c|bcd)(d*)$",
	"b*a{2,3}b*",
	"[ab][bc]",
	"^.*a.*b.*$",
	"a.*b",
	"^[0-9]{1,3}(\\.[0-9]{1,3}){3}$",
	"^(foo|bar|baz)[0-9]*$",
	"^[a-z]+@[a-z]+\\.(com|org)$",
	"\\w+",
	"^\\w+$",
	"^\\s*$",
	"\\S",
	"^[.]$",
	"^[*+?]+$",
	"^a{,2}$",
};

} // namespace

TEST(Regex, AgreesWithPosixOnSmallAlphabet)
{
	const std::vector<std::string> inputs = strings_over("abc", 5);
	for (const char* p : kPatterns)
		compare_with_posix(p, inputs);
}

TEST(Regex, AgreesWithPosixOnPunctuationAndDigits)
{
	std::vector<std::string> inputs = strings_over("a.1 (*", 3);
	for (const char* s :
	     {"192.168.0.1", "1.2.3",       "1234.1.1.1", "foo12",  "bar",  "bazz", "x@y.com",
	      "me@here.org", "me@here.net", "  word_1",   "UPPER9", "beef", "BEEF", "a|b",
	      "a.b",         "^x",          "x$",         "(a)",    "**",   "+?"})
		inputs.emplace_back(s);
	for (const char* p : kPatterns)
		compare_with_posix(p, inputs);
}

TEST(Regex, HighBytesAreOrdinary)
{
	compare_with_posix("^\xc3\xa9+$", {"\xc3\xa9", "\xc3\xa9\xc3\xa9", "e", "\xc3", ""});
	compare_with_posix("[^a]", {"\xff", "a", "\x80", ""});
	compare_with_posix("^.$", {"\xff", "\xff\xfe", ""});
}

TEST(Regex, Errors)
{
	const std::pair<const char*, const char*> bad[] = {
		{"(a", "unmatched '('"},
		{"a)", "unmatched ')'"},
		{"[a", "unmatched '['"},
		{"*a", "nothing to repeat"},
		{"a|+", "nothing to repeat"},
		{"a{2", "unmatched '{'"},
		{"a{3,2}", "invalid repetition count range"},
		{"a{x}", "invalid repetition count"},
		{"a{300}", "repetition count above 255"},
		{"(a)\\1", "back-references are not supported"},
		{"a\\", "trailing backslash"},
		{"[[:nope:]]", "unknown character class '[:nope:]'"},
		{"[z-a]", "invalid range end"},
		{"[[.a.]]", "not supported"},
		{"^*", "a repetition cannot apply to an anchor"},
		{"\\bword", "is not supported"},
		{"((a{0,255}){0,255}){0,255}", "too large"},
	};
	for (auto [pattern, message] : bad) {
		auto r = compile_regex(pattern);
		auto* e = std::get_if<RegexError>(&r);
		ASSERT_NE(e, nullptr) << pattern;
		EXPECT_NE(e->message.find(message), std::string::npos)
			<< pattern << ": " << e->message;
	}
}

TEST(Regex, ErrorNamesTheOffset)
{
	auto r = compile_regex("ab(c");
	ASSERT_TRUE(std::holds_alternative<RegexError>(r));
	EXPECT_EQ(std::get<RegexError>(r).message, "unmatched '(' at offset 2");
}

TEST(Regex, TablesStaySmall)
{
	// Minimisation and class merging: a literal needs one state per
	// character plus the accepting one, and few classes.
	RegexDfa lit = compile_ok("hello");
	EXPECT_EQ(lit.nstates(), 6u);
	EXPECT_LE(lit.nclasses, 5u);
	RegexDfa any = compile_ok("");
	EXPECT_EQ(any.nstates(), 1u);
	EXPECT_EQ(any.flags[0], RegexDfa::kAccept);
	RegexDfa never = compile_ok("a^");
	EXPECT_EQ(never.nstates(), 1u);
	EXPECT_EQ(never.flags[0], RegexDfa::kDead);
}

// The emitted C, compiled by the host compiler with the runtime header, on
// a few patterns: checks that the text is valid C and means the tables.
TEST(Regex, EmittedCCompilesAndMatches)
{
	namespace fs = std::filesystem;
	if (std::system("cc --version >/dev/null 2>&1") != 0)
		GTEST_SKIP() << "no C compiler";
	fs::path dir = fs::temp_directory_path() / ("stap_regex_test_" + std::to_string(getpid()));
	fs::create_directories(dir);
	const char* const patterns[] = {"^a(b|c)*d$", "[[:digit:]]{2,3}", "x|^y|z$"};
	const char* const subjects[] = {"abcbd", "ad", "abd!", "a1", "12",
					"x123",  "y",  "ay",   "az", ""};
	std::ofstream src(dir / "t.c");
	src << "#include <stdio.h>\n#include \"regex_match.h\"\n";
	for (std::size_t i = 0; i < std::size(patterns); ++i)
		src << stap::codegen::emit_regex_c(compile_ok(patterns[i]),
						   "re_" + std::to_string(i));
	src << "static const struct stp_regex *const all[] = {";
	for (std::size_t i = 0; i < std::size(patterns); ++i)
		src << "&re_" << i << ", ";
	src << "};\nstatic const char *const subjects[] = {";
	for (const char* s : subjects)
		src << "\"" << s << "\", ";
	src << "};\nint main(void) {\n"
	       "\tfor (unsigned r = 0; r < sizeof(all) / sizeof(all[0]); r++)\n"
	       "\t\tfor (unsigned s = 0; s < sizeof(subjects) / sizeof(subjects[0]); s++)\n"
	       "\t\t\tputchar(stp_regex_match(all[r], subjects[s]) ? '1' : '0');\n"
	       "\treturn 0;\n}\n";
	src.close();
	std::string cmd = "cc -Wall -Werror -iquote " STAP_RUNTIME_DIR " -o " +
			  (dir / "t").string() + " " + (dir / "t.c").string() + " && " +
			  (dir / "t").string() + " > " + (dir / "out").string();
	ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
	std::ifstream out(dir / "out");
	std::string got((std::istreambuf_iterator<char>(out)), std::istreambuf_iterator<char>());
	std::string want;
	for (const char* p : patterns) {
		regex_t posix;
		ASSERT_EQ(regcomp(&posix, p, REG_EXTENDED | REG_NOSUB), 0);
		for (const char* s : subjects)
			want += regexec(&posix, s, 0, nullptr, 0) == 0 ? '1' : '0';
		regfree(&posix);
	}
	EXPECT_EQ(got, want);
	fs::remove_all(dir);
}
