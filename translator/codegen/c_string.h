// Script text in C source: string literals and comments.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace stap::codegen
{

// A C string literal, quotes included, that holds exactly `bytes`: printable
// ASCII as is (a second "?" of "??" escaped), the escapes \n \t \\ \" and octal escapes (always
// three digits, so that a following digit cannot extend them) for the rest.
std::string c_string_literal(std::string_view bytes);

// A C integer literal of type s64 with this value: 42, 5000000000LL,
// (-7), (-9223372036854775807LL - 1).
std::string c_int_literal(std::int64_t v);

// Text that is safe inside a /* */ comment on one line: newlines become
// spaces and "*/" cannot occur.
std::string c_comment_text(std::string_view text);

// A C identifier made of `name`'s letters,
// digits and underscores, with every other byte spelled as _xHH_.
std::string c_identifier_part(std::string_view name);

} // namespace stap::codegen
