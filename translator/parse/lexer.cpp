#include "parse/lexer.h"

#include <algorithm>
#include <array>
#include <limits>

namespace stap
{

namespace
{

bool is_ident_start(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool is_ident_char(char c)
{
	return is_ident_start(c) || (c >= '0' && c <= '9') || c == '$';
}

bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

// Longest match first.
constexpr std::array<std::string_view, 3> kOps3 = {"<<<", "<<=", ">>="};
constexpr std::array<std::string_view, 21> kOps2 = {
	"->", "++", "--", "+=", "-=", "*=", "/=", "&=", "|=", "^=", ".=",
	"==", "!=", "<=", ">=", "<<", ">>", "&&", "||", "=~", "!~"};
constexpr std::string_view kOps1 = "+-*/%=<>!~&|^.?:,;()[]{}";

std::string byte_text(unsigned char c)
{
	static const char* digits = "0123456789abcdef";
	return std::string("0x") + digits[c >> 4] + digits[c & 15];
}

} // namespace

const char* token_kind_name(TokenKind kind)
{
	switch (kind) {
	case TokenKind::End:
		return "end of input";
	case TokenKind::Identifier:
		return "identifier";
	case TokenKind::Number:
		return "number";
	case TokenKind::String:
		return "string";
	case TokenKind::Operator:
		return "operator";
	case TokenKind::AtName:
		return "@-operator";
	case TokenKind::ArgValue:
	case TokenKind::ArgString:
	case TokenKind::ArgCount:
	case TokenKind::ArgCountString:
		return "script argument";
	case TokenKind::Embedded:
		return "embedded C";
	case TokenKind::PpOpen:
		return "'%('";
	case TokenKind::PpThen:
		return "'%?'";
	case TokenKind::PpElse:
		return "'%:'";
	case TokenKind::PpClose:
		return "'%)'";
	}
	return "token";
}

std::string Token::describe() const
{
	switch (kind) {
	case TokenKind::End:
	case TokenKind::Embedded:
	case TokenKind::PpOpen:
	case TokenKind::PpThen:
	case TokenKind::PpElse:
	case TokenKind::PpClose:
		return token_kind_name(kind);
	case TokenKind::String:
		return "string literal";
	case TokenKind::Number:
		return "number '" + text + "'";
	default:
		return "'" + text + "'";
	}
}

std::size_t utf8_sequence_length(std::string_view text)
{
	if (text.empty())
		return 0;
	auto b0 = static_cast<unsigned char>(text[0]);
	std::size_t len;
	unsigned min;
	if (b0 < 0x80)
		return 1;
	if (b0 >= 0xc2 && b0 <= 0xdf) {
		len = 2;
		min = 0x80;
	} else if (b0 >= 0xe0 && b0 <= 0xef) {
		len = 3;
		min = 0x800;
	} else if (b0 >= 0xf0 && b0 <= 0xf4) {
		len = 4;
		min = 0x10000;
	} else {
		return 0;
	}
	if (text.size() < len)
		return 0;
	unsigned cp = b0 & (0x7f >> len);
	for (std::size_t i = 1; i < len; ++i) {
		auto b = static_cast<unsigned char>(text[i]);
		if ((b & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (b & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

Lexer::Lexer(ParseContext& ctx, std::uint32_t file, const ExpansionFrame* expansion)
    : ctx_(ctx), file_(file), expansion_(expansion), text_(ctx.sources.contents(file))
{
}

void Lexer::advance(std::size_t n)
{
	for (; n > 0 && pos_ < text_.size(); --n, ++pos_) {
		if (text_[pos_] == '\n') {
			++line_;
			column_ = 1;
		} else {
			++column_;
		}
	}
}

SourceLocation Lexer::here() const
{
	return SourceLocation{file_, line_, column_, expansion_};
}

void Lexer::error(SourceLocation loc, std::string message, std::uint32_t length)
{
	ctx_.error(loc, std::move(message), length);
}

bool Lexer::skip_space()
{
	bool skipped = false;
	while (!at_end()) {
		char c = peek();
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
			advance();
		} else if (c == '#' || (c == '/' && peek(1) == '/')) {
			while (!at_end() && peek() != '\n') {
				if (peek() == '\0')
					error(here(), "NUL byte in input");
				advance();
			}
		} else if (c == '/' && peek(1) == '*') {
			SourceLocation start = here();
			advance(2);
			while (!at_end() && !(peek() == '*' && peek(1) == '/')) {
				if (peek() == '\0')
					error(here(), "NUL byte in input");
				advance();
			}
			if (at_end()) {
				error(start,
				      "unterminated comment: no '*/' before the end of the file",
				      2);
				return true;
			}
			advance(2);
		} else {
			break;
		}
		skipped = true;
	}
	return skipped;
}

void Lexer::lex_identifier(Token& tok)
{
	std::size_t start = pos_;
	advance();
	while (!at_end() && is_ident_char(peek()))
		advance();
	tok.kind = TokenKind::Identifier;
	tok.text.assign(text_.substr(start, pos_ - start));
}

std::int64_t Lexer::lex_arg_index()
{
	// Saturates: any index this large is out of range anyway.
	std::int64_t index = 0;
	while (!at_end() && is_digit(peek())) {
		index = std::min<std::int64_t>(index * 10 + (peek() - '0'), 1000000000);
		advance();
	}
	return index;
}

void Lexer::lex_number(Token& tok)
{
	std::size_t start = pos_;
	SourceLocation loc = here();
	while (!at_end() && is_ident_char(peek()))
		advance();
	std::string_view spelling = text_.substr(start, pos_ - start);
	tok.kind = TokenKind::Number;
	tok.text.assign(spelling);

	unsigned base = 10;
	std::string_view digits = spelling;
	if (spelling.size() > 1 && spelling[0] == '0' &&
	    (spelling[1] == 'x' || spelling[1] == 'X')) {
		base = 16;
		digits.remove_prefix(2);
	} else if (spelling.size() > 1 && spelling[0] == '0') {
		base = 8;
		digits.remove_prefix(1);
	}
	auto length = static_cast<std::uint32_t>(spelling.size());
	if (digits.empty()) {
		error(loc, "invalid number '" + tok.text + "'", length);
		return;
	}
	std::uint64_t value = 0;
	bool overflow = false;
	for (char c : digits) {
		int d = hex_value(c);
		if (d < 0 || static_cast<unsigned>(d) >= base) {
			bool octal = base == 8 && (c == '8' || c == '9');
			error(loc,
			      std::string(octal ? "invalid octal number '" : "invalid number '") +
				      tok.text + "'",
			      length);
			return;
		}
		if (value >
		    (std::numeric_limits<std::uint64_t>::max() - static_cast<unsigned>(d)) / base)
			overflow = true;
		value = value * base + static_cast<unsigned>(d);
	}
	if (overflow) {
		error(loc, "number '" + tok.text + "' does not fit in 64 bits", length);
		return;
	}
	// Values from 2^63 to 2^64-1 wrap around to negative numbers, as in stap.
	tok.number = static_cast<std::int64_t>(value);
}

void Lexer::lex_string(Token& tok)
{
	SourceLocation start = here();
	std::size_t start_pos = pos_;
	advance(); // opening quote
	tok.kind = TokenKind::String;
	std::string& out = tok.text;
	for (;;) {
		if (at_end() || peek() == '\n') {
			error(start, "unterminated string literal: no closing '\"' on this line");
			break;
		}
		char c = peek();
		if (c == '"') {
			advance();
			break;
		}
		if (c == '\0') {
			error(here(), "NUL byte in string literal");
			advance();
			continue;
		}
		if (static_cast<unsigned char>(c) >= 0x80) {
			std::size_t n = utf8_sequence_length(text_.substr(pos_));
			if (n == 0) {
				error(here(),
				      "invalid UTF-8 byte " +
					      byte_text(static_cast<unsigned char>(c)) +
					      " in string literal (use an escape such as "
					      "\\x" +
					      byte_text(static_cast<unsigned char>(c)).substr(2) +
					      ")");
				// One report for the run of bad bytes.
				do
					advance();
				while (static_cast<unsigned char>(peek()) >= 0x80 &&
				       utf8_sequence_length(text_.substr(pos_)) == 0);
				continue;
			}
			out.append(text_.substr(pos_, n));
			advance(n);
			continue;
		}
		if (c != '\\') {
			out.push_back(c);
			advance();
			continue;
		}
		SourceLocation esc = here();
		advance(); // backslash
		if (at_end())
			continue;
		char e = peek();
		switch (e) {
		case 'a':
			out.push_back('\a');
			break;
		case 'b':
			out.push_back('\b');
			break;
		case 'f':
			out.push_back('\f');
			break;
		case 'n':
			out.push_back('\n');
			break;
		case 'r':
			out.push_back('\r');
			break;
		case 't':
			out.push_back('\t');
			break;
		case 'v':
			out.push_back('\v');
			break;
		case '\n': // line continuation
			break;
		case 'x': {
			advance();
			unsigned value = 0;
			int ndigits = 0;
			while (!at_end() && hex_value(peek()) >= 0) {
				value = value * 16 + static_cast<unsigned>(hex_value(peek()));
				if (value > 0xff)
					value = 0x100; // saturate: reported below
				advance();
				++ndigits;
			}
			if (ndigits == 0)
				error(esc, "\\x escape without hexadecimal digits", 2);
			else if (value > 0xff)
				error(esc, "\\x escape out of range (more than 0xff)", 2);
			else
				out.push_back(static_cast<char>(value));
			continue;
		}
		default:
			if (e >= '0' && e <= '7') {
				unsigned value = 0;
				for (int i = 0;
				     i < 3 && !at_end() && peek() >= '0' && peek() <= '7'; ++i) {
					value = value * 8 + static_cast<unsigned>(peek() - '0');
					advance();
				}
				if (value > 0xff)
					error(esc, "octal escape out of range (more than \\377)",
					      2);
				else
					out.push_back(static_cast<char>(value));
				continue;
			}
			// \\ \" \' \? and, as in C, any other character stands
			// for itself.
			if (e == '\0' || static_cast<unsigned char>(e) >= 0x80)
				continue; // reported on the next round
			out.push_back(e);
			break;
		}
		advance();
	}
	tok.length = line_ == start.line ? static_cast<std::uint32_t>(pos_ - start_pos) : 1;
}

void Lexer::lex_embedded(Token& tok)
{
	SourceLocation start = here();
	advance(2); // %{
	std::size_t begin = pos_;
	while (!at_end() && !(peek() == '%' && peek(1) == '}')) {
		if (peek() == '\0')
			error(here(), "NUL byte in embedded C");
		advance();
	}
	tok.kind = TokenKind::Embedded;
	tok.text.assign(text_.substr(begin, pos_ - begin));
	tok.length = 2;
	if (at_end()) {
		error(start, "unterminated embedded C: no '%}' before the end of the file", 2);
		return;
	}
	advance(2);
}

bool Lexer::lex_operator(Token& tok)
{
	tok.kind = TokenKind::Operator;
	std::string_view rest = text_.substr(pos_);
	// Longest match first; the first byte rules out most candidates cheaply.
	auto match = [&](std::string_view op) {
		if (op[0] != rest[0] || !rest.starts_with(op))
			return false;
		tok.text.assign(op);
		advance(op.size());
		return true;
	};
	for (std::string_view op : kOps3)
		if (match(op))
			return true;
	for (std::string_view op : kOps2)
		if (match(op))
			return true;
	if (kOps1.find(rest[0]) != std::string_view::npos) {
		tok.text.assign(1, rest[0]);
		advance();
		return true;
	}
	return false;
}

void Lexer::skip_invalid()
{
	SourceLocation loc = here();
	auto c = static_cast<unsigned char>(peek());
	std::string what;
	if (c == 0)
		what = "NUL byte in input";
	else if (c >= 0x80 && utf8_sequence_length(text_.substr(pos_)) == 0)
		what = "invalid UTF-8 byte " + byte_text(c);
	else if (c >= 0x80)
		what = "unexpected non-ASCII character";
	else if (c < 0x20 || c == 0x7f)
		what = "unexpected control character " + byte_text(c);
	else
		what = std::string("unexpected character '") + static_cast<char>(c) + "'";
	// One report for the whole run of such bytes.
	std::uint32_t length = 0;
	do {
		std::size_t n = std::max<std::size_t>(1, utf8_sequence_length(text_.substr(pos_)));
		advance(n);
		++length;
		c = static_cast<unsigned char>(peek());
	} while (!at_end() &&
		 (c == 0 || c >= 0x80 ||
		  (c < 0x20 && c != '\n' && c != '\t' && c != '\r' && c != '\f' && c != '\v')));
	error(loc, what, length);
}

Token Lexer::next()
{
	for (;;) {
		Token tok;
		tok.space_before = skip_space();
		tok.loc = here();
		if (at_end() || ctx_.gave_up()) {
			// Errors at the end of input point just past the last token,
			// on a line that diagnostics can quote.
			tok.kind = TokenKind::End;
			if (last_end_.valid())
				tok.loc = last_end_;
			return tok;
		}
		std::size_t start = pos_;
		char c = peek();
		char c1 = peek(1);
		if (c == '$' && is_digit(c1)) {
			advance();
			tok.kind = TokenKind::ArgValue;
			tok.number = lex_arg_index();
			tok.text.assign(text_.substr(start, pos_ - start));
		} else if (c == '$' && c1 == '#') {
			advance(2);
			tok.kind = TokenKind::ArgCount;
			tok.text = "$#";
		} else if (is_ident_start(c) || c == '$') {
			lex_identifier(tok);
		} else if (c == '@' && is_digit(c1)) {
			advance();
			tok.kind = TokenKind::ArgString;
			tok.number = lex_arg_index();
			tok.text.assign(text_.substr(start, pos_ - start));
		} else if (c == '@' && c1 == '#') {
			advance(2);
			tok.kind = TokenKind::ArgCountString;
			tok.text = "@#";
		} else if (c == '@' && is_ident_start(c1)) {
			advance();
			while (!at_end() && (is_ident_start(peek()) || is_digit(peek())))
				advance();
			tok.kind = TokenKind::AtName;
			tok.text.assign(text_.substr(start, pos_ - start));
		} else if (is_digit(c)) {
			lex_number(tok);
		} else if (c == '"') {
			lex_string(tok);
			last_end_ = here();
			return tok;
		} else if (c == '%' && c1 == '{') {
			lex_embedded(tok);
			last_end_ = here();
			return tok;
		} else if (c == '%' && (c1 == '(' || c1 == '?' || c1 == ':' || c1 == ')')) {
			advance(2);
			tok.kind = c1 == '('   ? TokenKind::PpOpen
				   : c1 == '?' ? TokenKind::PpThen
				   : c1 == ':' ? TokenKind::PpElse
					       : TokenKind::PpClose;
			tok.text.assign(text_.substr(start, 2));
		} else if (c == '%' && c1 == '}') {
			error(tok.loc, "'%}' without a matching '%{'", 2);
			advance(2);
			continue;
		} else if (c == '%' && c1 == '=') {
			advance(2);
			tok.kind = TokenKind::Operator;
			tok.text = "%=";
		} else if (!lex_operator(tok)) {
			skip_invalid();
			continue;
		}
		if (ctx_.gave_up()) {
			tok = Token{};
			tok.loc = here();
			return tok;
		}
		tok.length = static_cast<std::uint32_t>(pos_ - start);
		last_end_ = here();
		return tok;
	}
}

} // namespace stap
