// SPDX-License-Identifier: GPL-2.0
/*
 * Timer probes on hrtimers: timer.ns/us/ms/s/hz/jiffies(N) with an
 * optional .randomize(M), and timer.profile, one pinned hrtimer per CPU
 * at the tick rate, whose handler sees the interrupted registers.
 */
#include <linux/cpumask.h>
#include <linux/hrtimer.h>
#include <linux/jiffies.h>
#include <linux/random.h>
#include <linux/smp.h>
#include <asm/irq_regs.h>

#include "internal.h"
#include "compat.h"

/* Shorter periods are raised to this, so a timer cannot hog a CPU. */
#define STP_TIMER_MIN_PERIOD_NS 10000

struct stp_timer {
	struct hrtimer hrt;
	const struct stp_timer_desc *desc;
	u64 period_ns;
	u64 randomize_ns;
	bool armed;
};

/* Per descriptor: one timer, or nr_cpu_ids for timer.profile. */
static struct stp_timer **stp_timers;
static bool stp_timers_running;

static u32 instances(const struct stp_timer_desc *d)
{
	return d->kind == STP_TIMER_PROFILE ? nr_cpu_ids : 1;
}

static u64 next_interval(const struct stp_timer *t)
{
	u64 ns = t->period_ns;

	if (t->randomize_ns) {
		u64 r = get_random_u64() % (2 * t->randomize_ns + 1);

		ns = ns + r > t->randomize_ns ? ns + r - t->randomize_ns : 0;
	}
	return max_t(u64, ns, STP_TIMER_MIN_PERIOD_NS);
}

static enum hrtimer_restart timer_fire(struct hrtimer *h)
{
	struct stp_timer *t = container_of(h, struct stp_timer, hrt);
	struct pt_regs *regs = NULL;

	if (t->desc->kind == STP_TIMER_PROFILE)
		regs = get_irq_regs();
	stp_run_probe(t->desc->probe, regs, STP_STATE_RUNNING,
		      stp_module.maxaction);
	if (atomic_read(&stp_state) != STP_STATE_RUNNING)
		return HRTIMER_NORESTART;
	hrtimer_forward_now(h, ns_to_ktime(next_interval(t)));
	return HRTIMER_RESTART;
}

static void timers_free(void);

static int timers_alloc(void)
{
	u32 i, j;

	if (!stp_module.ntimers)
		return 0;
	/* The runtime's allocator (no kmalloc imports of its own). */
	stp_timers = stp_zalloc(stp_module.ntimers * sizeof(*stp_timers));
	if (!stp_timers)
		return -ENOMEM;
	for (i = 0; i < stp_module.ntimers; i++) {
		const struct stp_timer_desc *d = &stp_module.timers[i];
		u64 period = d->period, randomize = d->randomize;

		stp_timers[i] =
			stp_zalloc(instances(d) * sizeof(struct stp_timer));
		if (!stp_timers[i]) {
			timers_free();
			return -ENOMEM;
		}
		if (d->flags & STP_TIMER_JIFFIES) {
			period *= TICK_NSEC;
			randomize *= TICK_NSEC;
		}
		if (d->kind == STP_TIMER_PROFILE && !period)
			period = TICK_NSEC;
		for (j = 0; j < instances(d); j++) {
			stp_timers[i][j].desc = d;
			stp_timers[i][j].period_ns = period;
			stp_timers[i][j].randomize_ns = randomize;
		}
	}
	return 0;
}

static void timers_free(void)
{
	u32 i;

	if (!stp_timers)
		return;
	for (i = 0; i < stp_module.ntimers; i++)
		stp_free(stp_timers[i]);
	stp_free(stp_timers);
	stp_timers = NULL;
}

/* On each CPU: arm its own timer.profile instances there. */
static void start_profile_timers(void *unused)
{
	unsigned int cpu = smp_processor_id();
	u32 i;

	for (i = 0; i < stp_module.ntimers; i++) {
		struct stp_timer *t;

		if (stp_module.timers[i].kind != STP_TIMER_PROFILE)
			continue;
		t = &stp_timers[i][cpu];
		stp_hrtimer_setup(&t->hrt, timer_fire, CLOCK_MONOTONIC,
				  HRTIMER_MODE_REL_PINNED);
		hrtimer_start(&t->hrt, ns_to_ktime(next_interval(t)),
			      HRTIMER_MODE_REL_PINNED);
		t->armed = true;
	}
}

static void timers_start(void)
{
	bool profile = false;
	u32 i;

	for (i = 0; i < stp_module.ntimers; i++) {
		struct stp_timer *t = stp_timers[i];

		if (stp_module.timers[i].kind == STP_TIMER_PROFILE) {
			profile = true;
			continue;
		}
		stp_hrtimer_setup(&t->hrt, timer_fire, CLOCK_MONOTONIC,
				  HRTIMER_MODE_REL);
		hrtimer_start(&t->hrt, ns_to_ktime(next_interval(t)),
			      HRTIMER_MODE_REL);
		t->armed = true;
	}
	/* CPUs coming online later get no profile timer. */
	if (profile)
		on_each_cpu(start_profile_timers, NULL, 1);
	stp_timers_running = true;
}

static void timers_stop(void)
{
	u32 i, n;

	if (!stp_timers_running)
		return;
	for (i = 0; i < stp_module.ntimers; i++) {
		for (n = 0; n < instances(&stp_module.timers[i]); n++) {
			struct stp_timer *t = &stp_timers[i][n];

			if (t->armed)
				hrtimer_cancel(&t->hrt);
			t->armed = false;
		}
	}
	stp_timers_running = false;
}

const struct stp_provider stp_timer_provider = {
	.name = "timer",
	.init = timers_alloc,
	.start = timers_start,
	.stop = timers_stop,
	.exit = timers_free,
};
