#include "probes/timer_provider.h"

#include <array>
#include <ostream>
#include <string>

namespace stap
{

namespace
{

struct UnitInfo {
	const char* name;
	TimerProbe::Unit unit;
	std::int64_t ns_per_unit; // 0 for jiffies and hertz
	std::int64_t min;         // accepted N, in the unit
	std::int64_t max;
};

constexpr std::int64_t kNsPerSecond = 1000000000;
constexpr std::int64_t kDay = 86400;
// hrtimers fire at most every 100 us: faster would starve the machine.
constexpr std::int64_t kMinPeriodNs = 100000;

constexpr std::array<UnitInfo, 10> kUnits{{
	{"jiffies", TimerProbe::Unit::Jiffies, 0, 1, 1000000},
	{"hz", TimerProbe::Unit::Hertz, 0, 1, kNsPerSecond / kMinPeriodNs},
	{"s", TimerProbe::Unit::Seconds, kNsPerSecond, 1, kDay},
	{"sec", TimerProbe::Unit::Seconds, kNsPerSecond, 1, kDay},
	{"ms", TimerProbe::Unit::Milliseconds, 1000000, 1, kDay * 1000},
	{"msec", TimerProbe::Unit::Milliseconds, 1000000, 1, kDay * 1000},
	{"us", TimerProbe::Unit::Microseconds, 1000, kMinPeriodNs / 1000, kDay * 1000000},
	{"usec", TimerProbe::Unit::Microseconds, 1000, kMinPeriodNs / 1000, kDay * 1000000},
	{"ns", TimerProbe::Unit::Nanoseconds, 1, kMinPeriodNs, kDay* kNsPerSecond},
	{"nsec", TimerProbe::Unit::Nanoseconds, 1, kMinPeriodNs, kDay* kNsPerSecond},
}};

const UnitInfo* find_unit(const std::string& name)
{
	for (const UnitInfo& u : kUnits)
		if (name == u.name)
			return &u;
	return nullptr;
}

std::int64_t period_of(const UnitInfo& u, std::int64_t n)
{
	if (u.unit == TimerProbe::Unit::Jiffies)
		return n;
	if (u.unit == TimerProbe::Unit::Hertz)
		return kNsPerSecond / n;
	return n * u.ns_per_unit;
}

std::int64_t number(const ast::ProbePointComponent& c)
{
	return static_cast<const ast::IntLiteral&>(*c.arg).value;
}

} // namespace

void TimerProbe::describe(std::ostream& out) const
{
	if (uses_jiffies())
		out << "period " << period << " jiffies";
	else
		out << "period " << period << " ns";
	if (spread != 0)
		out << ", randomized by +/-" << spread;
}

std::vector<ProbePattern> TimerProvider::patterns() const
{
	std::vector<ProbePattern> list;
	for (const UnitInfo& u : kUnits) {
		std::string base = std::string("timer.") + u.name + "(number)";
		list.push_back(ProbePattern::parse(base));
		if (u.unit != TimerProbe::Unit::Hertz)
			list.push_back(ProbePattern::parse(base + ".randomize(number)"));
	}
	return list;
}

void TimerProvider::build(const ast::ProbePoint& point, ProbeBuildContext& ctx,
			  std::vector<std::unique_ptr<DerivedProbe>>& out) const
{
	const ast::ProbePointComponent& unit_comp = point.components.at(1);
	const UnitInfo& u = *find_unit(unit_comp.name);
	const std::int64_t n = number(unit_comp);
	if (n < u.min || n > u.max) {
		std::string what = u.unit == TimerProbe::Unit::Hertz ? "frequency" : "interval";
		ctx.diags
			.error(DiagKind::SemanticError, unit_comp.arg->loc,
			       "timer." + unit_comp.name + " " + what + " " + std::to_string(n) +
				       " is out of range: it must be between " +
				       std::to_string(u.min) + " and " + std::to_string(u.max))
			.span(unit_comp.arg->length);
		return;
	}
	std::int64_t m = 0;
	if (point.components.size() > 2) {
		const ast::ProbePointComponent& rnd = point.components[2];
		m = number(rnd);
		if (m < 0 || m > n) {
			ctx.diags
				.error(DiagKind::SemanticError, rnd.arg->loc,
				       "randomization " + std::to_string(m) +
					       " is out of range: it must be between 0 and the "
					       "interval, " +
					       std::to_string(n))
				.span(rnd.arg->length);
			return;
		}
	}
	std::int64_t spread = u.unit == TimerProbe::Unit::Jiffies ? m : m * u.ns_per_unit;
	out.push_back(std::make_unique<TimerProbe>(*this, point.clone(), u.unit, n, m,
						   period_of(u, n), spread));
}

} // namespace stap
