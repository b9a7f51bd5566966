#include "elaborate/elaborated_program.h"

#include <algorithm>
#include <stdexcept>

namespace stap
{

bool GlobalAccess::reads_var(const ast::GlobalVar& g) const
{
	return std::find(reads.begin(), reads.end(), &g) != reads.end();
}

bool GlobalAccess::writes_var(const ast::GlobalVar& g) const
{
	return std::find(writes.begin(), writes.end(), &g) != writes.end();
}

const std::vector<ast::Function*>& ElaboratedProgram::overloads(const ast::Function& f) const
{
	auto it = overload_sets.find(&f);
	if (it == overload_sets.end())
		throw std::logic_error("function '" + f.name + "' is not in the program");
	return *it->second;
}

const GlobalAccess& ElaboratedProgram::access(const ast::Probe& handler) const
{
	auto it = global_access.find(&handler);
	if (it == global_access.end())
		throw std::logic_error("no global access computed for a handler");
	return it->second;
}

const GlobalAccess& ElaboratedProgram::access(const ast::Function& function) const
{
	auto it = global_access.find(&function);
	if (it == global_access.end())
		throw std::logic_error("no global access computed for function '" + function.name +
				       "'");
	return it->second;
}

} // namespace stap
