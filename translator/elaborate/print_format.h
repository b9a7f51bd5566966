// printf/sprintf formats (stap(1) PRINTING, language reference 9.2):
//
//   %[flags][width][.precision][l]conversion
//   flags: - + space # 0     width, precision: digits or * (a long argument)
//   conversions: d i o u x X p c b m M (a long), s (a string), %% (none)
//
// The format must be a literal, so pass 2 checks every argument's type
// against it.
#pragma once

#include "parse/ast.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace stap
{

struct PrintFormatSpec {
	// The type of each argument the format consumes, in order (a `*`
	// width or precision takes a long before its value).
	std::vector<ast::Type> arguments;
	// Empty when the format is valid; else what is wrong, at byte
	// `error_offset` of the format.
	std::string error;
	std::size_t error_offset = 0;
};

PrintFormatSpec parse_print_format(std::string_view format);

} // namespace stap
