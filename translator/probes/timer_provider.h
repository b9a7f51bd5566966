// Interval timers (stapprobes TIMERS):
//   timer.jiffies(N)[.randomize(M)]            kernel timer, N jiffies
//   timer.{s,sec,ms,msec,us,usec,ns,nsec}(N)[.randomize(M)]   hrtimer
//   timer.hz(N)                                 hrtimer, N times a second
// N must lie in stap's ranges (1 s .. 1 day, at least 100 us for
// hrtimers, 1 .. 1000000 jiffies) and M in 0 .. N.
#pragma once

#include "probes/probe_provider.h"

#include <cstdint>

namespace stap
{

class TimerProbe : public DerivedProbe
{
public:
	enum class Unit : std::uint8_t {
		Jiffies,
		Hertz,
		Seconds,
		Milliseconds,
		Microseconds,
		Nanoseconds,
	};

	TimerProbe(const ProbeProvider& provider, std::unique_ptr<ast::ProbePoint> point, Unit u,
		   std::int64_t n, std::int64_t m, std::int64_t period_value,
		   std::int64_t spread_value)
	    : DerivedProbe(provider, std::move(point)), unit(u), interval(n), randomize(m),
	      period(period_value), spread(spread_value)
	{
	}

	void describe(std::ostream& out) const override;

	// A kernel timer counted in jiffies, or an hrtimer counted in ns.
	[[nodiscard]] bool uses_jiffies() const { return unit == Unit::Jiffies; }

	const Unit unit;
	const std::int64_t interval;  // N, in `unit` (for Hertz: the frequency)
	const std::int64_t randomize; // M, in `unit`; 0 without .randomize
	// What code generation arms: the period and the +/- random spread, in
	// jiffies for a jiffies timer, in nanoseconds otherwise.
	const std::int64_t period;
	const std::int64_t spread;
};

class TimerProvider : public ProbeProvider
{
public:
	[[nodiscard]] std::string_view family() const override { return "timer"; }
	[[nodiscard]] std::vector<ProbePattern> patterns() const override;
	void build(const ast::ProbePoint& point, ProbeBuildContext& ctx,
		   std::vector<std::unique_ptr<DerivedProbe>>& out) const override;
	// Code generation (codegen/probe_family_emitters.cpp).
	void emit(EmitContext& ctx, std::span<const DerivedProbe* const> probes) const override;
};

} // namespace stap
