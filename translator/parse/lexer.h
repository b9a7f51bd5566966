// Turns the bytes of one source file into tokens.  Malformed input (bad
// numbers, unterminated strings and comments, invalid characters, NUL bytes,
// invalid UTF-8) is reported here and skipped, so later stages only ever
// see well-formed tokens.
#pragma once

#include "parse/parse_context.h"
#include "parse/token.h"

#include <string_view>

namespace stap
{

class Lexer : public TokenSource
{
public:
	// `expansion`, if set, is attached to every token's location (used for
	// text pasted in from a script argument).
	Lexer(ParseContext& ctx, std::uint32_t file, const ExpansionFrame* expansion = nullptr);

	Token next() override;

private:
	[[nodiscard]] bool at_end() const { return pos_ >= text_.size(); }
	[[nodiscard]] char peek(std::size_t ahead = 0) const
	{
		return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0';
	}
	void advance(std::size_t n = 1);
	[[nodiscard]] SourceLocation here() const;

	// Skips whitespace and comments; true if anything was skipped.
	bool skip_space();
	void lex_identifier(Token& tok);
	void lex_number(Token& tok);
	std::int64_t lex_arg_index(); // the digits of $N / @N
	void lex_string(Token& tok);
	void lex_embedded(Token& tok);
	bool lex_operator(Token& tok);
	// Reports and skips a run of bytes that cannot start a token.
	void skip_invalid();
	void error(SourceLocation loc, std::string message, std::uint32_t length = 1);

	ParseContext& ctx_;
	std::uint32_t file_;
	const ExpansionFrame* expansion_;
	std::string_view text_;
	std::size_t pos_ = 0;
	std::uint32_t line_ = 1;
	std::uint32_t column_ = 1;
	SourceLocation last_end_; // just past the last token
};

// The length of the valid UTF-8 sequence starting at text[0], or 0 if the
// bytes there are not one (overlong forms and surrogates are invalid too).
std::size_t utf8_sequence_length(std::string_view text);

} // namespace stap
