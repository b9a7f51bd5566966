#include "probes/begin_end_provider.h"

#include <ostream>

namespace stap
{

void BeginEndProbe::describe(std::ostream& out) const
{
	out << "sequence " << sequence;
}

std::vector<ProbePattern> BeginEndProvider::patterns() const
{
	std::vector<ProbePattern> list;
	for (const char* name : {"begin", "end", "error"}) {
		list.push_back(ProbePattern::parse(name));
		list.push_back(ProbePattern::parse(std::string(name) + "(number)"));
	}
	return list;
}

void BeginEndProvider::build(const ast::ProbePoint& point, ProbeBuildContext&,
			     std::vector<std::unique_ptr<DerivedProbe>>& out) const
{
	const ast::ProbePointComponent& c = point.components.front();
	auto kind = c.name == "begin" ? BeginEndProbe::Kind::Begin
		    : c.name == "end" ? BeginEndProbe::Kind::End
				      : BeginEndProbe::Kind::Error;
	std::int64_t sequence = 0;
	if (const auto* n = ast::as<ast::IntLiteral>(c.arg.get()))
		sequence = n->value;
	out.push_back(std::make_unique<BeginEndProbe>(*this, point.clone(), kind, sequence));
}

} // namespace stap
