// The shape of a probe point a provider accepts, written the way
// `stap --dump-probe-types` lists it: "timer.ms(number).randomize(number)".
// A component has a literal name and takes no argument, a number or a
// string.
#pragma once

#include "parse/ast.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace stap
{

enum class ArgKind : std::uint8_t { None, Number, String };

const char* arg_kind_name(ArgKind kind); // "", "number", "string"

// The kind of argument a parsed component carries.
ArgKind arg_kind_of(const ast::ProbePointComponent& component);

struct PatternComponent {
	std::string name;
	ArgKind arg = ArgKind::None;

	// "ms(number)", "profile"
	[[nodiscard]] std::string text() const;
	bool operator==(const PatternComponent&) const = default;
};

struct ProbePattern {
	std::vector<PatternComponent> components;

	// Reads "a.b(number).c(string)"; throws std::invalid_argument on
	// anything else (patterns are written by providers, not by users).
	static ProbePattern parse(std::string_view text);
	[[nodiscard]] std::string text() const;
};

} // namespace stap
