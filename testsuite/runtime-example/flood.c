// SPDX-License-Identifier: GPL-2.0
/* flood.stp in generated-code style. */
#include "script_limits.h"
#include "runtime.h"

enum { G_n, G__N };

static s64 g_n;

static const struct stp_global_desc globals[G__N] = {
	[G_n] = {.name = "n", .kind = STP_GLOBAL_SCALAR},
};

static void probe_timer(struct stp_context *c)
{
	s64 i;

	for (i = 0; i < 100; i++) {
		if (stp_actions(c, 3, "keyword at flood.stp:4:2"))
			return;
		stp_printf(c, "%08d %090d\n", g_n, g_n);
		g_n++;
	}
	if (g_n >= 100000)
		stp_exit();
}

static const struct stp_lock_ref n_write[] = {{G_n, 1}};
static const struct stp_probe p_timer = {
	.pp = "timer.ms(1)",
	.handler = probe_timer,
	.locks = n_write,
	.nlocks = 1,
};
static const struct stp_timer_desc timers[] = {
	{.probe = &p_timer, .period = 1000000},
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
	.timers = timers,
	.ntimers = ARRAY_SIZE(timers),
};
