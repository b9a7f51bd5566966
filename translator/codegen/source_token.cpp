#include "codegen/source_token.h"

#include "diag/source_manager.h"

#include <array>
#include <cctype>
#include <string_view>

namespace stap::codegen
{

namespace
{

bool ident_char(char c)
{
	return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '$';
}

bool is_keyword(std::string_view w)
{
	static constexpr std::array<std::string_view, 20> kKeywords = {
		"probe",  "global",  "function", "private", "if",     "else",  "while",
		"for",    "foreach", "in",       "limit",   "next",   "break", "continue",
		"return", "delete",  "try",      "catch",   "string", "long"};
	for (std::string_view k : kKeywords)
		if (k == w)
			return true;
	return false;
}

// The token that starts `text` (the rest of its line), as stap names it.
std::string classify(std::string_view text)
{
	if (text.empty())
		return "token";
	char c = text[0];
	if (std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '$') {
		std::size_t n = 1;
		while (n < text.size() && ident_char(text[n]))
			++n;
		std::string_view word = text.substr(0, n);
		if (is_keyword(word))
			return "keyword";
		return "identifier '" + std::string(word) + "'";
	}
	if (std::isdigit(static_cast<unsigned char>(c)) != 0) {
		std::size_t n = 1;
		while (n < text.size() && std::isalnum(static_cast<unsigned char>(text[n])) != 0)
			++n;
		return "number '" + std::string(text.substr(0, n)) + "'";
	}
	if (c == '"') {
		std::size_t n = 1;
		while (n < text.size() && text[n] != '"') {
			if (text[n] == '\\')
				++n;
			++n;
		}
		return "string '" + std::string(text.substr(1, std::min(n, text.size()) - 1)) + "'";
	}
	if (text.starts_with("%{"))
		return "embedded-code";
	if (c == '@') {
		std::size_t n = 1;
		while (n < text.size() && ident_char(text[n]))
			++n;
		return "operator '" + std::string(text.substr(0, n)) + "'";
	}
	static constexpr std::array<std::string_view, 26> kOperators = {
		"<<<", "<<=", ">>=", "!~", "=~", "==", "!=", "<=", ">=", "&&", "||", "++", "--",
		"+=",  "-=",  "*=",  "/=", "%=", "&=", "|=", "^=", ".=", "<<", ">>", "->", "%("};
	for (std::string_view op : kOperators)
		if (text.starts_with(op))
			return "operator '" + std::string(op) + "'";
	return "operator '" + std::string(1, c) + "'";
}

} // namespace

std::string describe_token(const SourceManager& sources, const SourceLocation& loc)
{
	if (!loc.valid())
		return "unknown location";
	std::string_view line = sources.line_text(loc.file, loc.line);
	std::string_view rest =
		loc.column >= 1 && loc.column - 1 <= line.size() ? line.substr(loc.column - 1) : "";
	return classify(rest) + " at " + sources.describe(loc);
}

} // namespace stap::codegen
