#include "codegen/c_string.h"

#include <cinttypes>
#include <cstdio>

namespace stap::codegen
{

std::string c_string_literal(std::string_view bytes)
{
	std::string out = "\"";
	for (char ch : bytes) {
		auto c = static_cast<unsigned char>(ch);
		switch (c) {
		case '\n':
			out += "\\n";
			break;
		case '\t':
			out += "\\t";
			break;
		case '\\':
			out += "\\\\";
			break;
		case '"':
			out += "\\\"";
			break;
		default:
			if (c == '?' && out.back() == '?') {
				// "??x" could read as a trigraph (and draws -Wtrigraphs).
				out += "\\?";
			} else if (c >= 0x20 && c < 0x7f) {
				out += static_cast<char>(c);
			} else {
				char esc[5];
				std::snprintf(esc, sizeof esc, "\\%03o", c);
				out += esc;
			}
		}
	}
	out += '"';
	return out;
}

std::string c_int_literal(std::int64_t v)
{
	if (v == INT64_MIN)
		return "(-9223372036854775807LL - 1)";
	char buf[32];
	if (v >= INT32_MIN && v <= INT32_MAX)
		std::snprintf(buf, sizeof buf, "%" PRId64, v);
	else
		std::snprintf(buf, sizeof buf, "%" PRId64 "LL", v);
	return v < 0 ? "(" + std::string(buf) + ")" : std::string(buf);
}

std::string c_comment_text(std::string_view text)
{
	std::string out;
	for (char c : text) {
		if (c == '\n' || c == '\r')
			c = ' ';
		if (c == '/' && !out.empty() && out.back() == '*')
			out += ' ';
		out += c;
	}
	return out;
}

std::string c_identifier_part(std::string_view name)
{
	std::string out;
	for (char ch : name) {
		auto c = static_cast<unsigned char>(ch);
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '_') {
			out += static_cast<char>(c);
		} else {
			char esc[8];
			std::snprintf(esc, sizeof esc, "_x%02X_", c);
			out += esc;
		}
	}
	return out;
}

} // namespace stap::codegen
