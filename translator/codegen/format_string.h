// The stap printf format language, as the translator sees it: which
// arguments a format takes (the runtime does the formatting, see
// runtime/format.h), and the text of formats the translator builds itself
// for print, println and printd.
#pragma once

#include "parse/ast.h"

#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace stap::codegen
{

// What one argument of a format must be: a long (every conversion but %s,
// and every `*` width or precision), or a string (%s).
enum class FormatArg : std::uint8_t { Long, String };

struct FormatSpec {
	std::vector<FormatArg> args;
	bool reads_memory = false; // %m or %M: may fail at run time
};

struct FormatError {
	std::string message;
	std::size_t offset = 0; // of the offending directive
};

// Parses `fmt` (escapes already decoded).  Conversions: d i u x X o p c s b
// m M %; flags - + space # 0; width and precision as numbers or `*`; C's
// length modifiers (h l L q j z t) are accepted and ignored.
std::variant<FormatSpec, FormatError> parse_format(std::string_view fmt);

// `text` as a format that prints it literally (every % doubled).
std::string literal_format(std::string_view text);

// The conversion that prints a value of `type` as print() does: "%d" or "%s".
const char* print_conversion(ast::Type type);

} // namespace stap::codegen
