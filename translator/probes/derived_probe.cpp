#include "probes/derived_probe.h"

namespace stap
{

DerivedProbe::DerivedProbe(const ProbeProvider& provider, std::unique_ptr<ast::ProbePoint> point)
    : provider_(&provider), point_(std::move(point))
{
}

DerivedProbe::~DerivedProbe() = default;

void DerivedProbe::describe(std::ostream&) const {}

} // namespace stap
