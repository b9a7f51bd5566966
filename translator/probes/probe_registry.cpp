#include "probes/probe_registry.h"

#include "probes/begin_end_provider.h"
#include "probes/never_provider.h"
#include "probes/pending_provider.h"
#include "probes/profile_timer_provider.h"
#include "probes/timer_provider.h"

#include <algorithm>

namespace stap
{

void ProbeRegistry::add(std::unique_ptr<ProbeProvider> provider)
{
	providers_.push_back(std::move(provider));
}

std::vector<std::string> ProbeRegistry::pattern_texts() const
{
	std::vector<std::string> texts;
	for (const auto& p : providers_)
		for (const ProbePattern& pattern : p->patterns())
			texts.push_back(pattern.text());
	std::sort(texts.begin(), texts.end());
	texts.erase(std::unique(texts.begin(), texts.end()), texts.end());
	return texts;
}

ProbeRegistry make_builtin_registry()
{
	ProbeRegistry registry;
	registry.add(std::make_unique<BeginEndProvider>());
	registry.add(std::make_unique<NeverProvider>());
	registry.add(std::make_unique<TimerProvider>());
	registry.add(std::make_unique<ProfileTimerProvider>());
	for (auto& pending : make_pending_providers())
		registry.add(std::move(pending));
	return registry;
}

} // namespace stap
