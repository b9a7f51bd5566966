// SPDX-License-Identifier: GPL-2.0
/*
 * Output throughput, in generated-code style:
 *
 *	global total = 1000000, per_hit = 250, n
 *	probe timer.us(100) {
 *		for (i = 0; i < per_hit && n < total; i++) printf("%d\n", n++)
 *		if (n >= total) exit()
 *	}
 */
#include "runtime.h"

enum { G_total, G_per_hit, G_n, G__N };

static s64 g_total = 1000000;
STP_PARAM_LONG(total, g_total);
static s64 g_per_hit = 250;
STP_PARAM_LONG(per_hit, g_per_hit);
static s64 g_n;

static const struct stp_global_desc globals[G__N] = {
	[G_total] = {.name = "total", .kind = STP_GLOBAL_SCALAR},
	[G_per_hit] = {.name = "per_hit", .kind = STP_GLOBAL_SCALAR},
	[G_n] = {.name = "n", .kind = STP_GLOBAL_SCALAR},
};

static void probe_timer(struct stp_context *c)
{
	s64 i;

	for (i = 0; i < g_per_hit && g_n < g_total; i++) {
		if (stp_actions(c, 3, "keyword at <input>:3:3"))
			return;
		stp_printf(c, "%d\n", g_n++);
	}
	if (g_n >= g_total)
		stp_exit();
}

static const struct stp_lock_ref locks[] = {
	{G_total, 0},
	{G_per_hit, 0},
	{G_n, 1},
};
static const struct stp_probe p_timer = {
	.pp = "timer.us(100)",
	.handler = probe_timer,
	.locks = locks,
	.nlocks = ARRAY_SIZE(locks),
};
static const struct stp_timer_desc timers[] = {
	{.probe = &p_timer, .period = 100000},
};
static const struct stp_provider *const providers[] = {
	&stp_locks_provider,
	&stp_timer_provider,
};

const struct stp_module_desc stp_module = {
	.maxaction = 1000,
	.maxaction_interruptible = 10000,
	.maxnesting = 10,
	.maxstringlen = 128,
	.maxmapentries = 2048,
	.maxtrylock = 1000,
	.maxerrors = 0,
	.maxskipped = 100,
	.hist_elision = 2,
	.bufsize_mb = 16,
	.print_bufsize = 8192,
	.providers = providers,
	.nproviders = ARRAY_SIZE(providers),
	.globals = globals,
	.nglobals = G__N,
	.timers = timers,
	.ntimers = ARRAY_SIZE(timers),
};
