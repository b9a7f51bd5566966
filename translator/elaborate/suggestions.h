// "Did you mean ...?": names close to a misspelt one, by edit distance.
#pragma once

#include "diag/diagnostics.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace stap
{

// Damerau-Levenshtein distance (insertions, deletions, substitutions and
// swaps of neighbours each cost 1).
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidates close enough to `word` to be what was meant, best first,
// at most `limit`.  Names starting with '_' (internal ones) are offered only
// when `word` does too.
std::vector<std::string> similar_names(std::string_view word,
				       const std::vector<std::string>& candidates,
				       std::size_t limit = 3);

// Adds "did you mean 'x'?" (or "... one of 'x', 'y'?") to `d` when there is
// a similar name; `at` locates the note (by default, where `d` is).
void suggest(Diagnostic& d, std::string_view word, const std::vector<std::string>& candidates,
	     SourceLocation at = {});

} // namespace stap
