// Pass 2's hook into the debuginfo stage for expressions that name C data
// by type rather than through a probe's context: @cast(p, "type"[,
// "module"]), @var("name@file"[, "module"]) and ->member on a value that
// carries a C type (task_current()->pid).  Context variables ($var, $$vars)
// go to the probe's provider instead (ProbeProvider::
// resolve_context_variable).  The DWARF issue implements this interface
// over libdw and passes it to elaborate(); without one, such expressions
// are errors.
#pragma once

#include "diag/diagnostics.h"
#include "parse/ast.h"
#include "probes/derived_probe.h"

namespace stap
{

class TargetTyping
{
public:
	TargetTyping() = default;
	TargetTyping(const TargetTyping&) = delete;
	TargetTyping& operator=(const TargetTyping&) = delete;
	virtual ~TargetTyping() = default;

	// Types `expr` (a Cast, AtVar or AutoCast whose operand is already
	// resolved): sets expr.type (long, or string for the $/$$ pretty
	// printers) and expr.target_type, and returns true; or reports why it
	// cannot and returns false.  `probe` is a derived probe whose handler
	// holds expr (its module is the default for @cast), or null in a
	// function.
	virtual bool resolve(ast::TargetExpr& expr, const DerivedProbe* probe,
			     Diagnostics& diags) = 0;
};

} // namespace stap
