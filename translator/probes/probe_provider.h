// A probe provider: everything about one family of probe points (DESIGN.md
// "Probe providers").  A provider
//   (a) declares the probe point shapes it accepts (patterns()), which pass 2
//       merges with the probe aliases into one match tree: wildcards and
//       alias suffixes are matched there, the same way for every family;
//   (b) builds the derived probes of a concrete point (build()), checking its
//       arguments, and types the context variables ($var, $$vars, ...) of
//       their handlers (resolve_context_variable());
//   (c) emits the C that registers its probes and fills the probe context
//       (emit(), the hook code generation implements).
//
// Adding a family means writing one provider and listing it in
// probe_registry.cpp; `stap -l/-L` and --dump-probe-types walk the same list.
#pragma once

#include "diag/diagnostics.h"
#include "parse/ast.h"
#include "probes/derived_probe.h"
#include "probes/probe_pattern.h"

#include <memory>
#include <span>
#include <string_view>
#include <vector>

namespace stap
{

// Defined by code generation (pass 3): where a provider writes its C.
struct EmitContext;

// What build() may use.  Errors go to `diags`, which pass 2 points at a
// scratch sink when the probe point is optional.
struct ProbeBuildContext {
	Diagnostics& diags;
	bool guru_mode = false;
};

class ProbeProvider
{
public:
	ProbeProvider() = default;
	ProbeProvider(const ProbeProvider&) = delete;
	ProbeProvider& operator=(const ProbeProvider&) = delete;
	virtual ~ProbeProvider() = default;

	// The family's name in messages: "begin/end/error", "timer", "dwarf".
	[[nodiscard]] virtual std::string_view family() const = 0;

	// Every probe point shape the family accepts.
	[[nodiscard]] virtual std::vector<ProbePattern> patterns() const = 0;

	// Builds the derived probes of `point`, which matched one of
	// patterns(): its component names are literal (no wildcards) and its
	// arguments have the pattern's kinds.  A problem with the values
	// (out of range, no such function, ...) is reported to ctx.diags at
	// the culprit, and nothing is added.
	virtual void build(const ast::ProbePoint& point, ProbeBuildContext& ctx,
			   std::vector<std::unique_ptr<DerivedProbe>>& out) const = 0;

	// Pass 2 hook: gives the context variable `var` ($name, $$vars, ...,
	// with any ->member components) in a handler of `probe` its type (sets
	// var.type and var.target_type) and returns true, or reports why it is
	// not available and returns false.  The default: the family has no
	// context variables.
	virtual bool resolve_context_variable(ast::TargetSymbol& var, const DerivedProbe& probe,
					      Diagnostics& diags) const;

	// Pass 3 hook: writes the declarations, registration and
	// unregistration of `probes` (all of this family, in program order)
	// and the prologue that sets up their handlers' context.  Code
	// generation implements it per family; the default throws
	// std::logic_error naming the family.
	virtual void emit(EmitContext& ctx, std::span<const DerivedProbe* const> probes) const;
};

} // namespace stap
