// SPDX-License-Identifier: GPL-2.0
/* bulk.stp in generated-code style, built for bulk mode (stap -b). */
#include <linux/smp.h>

#include "script_limits.h"
#include "runtime.h"

enum { G_n, G__N };

static s64 g_n;

static const struct stp_global_desc globals[G__N] = {
	[G_n] = {.name = "n", .kind = STP_GLOBAL_SCALAR},
};

static void probe_profile(struct stp_context *c)
{
	if (stp_actions(c, 2, "keyword at bulk.stp:4:2"))
		return;
	if (g_n < 400)
		stp_printf(c, "%d cpu%d\n", ++g_n, (s64)raw_smp_processor_id());
	else
		stp_exit();
}

static const struct stp_lock_ref n_write[] = {{G_n, 1}};
static const struct stp_probe p_profile = {
	.pp = "timer.profile",
	.handler = probe_profile,
	.locks = n_write,
	.nlocks = 1,
};
static const struct stp_timer_desc timers[] = {
	{.probe = &p_profile, .kind = STP_TIMER_PROFILE},
};
static const struct stp_provider *const providers[] = {
	&stp_locks_provider,
	&stp_timer_provider,
};

const struct stp_module_desc stp_module = {
	STP_MODULE_LIMITS,	.flags = STP_MODULE_BULK,
	.providers = providers, .nproviders = ARRAY_SIZE(providers),
	.globals = globals,	.nglobals = G__N,
	.timers = timers,	.ntimers = ARRAY_SIZE(timers),
};
