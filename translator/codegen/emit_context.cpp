#include "codegen/emit_context.h"

#include <stdexcept>

namespace stap
{

std::string EmitContext::probe_object(const DerivedProbe& probe)
{
	auto it = objects.find(&probe);
	if (it == objects.end())
		throw std::logic_error("code generation: a probe that is not in the module");
	used.insert(&probe);
	return it->second;
}

void EmitContext::add_begin(const DerivedProbe& probe, std::int64_t seq)
{
	probe_object(probe);
	begin.push_back({&probe, seq});
	seqs[&probe] = seq;
}

void EmitContext::add_end(const DerivedProbe& probe, std::int64_t seq)
{
	probe_object(probe);
	end.push_back({&probe, seq});
	seqs[&probe] = seq;
}

void EmitContext::add_error(const DerivedProbe& probe, std::int64_t seq)
{
	probe_object(probe);
	error.push_back({&probe, seq});
	seqs[&probe] = seq;
}

void EmitContext::add_timer(const DerivedProbe& probe, std::uint64_t period,
			    std::uint64_t randomize, bool jiffies)
{
	probe_object(probe);
	timers.push_back({&probe, period, randomize, jiffies, false});
}

void EmitContext::add_profile_timer(const DerivedProbe& probe, std::uint64_t period)
{
	probe_object(probe);
	timers.push_back({&probe, period, 0, false, true});
}

void EmitContext::add_provider(const std::string& address)
{
	for (const std::string& p : providers)
		if (p == address)
			return;
	providers.push_back(address);
}

} // namespace stap
