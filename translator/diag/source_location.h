// Positions in script text, shared by every translator stage.
#pragma once

#include <cstdint>
#include <string>

namespace stap
{

struct ExpansionFrame;

// A point in a source file.  Tokens produced by a macro or an alias carry the
// frame they were expanded in, so that a diagnostic can say both where the
// text was written and where it was used.
struct SourceLocation {
	std::uint32_t file = 0;   // SourceManager file id; 0 means "no location"
	std::uint32_t line = 0;   // 1-based
	std::uint32_t column = 0; // 1-based, counted in bytes
	const ExpansionFrame* expansion = nullptr;

	[[nodiscard]] bool valid() const { return file != 0; }
	friend bool operator==(const SourceLocation& a, const SourceLocation& b)
	{
		return a.file == b.file && a.line == b.line && a.column == b.column &&
		       a.expansion == b.expansion;
	}
};

// One level of expansion: "in expansion of macro 'foo'" at `site`.
struct ExpansionFrame {
	std::string description;
	SourceLocation site;
};

} // namespace stap
