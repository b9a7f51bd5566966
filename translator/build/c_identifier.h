// Whether a word is a C identifier: -D and -G names, runtime file names.
#pragma once

#include <string_view>

namespace stap
{

inline bool is_c_identifier(std::string_view s)
{
	if (s.empty() || (s[0] >= '0' && s[0] <= '9'))
		return false;
	for (char c : s)
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '_'))
			return false;
	return true;
}

} // namespace stap
