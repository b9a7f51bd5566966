#include "elaborate/suggestions.h"

#include <algorithm>
#include <utility>

namespace stap
{

std::size_t edit_distance(std::string_view a, std::string_view b)
{
	// Three rows of the classic table suffice for the swap rule.
	std::vector<std::size_t> prev2(b.size() + 1), prev(b.size() + 1), row(b.size() + 1);
	for (std::size_t j = 0; j <= b.size(); ++j)
		prev[j] = j;
	for (std::size_t i = 1; i <= a.size(); ++i) {
		row[0] = i;
		for (std::size_t j = 1; j <= b.size(); ++j) {
			std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
			row[j] = std::min({prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost});
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
				row[j] = std::min(row[j], prev2[j - 2] + 1);
		}
		std::swap(prev2, prev);
		std::swap(prev, row);
	}
	return prev[b.size()];
}

std::vector<std::string>
similar_names(std::string_view word, const std::vector<std::string>& candidates, std::size_t limit)
{
	// Short names need a close match, or everything would be suggested.
	const std::size_t max_distance = word.size() <= 3 ? 1 : word.size() <= 6 ? 2 : 3;
	const bool internal = !word.empty() && word.front() == '_';
	std::vector<std::pair<std::size_t, std::string>> scored;
	for (const std::string& c : candidates) {
		if (c == word || (!internal && !c.empty() && c.front() == '_'))
			continue;
		// Cheap bound first: the lengths alone may rule it out.
		std::size_t diff =
			c.size() > word.size() ? c.size() - word.size() : word.size() - c.size();
		if (diff > max_distance)
			continue;
		std::size_t d = edit_distance(word, c);
		if (d <= max_distance)
			scored.emplace_back(d, c);
	}
	std::sort(scored.begin(), scored.end());
	scored.erase(std::unique(scored.begin(), scored.end()), scored.end());
	std::vector<std::string> names;
	for (auto& [d, name] : scored) {
		if (names.size() == limit)
			break;
		if (std::find(names.begin(), names.end(), name) == names.end())
			names.push_back(std::move(name));
	}
	return names;
}

void suggest(Diagnostic& d, std::string_view word, const std::vector<std::string>& candidates,
	     SourceLocation at)
{
	std::vector<std::string> names = similar_names(word, candidates);
	if (names.empty())
		return;
	std::string text = names.size() == 1 ? "did you mean " : "did you mean one of ";
	for (std::size_t i = 0; i < names.size(); ++i)
		text += (i > 0 ? ", '" : "'") + names[i] + "'";
	d.note(text + "?", at.valid() ? at : d.loc);
}

} // namespace stap
