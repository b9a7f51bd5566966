// Probe families this version recognises but cannot resolve yet (DWARF
// functions and statements, kprobes, user-space processes, tracepoints, perf
// counters, procfs files, ...).  Each is a provider that knows the family's
// probe point shapes, so that such points match, list and suggest like any
// other, and that reports "not supported yet" when one is used.  Building a
// family means replacing its PendingProvider in probe_registry.cpp by the
// real provider.
#pragma once

#include "probes/probe_provider.h"

#include <string>
#include <vector>

namespace stap
{

class PendingProvider : public ProbeProvider
{
public:
	// `patterns` as --dump-probe-types lists them: "kprobe.function(string)".
	PendingProvider(std::string family, std::vector<std::string> patterns);

	[[nodiscard]] std::string_view family() const override { return family_; }
	[[nodiscard]] std::vector<ProbePattern> patterns() const override;
	void build(const ast::ProbePoint& point, ProbeBuildContext& ctx,
		   std::vector<std::unique_ptr<DerivedProbe>>& out) const override;

private:
	std::string family_;
	std::vector<std::string> patterns_;
};

// The pending families, one provider each.
std::vector<std::unique_ptr<ProbeProvider>> make_pending_providers();

} // namespace stap
