// begin, end and error probes, each with an optional sequence number:
// begin(-1) runs before begin, which is begin(0) (stapprobes BEGIN/END/ERROR).
#pragma once

#include "probes/probe_provider.h"

#include <cstdint>

namespace stap
{

class BeginEndProbe : public DerivedProbe
{
public:
	enum class Kind : std::uint8_t { Begin, End, Error };

	BeginEndProbe(const ProbeProvider& provider, std::unique_ptr<ast::ProbePoint> point,
		      Kind probe_kind, std::int64_t sequence_number)
	    : DerivedProbe(provider, std::move(point)), kind(probe_kind), sequence(sequence_number)
	{
	}

	void describe(std::ostream& out) const override;

	// Code generation runs the probes of one kind in increasing sequence
	// order, and probes with equal numbers in program order.
	const Kind kind;
	const std::int64_t sequence; // 0 when not given
};

class BeginEndProvider : public ProbeProvider
{
public:
	[[nodiscard]] std::string_view family() const override { return "begin/end/error"; }
	[[nodiscard]] std::vector<ProbePattern> patterns() const override;
	void build(const ast::ProbePoint& point, ProbeBuildContext& ctx,
		   std::vector<std::unique_ptr<DerivedProbe>>& out) const override;
	// Code generation (codegen/probe_family_emitters.cpp).
	void emit(EmitContext& ctx, std::span<const DerivedProbe* const> probes) const override;
};

} // namespace stap
