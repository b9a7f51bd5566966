// Owns the text of every file the translator reads so that diagnostics can
// quote source lines, and the expansion frames that locations point to.
#pragma once

#include "diag/source_location.h"

#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace stap
{

class SourceManager
{
public:
	SourceManager();

	// Registers a file's contents; returns its id (never 0).
	std::uint32_t add_file(std::string name, std::string contents);

	[[nodiscard]] const std::string& name(std::uint32_t file) const;
	[[nodiscard]] const std::string& contents(std::uint32_t file) const;
	[[nodiscard]] std::size_t file_count() const { return files_.size() - 1; }

	// The text of line `line` (1-based) of `file`, without its newline;
	// empty if out of range.
	[[nodiscard]] std::string_view line_text(std::uint32_t file, std::uint32_t line) const;

	// Frames live as long as the manager; locations keep pointers to them.
	const ExpansionFrame* add_expansion(std::string description, SourceLocation site);

	// "file:line:col", or "" for an invalid location.
	[[nodiscard]] std::string describe(const SourceLocation& loc) const;

private:
	struct File {
		std::string name;
		std::string contents;
		std::vector<std::size_t> line_starts; // offset of each line's first byte
	};
	std::deque<File> files_; // a deque: contents() references stay valid
	std::deque<ExpansionFrame> frames_;
};

} // namespace stap
