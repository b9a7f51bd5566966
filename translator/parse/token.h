// Tokens of the script language, and the interface every stage of the
// token pipeline (lexer, macro expander, conditional preprocessor, script
// argument substitution) implements.
#pragma once

#include "diag/source_location.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>

namespace stap
{

enum class TokenKind : std::uint8_t {
	End,            // end of input
	Identifier,     // also keywords and $-names: probe, x, $var, $$vars, $var$
	Number,         // `number` holds the (wrapped) value
	String,         // `text` holds the value after escape processing
	Operator,       // `text` holds the spelling: "+", "<<<", "->", ...
	AtName,         // @cast, @define, @foo: `text` holds the name with its '@'
	ArgValue,       // $1: script argument pasted as tokens
	ArgString,      // @1: script argument as a string literal
	ArgCount,       // $#
	ArgCountString, // @#
	Embedded,       // %{ ... %}: `text` holds the code between the markers
	PpOpen,         // %(
	PpThen,         // %?
	PpElse,         // %:
	PpClose,        // %)
};

const char* token_kind_name(TokenKind kind);

struct Token {
	TokenKind kind = TokenKind::End;
	std::string text;
	std::int64_t number = 0; // Number, ArgValue/ArgString (the argument index)
	SourceLocation loc;
	std::uint32_t length = 1;  // columns the token spans on its line
	bool space_before = false; // whitespace or a comment precedes it

	[[nodiscard]] bool is(TokenKind k) const { return kind == k; }
	[[nodiscard]] bool is_op(std::string_view op) const
	{
		return kind == TokenKind::Operator && same_text(op);
	}
	[[nodiscard]] bool is_ident(std::string_view name) const
	{
		return kind == TokenKind::Identifier && same_text(name);
	}
	// The parser asks this many times per token: lengths and first bytes
	// settle it mostly without a call to memcmp.
	[[nodiscard]] bool same_text(std::string_view s) const
	{
		return text.size() == s.size() && (s.empty() || text[0] == s[0]) &&
		       std::string_view(text).substr(1) ==
			       s.substr(std::min<std::size_t>(1, s.size()));
	}
	// How the token reads in a diagnostic: "'foo'", "end of input", ...
	[[nodiscard]] std::string describe() const;
};

// A stage of the token pipeline.  next() returns End forever once the input
// is exhausted.
class TokenSource
{
public:
	virtual ~TokenSource() = default;
	virtual Token next() = 0;
};

} // namespace stap
