#include "codegen/elaborated_input.h"

#include "parse/printer.h"
#include "probes/probe_provider.h"

#include <map>

namespace stap::codegen
{

std::string probe_point_text(const ast::ProbePoint& point)
{
	std::string s;
	for (const ast::ProbePointComponent& c : point.components) {
		if (!s.empty())
			s += '.';
		s += c.name;
		if (c.arg)
			s += "(" + to_string(*c.arg) + ")";
	}
	return s;
}

ModuleInput module_input(const ElaboratedProgram& program)
{
	ModuleInput in;
	in.globals.assign(program.globals.begin(), program.globals.end());
	in.functions.assign(program.functions.begin(), program.functions.end());
	in.embeds = program.embeds;
	for (const auto& p : program.probes)
		in.probes.push_back({p.get(), p->handler, probe_point_text(p->point())});
	in.register_probes = [&program](EmitContext& ctx) {
		// Each family's hook gets all of its probes, in program order;
		// families in the order of their first probe.
		std::vector<const ProbeProvider*> order;
		std::map<const ProbeProvider*, std::vector<const DerivedProbe*>> by_family;
		for (const auto& p : program.probes) {
			auto [it, first] = by_family.try_emplace(&p->provider());
			if (first)
				order.push_back(&p->provider());
			it->second.push_back(p.get());
		}
		for (const ProbeProvider* family : order)
			family->emit(ctx, by_family[family]);
	};
	in.overloads = [&program](const ast::Function& f) {
		const std::vector<ast::Function*>& set = program.overloads(f);
		return std::vector<const ast::Function*>(set.begin(), set.end());
	};
	return in;
}

} // namespace stap::codegen
