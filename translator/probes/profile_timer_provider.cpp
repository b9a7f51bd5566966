#include "probes/profile_timer_provider.h"

namespace stap
{

std::vector<ProbePattern> ProfileTimerProvider::patterns() const
{
	return {ProbePattern::parse("timer.profile"), ProbePattern::parse("timer.profile.tick")};
}

void ProfileTimerProvider::build(const ast::ProbePoint& point, ProbeBuildContext&,
				 std::vector<std::unique_ptr<DerivedProbe>>& out) const
{
	out.push_back(std::make_unique<ProfileTimerProbe>(*this, point.clone()));
}

} // namespace stap
