// Profiling timers: timer.profile.tick runs on every CPU at each system tick
// with the interrupted task's context (stapprobes TIMERS).  timer.profile is
// built in as its synonym; a tapset alias of that name takes precedence.
#pragma once

#include "probes/probe_provider.h"

namespace stap
{

class ProfileTimerProbe : public DerivedProbe
{
public:
	using DerivedProbe::DerivedProbe;
	// The handler sees the registers of the task the tick interrupted.
	[[nodiscard]] bool has_register_context() const override { return true; }
};

class ProfileTimerProvider : public ProbeProvider
{
public:
	[[nodiscard]] std::string_view family() const override { return "profile timer"; }
	[[nodiscard]] std::vector<ProbePattern> patterns() const override;
	void build(const ast::ProbePoint& point, ProbeBuildContext& ctx,
		   std::vector<std::unique_ptr<DerivedProbe>>& out) const override;
	// Code generation (codegen/probe_family_emitters.cpp).
	void emit(EmitContext& ctx, std::span<const DerivedProbe* const> probes) const override;
};

} // namespace stap
