// Regular expressions for `=~` and `!~`, compiled at translate time into a
// DFA whose tables the generated module carries; the kernel side is a loop
// over those tables (runtime/regex_match.h) that never allocates or backtracks.
//
// The language is the POSIX ERE subset stap documents: literals, `.`,
// bracket expressions (ranges, [^...], [:class:] names), `^` and `$`,
// `*` `+` `?` `{m}` `{m,}` `{m,n}`, `|` and groups.  Back-references are not
// supported (stap does not support them either).  Matching is stap's: an
// unanchored search (the pattern may match anywhere in the string), bytes
// compared as unsigned chars, `.` matching any byte.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace stap::codegen
{

// The DFA as the runtime reads it (struct stp_regex):
//   state = next[state * nclasses + classes[byte]] for each byte of the
//   string; the match succeeds as soon as a state has kAccept, or at the
//   end of the string in a state with kAcceptAtEnd; it fails early in a
//   state with kDead.  State 0 is the start.
struct RegexDfa {
	static constexpr std::uint8_t kAccept = 1;      // matched, whatever follows
	static constexpr std::uint8_t kAcceptAtEnd = 2; // matched if the string ends here
	static constexpr std::uint8_t kDead = 4;        // can never match from here

	std::uint32_t nclasses = 0;
	std::vector<std::uint8_t> classes; // 256: byte -> class
	std::vector<std::uint16_t> next;   // nstates * nclasses
	std::vector<std::uint8_t> flags;   // per state

	[[nodiscard]] std::size_t nstates() const { return flags.size(); }
	// Runs the DFA over s the way the runtime does (for tests and folding).
	[[nodiscard]] bool matches(std::string_view s) const;
};

struct RegexError {
	std::string message; // "unmatched '(' at offset 3"
};

// Bounds that keep translation fast and the tables small.
inline constexpr std::size_t kRegexMaxRepeat = 255;  // {m,n}: as RE_DUP_MAX
inline constexpr std::size_t kRegexMaxNfa = 20000;   // states after expansion
inline constexpr std::size_t kRegexMaxStates = 4000; // DFA states

std::variant<RegexDfa, RegexError> compile_regex(std::string_view pattern);

// C definitions of the tables and a `static const struct stp_regex NAME`.
std::string emit_regex_c(const RegexDfa& dfa, std::string_view name);

} // namespace stap::codegen
