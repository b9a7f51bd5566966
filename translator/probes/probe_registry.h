// The probe families of this build: one provider each.  Pass 2 matches probe
// points against their patterns; `stap -l/-L` and --dump-probe-types walk
// the same list.
#pragma once

#include "probes/probe_provider.h"

#include <memory>
#include <string>
#include <vector>

namespace stap
{

class ProbeRegistry
{
public:
	void add(std::unique_ptr<ProbeProvider> provider);

	[[nodiscard]] const std::vector<std::unique_ptr<ProbeProvider>>& providers() const
	{
		return providers_;
	}

	// Every pattern of every provider, sorted: --dump-probe-types.
	[[nodiscard]] std::vector<std::string> pattern_texts() const;

private:
	std::vector<std::unique_ptr<ProbeProvider>> providers_;
};

// Every family of this build: begin/end/error, never, timers, profile
// timers, and the families not built yet (see pending_provider.h).
ProbeRegistry make_builtin_registry();

} // namespace stap
