#include "diag/source_manager.h"

namespace stap
{

SourceManager::SourceManager()
{
	files_.emplace_back(); // id 0: no file
}

std::uint32_t SourceManager::add_file(std::string name, std::string contents)
{
	File f{std::move(name), std::move(contents), {0}};
	for (std::size_t i = 0; i < f.contents.size(); ++i)
		if (f.contents[i] == '\n')
			f.line_starts.push_back(i + 1);
	files_.push_back(std::move(f));
	return static_cast<std::uint32_t>(files_.size() - 1);
}

const std::string& SourceManager::name(std::uint32_t file) const
{
	return files_.at(file).name;
}

const std::string& SourceManager::contents(std::uint32_t file) const
{
	return files_.at(file).contents;
}

std::string_view SourceManager::line_text(std::uint32_t file, std::uint32_t line) const
{
	if (file == 0 || file >= files_.size())
		return {};
	const File& f = files_[file];
	if (line == 0 || line > f.line_starts.size())
		return {};
	std::size_t begin = f.line_starts[line - 1];
	std::size_t end = line < f.line_starts.size() ? f.line_starts[line] - 1 : f.contents.size();
	if (begin > end)
		return {};
	std::string_view text(f.contents.data() + begin, end - begin);
	if (!text.empty() && text.back() == '\r')
		text.remove_suffix(1);
	return text;
}

const ExpansionFrame* SourceManager::add_expansion(std::string description, SourceLocation site)
{
	frames_.push_back(ExpansionFrame{std::move(description), site});
	return &frames_.back();
}

std::string SourceManager::describe(const SourceLocation& loc) const
{
	if (!loc.valid() || loc.file >= files_.size())
		return {};
	return files_[loc.file].name + ":" + std::to_string(loc.line) + ":" +
	       std::to_string(loc.column);
}

} // namespace stap
