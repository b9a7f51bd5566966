// What a probe provider's code generation hook (ProbeProvider::emit, see
// probes/probe_provider.h) writes into: each family enters its derived
// probes in the module descriptor's tables (docs/runtime-api.md, "The
// descriptor"), and later families add their own providers and C.
//
// Code generation gives every derived probe a `static const struct
// stp_probe` (its probe point, handler and lock table); probe_object()
// names it.  A family's hook is called once with all of its probes.
#pragma once

#include "codegen/c_writer.h"

#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace stap
{

class DerivedProbe;

struct EmitContext {
	// begin(N)/end(N)/error(N): run once, by ascending N, ties in
	// program order.
	void add_begin(const DerivedProbe& probe, std::int64_t seq);
	void add_end(const DerivedProbe& probe, std::int64_t seq);
	void add_error(const DerivedProbe& probe, std::int64_t seq);

	// A timer probe (runtime/timer.c): an hrtimer of `period` ns, or a
	// kernel timer of `period` jiffies, each interval moved by a random
	// offset in [-randomize, +randomize] of the same unit.
	void add_timer(const DerivedProbe& probe, std::uint64_t period, std::uint64_t randomize,
		       bool jiffies);
	// timer.profile: every CPU, every `period` ns (0: each tick), with the
	// interrupted registers.
	void add_profile_timer(const DerivedProbe& probe, std::uint64_t period = 0);

	// A runtime provider the module needs, e.g. "&stp_kprobe_provider"
	// (each listed once, in the order first added).
	void add_provider(const std::string& address);
	// "p_3": the probe's struct stp_probe, for a family's own tables (the
	// probe then runs: its handler and object are generated).
	std::string probe_object(const DerivedProbe& probe);
	// Free-form C placed after every struct stp_probe and before the
	// module descriptor: a later family's tables and glue.
	codegen::CWriter tables;

	// ---- Read by code generation after the hooks ran ----
	struct SeqEntry {
		const DerivedProbe* probe;
		std::int64_t seq;
	};
	struct TimerEntry {
		const DerivedProbe* probe;
		std::uint64_t period;
		std::uint64_t randomize;
		bool jiffies;
		bool profile;
	};
	std::vector<SeqEntry> begin, end, error;
	std::vector<TimerEntry> timers;
	std::vector<std::string> providers;
	std::unordered_map<const DerivedProbe*, std::string> objects; // filled beforehand
	std::unordered_map<const DerivedProbe*, std::int64_t> seqs;
	std::unordered_set<const DerivedProbe*> used; // probes that run
};

} // namespace stap
