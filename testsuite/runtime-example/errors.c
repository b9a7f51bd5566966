// SPDX-License-Identifier: GPL-2.0
/* errors.stp in generated-code style: one run-time error per run. */
#include "script_limits.h"
#include "runtime.h"

enum { G_which, G_small, G_agg, G__N };

static s64 g_which;
STP_PARAM_LONG(which, g_which);
static struct stp_map *g_small;
static struct stp_pstat *g_agg;

static const struct stp_map_desc g_small_desc = {
	.name = "small",
	.nkeys = 1,
	.key_types = {STP_TYPE_LONG},
	.value_type = STP_TYPE_LONG,
	.max_entries = 2,
};
static const struct stp_stat_desc g_agg_desc = {.hist = STP_HIST_NONE};

static const struct stp_global_desc globals[G__N] = {
	[G_which] = {.name = "which", .kind = STP_GLOBAL_SCALAR},
	[G_small] = {.name = "small",
		     .kind = STP_GLOBAL_MAP,
		     .map = &g_small_desc,
		     .ptr = &g_small},
	[G_agg] = {.name = "agg",
		   .kind = STP_GLOBAL_STAT,
		   .stat = &g_agg_desc,
		   .ptr = &g_agg},
};

/* function recurse(n) { return recurse(n + 1) } */
static s64 function_recurse(struct stp_context *c, s64 n)
{
	s64 rv = 0;

	if (stp_nest_enter(c, "identifier 'recurse' at errors.stp:3:30"))
		return 0;
	if (stp_actions(c, 1, "keyword at errors.stp:3:23"))
		goto out;
	rv = function_recurse(c, n + 1);
out:
	stp_nest_exit(c);
	return rv;
}

static void probe_begin(struct stp_context *c)
{
	struct stp_map_node *node;
	union stp_key key[1];
	const struct stp_stat *st;
	s64 x, v, i;
	int rc;

	if (stp_actions(c, 2, "identifier 'printf' at errors.stp:5:2"))
		return;
	stp_printf(c, "which=%d\n", g_which);
	switch (g_which) {
	case 0:
		x = stp_div(c, 1, g_which, "operator '/' at errors.stp:6:24");
		if (c->last_error)
			return;
		(void)x;
		break;
	case 1:
		for (;;)
			if (stp_actions(c, 1, "keyword at errors.stp:7:18"))
				return;
	case 2:
		for (i = 0; i < 3; i++) {
			key[0].l = i;
			rc = stp_map_set_long(g_small, key, i);
			if (rc) {
				c->last_stmt =
					"identifier 'small' at errors.stp:8:42";
				stp_map_error(c, &g_small_desc, rc);
				return;
			}
		}
		break;
	case 3:
		function_recurse(c, 0);
		if (c->last_error)
			return;
		break;
	case 4:
		c->last_stmt = "identifier 'error' at errors.stp:10:18";
		stp_error_str(c, "custom failure");
		return;
	case 5:
		c->last_stmt = "identifier 'kernel_long' at errors.stp:11:18";
		if (stp_deref_kernel(c, &v, 0, sizeof(v)))
			return;
		break;
	case 6:
		st = stp_pstat_get(g_agg);
		if (stp_stat_empty(c, st)) {
			c->last_stmt = "operator '@avg' at errors.stp:12:33";
			return;
		}
		break;
	case 7:
		key[0].l = 1;
		rc = stp_map_set_long(g_small, key, 1);
		stp_map_iter_begin(g_small);
		for (node = stp_map_first(g_small); node;
		     node = stp_map_next(g_small, node)) {
			/* The inner loop sorts the array the outer one iterates. */
			rc = stp_map_sort(g_small, 0, -1, STP_STAT_COUNT);
			if (rc) {
				stp_map_iter_end(g_small);
				c->last_stmt = "keyword at errors.stp:13:55";
				stp_map_error(c, &g_small_desc, rc);
				return;
			}
		}
		stp_map_iter_end(g_small);
		break;
	}
	stp_printf(c, "not reached\n");
}

static void probe_end(struct stp_context *c)
{
	stp_printf(c, "end probe ran\n");
}

static void probe_error(struct stp_context *c)
{
	stp_printf(c, "error probe ran\n");
}

static const struct stp_lock_ref begin_locks[] = {
	{G_which, 0},
	{G_small, 1},
	{G_agg, 1},
};

static const struct stp_probe p_begin = {
	.pp = "begin",
	.handler = probe_begin,
	.locks = begin_locks,
	.nlocks = ARRAY_SIZE(begin_locks),
};
static const struct stp_probe p_end = {.pp = "end", .handler = probe_end};
static const struct stp_probe p_error = {.pp = "error", .handler = probe_error};

static const struct stp_probe *const begin_probes[] = {&p_begin};
static const struct stp_probe *const end_probes[] = {&p_end};
static const struct stp_probe *const error_probes[] = {&p_error};
static const struct stp_provider *const providers[] = {
	&stp_globals_provider,
	&stp_locks_provider,
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
	.error = error_probes,
	.nerror = ARRAY_SIZE(error_probes),
};
