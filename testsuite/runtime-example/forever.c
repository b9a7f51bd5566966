// SPDX-License-Identifier: GPL-2.0
/* forever.stp in generated-code style. */
#include "script_limits.h"
#include "runtime.h"

enum { G_ticks, G_jticks, G__N };

static s64 g_ticks;
static s64 g_jticks;

static const struct stp_global_desc globals[G__N] = {
	[G_ticks] = {.name = "ticks", .kind = STP_GLOBAL_SCALAR},
	[G_jticks] = {.name = "jticks", .kind = STP_GLOBAL_SCALAR},
};

static void probe_begin(struct stp_context *c)
{
	if (stp_actions(c, 1, "identifier 'printf' at forever.stp:4:15"))
		return;
	stp_printf(c, "begin target=%d\n", stp_target());
}

static void probe_timer(struct stp_context *c)
{
	if (stp_actions(c, 1, "operator '++' at forever.stp:5:27"))
		return;
	g_ticks++;
}

static void probe_jiffies(struct stp_context *c)
{
	if (stp_actions(c, 1, "operator '++' at forever.stp:6:46"))
		return;
	g_jticks++;
}

static void probe_end(struct stp_context *c)
{
	if (stp_actions(c, 1, "identifier 'printf' at forever.stp:7:13"))
		return;
	stp_printf(c, "end ticked=%d target=%d\n",
		   (s64)(g_ticks > 0 && g_jticks > 0), stp_target());
}

static const struct stp_lock_ref ticks_write[] = {{G_ticks, 1}};
static const struct stp_lock_ref jticks_write[] = {{G_jticks, 1}};
static const struct stp_lock_ref both_read[] = {{G_ticks, 0}, {G_jticks, 0}};

static const struct stp_probe p_begin = {.pp = "begin", .handler = probe_begin};
static const struct stp_probe p_timer = {
	.pp = "timer.ms(50)",
	.handler = probe_timer,
	.locks = ticks_write,
	.nlocks = ARRAY_SIZE(ticks_write),
};
static const struct stp_probe p_jiffies = {
	.pp = "timer.jiffies(2).randomize(1)",
	.handler = probe_jiffies,
	.locks = jticks_write,
	.nlocks = ARRAY_SIZE(jticks_write),
};
static const struct stp_probe p_end = {
	.pp = "end",
	.handler = probe_end,
	.locks = both_read,
	.nlocks = ARRAY_SIZE(both_read),
};

static const struct stp_probe *const begin_probes[] = {&p_begin};
static const struct stp_probe *const end_probes[] = {&p_end};
static const struct stp_timer_desc timers[] = {
	{.probe = &p_timer, .period = 50000000},
	{.probe = &p_jiffies,
	 .period = 2,
	 .randomize = 1,
	 .flags = STP_TIMER_JIFFIES},
};
static const struct stp_provider *const providers[] = {
	&stp_locks_provider,
	&stp_timer_provider,
};

const struct stp_module_desc stp_module = {
	STP_MODULE_LIMITS,
	.providers = providers,
	.nproviders = ARRAY_SIZE(providers),
	.globals = globals,
	.nglobals = G__N,
	.begin = begin_probes,
	.nbegin = ARRAY_SIZE(begin_probes),
	.end = end_probes,
	.nend = ARRAY_SIZE(end_probes),
	.timers = timers,
	.ntimers = ARRAY_SIZE(timers),
};
