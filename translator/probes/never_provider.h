// The `never` probe: its handler is checked like any other but never runs
// (stapprobes NEVER); useful next to optional probe points.
#pragma once

#include "probes/probe_provider.h"

namespace stap
{

class NeverProbe : public DerivedProbe
{
public:
	using DerivedProbe::DerivedProbe;
};

class NeverProvider : public ProbeProvider
{
public:
	[[nodiscard]] std::string_view family() const override { return "never"; }
	[[nodiscard]] std::vector<ProbePattern> patterns() const override;
	void build(const ast::ProbePoint& point, ProbeBuildContext& ctx,
		   std::vector<std::unique_ptr<DerivedProbe>>& out) const override;
	// Code generation (codegen/probe_family_emitters.cpp).
	void emit(EmitContext& ctx, std::span<const DerivedProbe* const> probes) const override;
};

} // namespace stap
