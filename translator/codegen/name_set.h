// Unique C identifiers made from script names.
#pragma once

#include <set>
#include <string>

namespace stap::codegen
{

// Hands out `base`, then `base__2`, `base__3`, ... for names already given,
// so that script names differing only where C cannot tell them apart (or
// repeated in different scopes) still get distinct C names.
class NameSet
{
public:
	std::string make(const std::string& base)
	{
		std::string name = base;
		for (int n = 2; !used_.insert(name).second; ++n)
			name = base + "__" + std::to_string(n);
		return name;
	}

private:
	std::set<std::string> used_;
};

} // namespace stap::codegen
