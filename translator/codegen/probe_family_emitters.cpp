// Code generation for the probe families of issue 4 (the ProbeProvider::emit
// hooks of probes/): begin/end/error probes go to the descriptor's
// sequenced tables, timers to its timer table; `never` probes run nowhere.
#include "codegen/emit_context.h"
#include "probes/begin_end_provider.h"
#include "probes/never_provider.h"
#include "probes/profile_timer_provider.h"
#include "probes/timer_provider.h"

namespace stap
{

void BeginEndProvider::emit(EmitContext& ctx, std::span<const DerivedProbe* const> probes) const
{
	for (const DerivedProbe* p : probes) {
		const auto& probe = static_cast<const BeginEndProbe&>(*p);
		switch (probe.kind) {
		case BeginEndProbe::Kind::Begin:
			ctx.add_begin(probe, probe.sequence);
			break;
		case BeginEndProbe::Kind::End:
			ctx.add_end(probe, probe.sequence);
			break;
		case BeginEndProbe::Kind::Error:
			ctx.add_error(probe, probe.sequence);
			break;
		}
	}
}

void NeverProvider::emit(EmitContext&, std::span<const DerivedProbe* const>) const
{
	// Never registered: neither the probe nor (unless another probe runs
	// it) its handler is generated.
}

void TimerProvider::emit(EmitContext& ctx, std::span<const DerivedProbe* const> probes) const
{
	for (const DerivedProbe* p : probes) {
		const auto& timer = static_cast<const TimerProbe&>(*p);
		ctx.add_timer(timer, static_cast<std::uint64_t>(timer.period),
			      static_cast<std::uint64_t>(timer.spread), timer.uses_jiffies());
	}
}

void ProfileTimerProvider::emit(EmitContext& ctx, std::span<const DerivedProbe* const> probes) const
{
	for (const DerivedProbe* p : probes)
		ctx.add_profile_timer(*p);
}

} // namespace stap
