#include "probes/probe_provider.h"

#include <stdexcept>
#include <string>

namespace stap
{

bool ProbeProvider::resolve_context_variable(ast::TargetSymbol& var, const DerivedProbe&,
					     Diagnostics& diags) const
{
	diags.error(DiagKind::SemanticError, var.loc,
		    "unresolved target-symbol expression '" + var.name +
			    "': " + std::string(family()) + " probes provide no context variables")
		.span(var.length);
	return false;
}

void ProbeProvider::emit(EmitContext&, std::span<const DerivedProbe* const>) const
{
	throw std::logic_error("code generation for " + std::string(family()) +
			       " probes is not implemented");
}

} // namespace stap
