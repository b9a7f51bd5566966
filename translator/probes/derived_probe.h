// A derived probe: one concrete probe of one family, as pass 2 resolves it
// from a probe point of the script (through aliases and wildcards).  Each
// family subclasses it with the data code generation needs (a timer's
// period, a begin probe's sequence number, ...).
//
// Several derived probes may run the same handler: the probe points that one
// provider call resolved (a wildcard over many functions, say) share it.
// The handler is an ast::Probe that pass 2 owns: its body is the user's
// body with the alias prologues and epilogues around it, its `locals` are
// resolved and typed, and its single point carries the combined condition.
#pragma once

#include "parse/ast.h"

#include <iosfwd>
#include <memory>
#include <string>

namespace stap
{

class ProbeProvider;

class DerivedProbe
{
public:
	// `point` is the resolved probe point, without a condition (that lives
	// in the handler); its ?/! marks are kept for display.
	DerivedProbe(const ProbeProvider& provider, std::unique_ptr<ast::ProbePoint> point);
	DerivedProbe(const DerivedProbe&) = delete;
	DerivedProbe& operator=(const DerivedProbe&) = delete;
	virtual ~DerivedProbe();

	[[nodiscard]] const ProbeProvider& provider() const { return *provider_; }
	[[nodiscard]] const ast::ProbePoint& point() const { return *point_; }
	[[nodiscard]] ast::ProbePoint& point() { return *point_; }

	// Family-specific facts pass 2 checks the handler against.
	// @entry(...) is only valid in function return probes.
	[[nodiscard]] virtual bool is_return_probe() const { return false; }
	// @kregister/@uregister need a register context (an interrupted task).
	[[nodiscard]] virtual bool has_register_context() const { return false; }

	// Extra detail for `stap -p2 -v`, e.g. "period 100000000 ns"; nothing
	// by default.
	virtual void describe(std::ostream& out) const;

	// Set by pass 2.
	ast::Probe* handler = nullptr; // the code this probe runs
	// Where it came from, for `stap -p2`: the alias expansions from the
	// innermost out, then the user's probe points, e.g.
	// "foo = begin <- bar = foo <- bar".
	std::string origin;

private:
	const ProbeProvider* provider_;
	std::unique_ptr<ast::ProbePoint> point_;
};

} // namespace stap
