#include "probes/never_provider.h"

namespace stap
{

std::vector<ProbePattern> NeverProvider::patterns() const
{
	return {ProbePattern::parse("never")};
}

void NeverProvider::build(const ast::ProbePoint& point, ProbeBuildContext&,
			  std::vector<std::unique_ptr<DerivedProbe>>& out) const
{
	out.push_back(std::make_unique<NeverProbe>(*this, point.clone()));
}

} // namespace stap
