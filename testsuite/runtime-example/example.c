// SPDX-License-Identifier: GPL-2.0
/*
 * example.stp written the way the code generator writes modules: the
 * limits block, the globals with their descriptors, one handler per
 * probe, and the module descriptor.  docs/runtime-api.md describes each
 * piece.
 */
#include "script_limits.h"
#include "runtime.h"

/* Globals, in lock order. */
enum { G_greeting, G_count, G_hits, G_lat, G_lin, G_names, G__N };

static char g_greeting[MAXSTRINGLEN] = "hello";
STP_PARAM_STRING(greeting, g_greeting);
static s64 g_count;
STP_PARAM_LONG(count, g_count);
static struct stp_map *g_hits;
static struct stp_pstat *g_lat;
static struct stp_pstat *g_lin;
static struct stp_map *g_names;

static const struct stp_map_desc g_hits_desc = {
	.name = "hits",
	.nkeys = 2,
	.key_types = {STP_TYPE_LONG, STP_TYPE_STRING},
	.value_type = STP_TYPE_LONG,
};
static const struct stp_stat_desc g_lat_desc = {.hist = STP_HIST_LOG};
static const struct stp_stat_desc g_lin_desc = {
	.hist = STP_HIST_LINEAR,
	.start = 0,
	.stop = 20,
	.interval = 5,
};
static const struct stp_map_desc g_names_desc = {
	.name = "names",
	.nkeys = 1,
	.key_types = {STP_TYPE_LONG},
	.value_type = STP_TYPE_STRING,
	.wrap = 1,
	.max_entries = 3,
};

static const struct stp_global_desc globals[G__N] = {
	[G_greeting] = {.name = "greeting", .kind = STP_GLOBAL_SCALAR},
	[G_count] = {.name = "count", .kind = STP_GLOBAL_SCALAR},
	[G_hits] = {.name = "hits",
		    .kind = STP_GLOBAL_MAP,
		    .map = &g_hits_desc,
		    .ptr = &g_hits},
	[G_lat] = {.name = "lat",
		   .kind = STP_GLOBAL_STAT,
		   .stat = &g_lat_desc,
		   .ptr = &g_lat},
	[G_lin] = {.name = "lin",
		   .kind = STP_GLOBAL_STAT,
		   .stat = &g_lin_desc,
		   .ptr = &g_lin},
	[G_names] = {.name = "names",
		     .kind = STP_GLOBAL_MAP,
		     .map = &g_names_desc,
		     .ptr = &g_names},
};

/* Locals of every probe share the per-CPU locals area. */
struct begin_locals {
	s64 i;
	s64 k;
	char s[MAXSTRINGLEN];
	char tmp[MAXSTRINGLEN];
};
struct end_locals {
	s64 m;
	char p[MAXSTRINGLEN];
};
union all_locals {
	struct begin_locals begin;
	struct end_locals end;
};

/* probe begin(-1) */
static void probe_begin_early(struct stp_context *c)
{
	if (stp_actions(c, 1, "identifier 'printf' at example.stp:7:19"))
		return;
	stp_printf(c, "%s from begin(-1), target %d\n", g_greeting,
		   stp_target());
}

/* probe begin */
static void probe_begin(struct stp_context *c)
{
	struct begin_locals *l = c->locals;
	struct stp_map_node *n;
	union stp_key key[1];
	int rc;

	l->i = 0;
	l->k = 0;
	l->s[0] = '\0';
	if (stp_actions(c, 5, "identifier 'printf' at example.stp:10:2"))
		goto out;
	stp_printf(c, "[%5d|%-5d|%05d|%+d|% d|%x|%#X|%#o|%u]\n", (s64)42,
		   (s64)42, (s64)42, (s64)42, (s64)42, (s64)255, (s64)255,
		   (s64)8, (s64)-1);
	stp_printf(c, "[%s|%10s|%-10s|%.3s|%c|%%|%p]\n", "str", "right", "left",
		   "truncate", (s64)65, (s64)0x1234);
	stp_printf(c, "[%*d|%.*d|%1b%1b]\n", (s64)6, (s64)7, (s64)4, (s64)7,
		   (s64)79, (s64)75);
	stp_sprintf(c, l->s, "%d-%s", (s64)1, "x");
	stp_print(c, l->s);
	stp_print(c, "\n");

	for (l->i = 0; l->i < 5; l->i++) {
		if (stp_actions(c, 2, "keyword at example.stp:15:2"))
			goto out;
		stp_snprintf(l->tmp, MAXSTRINGLEN, "%d", l->i * l->i);
		key[0].l = l->i;
		rc = stp_map_set_string(g_names, key, l->tmp);
		if (unlikely(rc)) {
			c->last_stmt = "identifier 'names' at example.stp:16:3";
			stp_map_error(c, &g_names_desc, rc);
			goto out;
		}
	}

	rc = stp_map_sort(g_names, 1, 1, STP_STAT_COUNT);
	if (unlikely(rc)) {
		c->last_stmt = "keyword at example.stp:17:2";
		stp_map_error(c, &g_names_desc, rc);
		goto out;
	}
	stp_map_iter_begin(g_names);
	for (n = stp_map_first(g_names); n; n = stp_map_next(g_names, n)) {
		l->k = stp_node_key_long(g_names, n, 0);
		if (stp_actions(c, 2, "keyword at example.stp:17:2")) {
			stp_map_iter_end(g_names);
			goto out;
		}
		key[0].l = l->k;
		stp_printf(c, "names[%d]=%s\n", l->k,
			   stp_map_get_string(g_names, key));
	}
	stp_map_iter_end(g_names);
out:
	return;
}

/* probe timer.ms(10) */
static void probe_timer(struct stp_context *c)
{
	union stp_key key[2];
	int rc;

	if (stp_actions(c, 5, "operator '++' at example.stp:22:7"))
		return;
	g_count++;
	key[0].l = stp_mod(c, g_count, 3, "operator '%' at example.stp:23:13");
	if (unlikely(c->last_error))
		return;
	key[1].s = stp_mod(c, g_count, 2, "operator '%' at example.stp:23:24")
			   ? "odd"
			   : "even";
	rc = stp_map_add_long(g_hits, key, 1, NULL);
	if (unlikely(rc)) {
		c->last_stmt = "identifier 'hits' at example.stp:23:2";
		stp_map_error(c, &g_hits_desc, rc);
		return;
	}
	stp_pstat_add(g_lat, g_count * g_count);
	stp_pstat_add(g_lin, g_count);
	if (g_count == 20)
		stp_exit();
}

/* probe end */
static void probe_end(struct stp_context *c)
{
	struct end_locals *l = c->locals;
	const struct stp_stat *lat, *lin;
	struct stp_map_node *n;
	union stp_key key[2];
	s64 limit = 4;
	int rc;

	l->m = 0;
	l->p[0] = '\0';
	if (stp_actions(c, 2, "identifier 'printf' at example.stp:31:2"))
		goto out;
	stp_printf(c, "count=%d\n", g_count);

	rc = stp_map_sort(g_hits, 0, -1, STP_STAT_COUNT);
	if (unlikely(rc)) {
		c->last_stmt = "keyword at example.stp:32:2";
		stp_map_error(c, &g_hits_desc, rc);
		goto out;
	}
	stp_map_iter_begin(g_hits);
	for (n = stp_map_first(g_hits); n && limit-- > 0;
	     n = stp_map_next(g_hits, n)) {
		l->m = stp_node_key_long(g_hits, n, 0);
		stp_strlcpy(l->p, stp_node_key_string(g_hits, n, 1),
			    MAXSTRINGLEN);
		if (stp_actions(c, 2, "keyword at example.stp:32:2")) {
			stp_map_iter_end(g_hits);
			goto out;
		}
		key[0].l = l->m;
		key[1].s = l->p;
		stp_printf(c, "hits[%d,%s]=%d\n", l->m, l->p,
			   stp_map_get_long(g_hits, key));
	}
	stp_map_iter_end(g_hits);

	if (stp_actions(c, 3, "identifier 'printf' at example.stp:34:2"))
		goto out;
	lat = stp_pstat_get(g_lat);
	if (stp_stat_empty(c, lat)) {
		c->last_stmt = "identifier 'lat' at example.stp:35:32";
		goto out;
	}
	stp_printf(c, "lat: count=%d sum=%d min=%d max=%d avg=%d\n", lat->count,
		   lat->sum, lat->min, lat->max, stp_stat_avg(lat));
	stp_print_hist(c, lat, stp_pstat_desc(g_lat));
	lin = stp_pstat_get(g_lin);
	stp_print_hist(c, lin, stp_pstat_desc(g_lin));
out:
	return;
}

static const struct stp_lock_ref begin_early_locks[] = {{G_greeting, 0}};
static const struct stp_lock_ref begin_locks[] = {{G_names, 1}};
static const struct stp_lock_ref timer_locks[] = {
	{G_count, 1},
	{G_hits, 1},
	{G_lat, 0},
	{G_lin, 0},
};
static const struct stp_lock_ref end_locks[] = {
	{G_count, 0},
	{G_hits, 1},
	{G_lat, 1},
	{G_lin, 1},
};

static const struct stp_probe p_begin_early = {
	.pp = "begin(-1)",
	.handler = probe_begin_early,
	.locks = begin_early_locks,
	.nlocks = ARRAY_SIZE(begin_early_locks),
	.seq = -1,
};
static const struct stp_probe p_begin = {
	.pp = "begin",
	.handler = probe_begin,
	.locks = begin_locks,
	.nlocks = ARRAY_SIZE(begin_locks),
};
static const struct stp_probe p_timer = {
	.pp = "timer.ms(10)",
	.handler = probe_timer,
	.locks = timer_locks,
	.nlocks = ARRAY_SIZE(timer_locks),
};
static const struct stp_probe p_end = {
	.pp = "end",
	.handler = probe_end,
	.locks = end_locks,
	.nlocks = ARRAY_SIZE(end_locks),
};

/* Deliberately out of order: the runtime runs begin probes by sequence. */
static const struct stp_probe *const begin_probes[] = {&p_begin,
						       &p_begin_early};
static const struct stp_probe *const end_probes[] = {&p_end};
static const struct stp_timer_desc timers[] = {
	{.probe = &p_timer, .period = 10000000},
};

static const struct stp_provider *const providers[] = {
	&stp_globals_provider,
	&stp_locks_provider,
	&stp_timer_provider,
};

const struct stp_module_desc stp_module = {
	STP_MODULE_LIMITS,	.locals_size = sizeof(union all_locals),
	.providers = providers, .nproviders = ARRAY_SIZE(providers),
	.globals = globals,	.nglobals = G__N,
	.begin = begin_probes,	.nbegin = ARRAY_SIZE(begin_probes),
	.end = end_probes,	.nend = ARRAY_SIZE(end_probes),
	.timers = timers,	.ntimers = ARRAY_SIZE(timers),
};
