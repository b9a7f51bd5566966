// SPDX-License-Identifier: GPL-2.0
/*
 * The script's globals: created from the descriptor at load time, freed
 * at unload.  Aggregates keep one part per possible CPU, allocated on
 * that CPU's node, so that <<< never shares a cache line or a lock.
 */
#include <linux/cpumask.h>
#include <linux/smp.h>
#include <linux/topology.h>

#include "internal.h"

struct stp_pstat {
	const struct stp_stat_desc *desc;
	struct stp_stat *agg;
	struct stp_stat *part[]; /* [nr_cpu_ids] */
};

struct stp_pmap {
	const struct stp_map_desc *desc;
	struct stp_map *agg;
	struct stp_map *part[]; /* [nr_cpu_ids] */
};

static void pstat_destroy(struct stp_pstat *p)
{
	unsigned int cpu;

	if (!p)
		return;
	for_each_possible_cpu (cpu)
		stp_free(p->part[cpu]);
	stp_free(p->agg);
	stp_free(p);
}

static struct stp_pstat *pstat_create(const struct stp_stat_desc *d)
{
	size_t size = stp_stat_size(d);
	struct stp_pstat *p;
	unsigned int cpu;

	p = stp_zalloc(struct_size(p, part, nr_cpu_ids));
	if (!p)
		return NULL;
	p->desc = d;
	p->agg = stp_zalloc(size);
	if (!p->agg)
		goto err;
	for_each_possible_cpu (cpu) {
		p->part[cpu] = stp_zalloc_node(size, cpu_to_node(cpu));
		if (!p->part[cpu])
			goto err;
	}
	return p;
err:
	pstat_destroy(p);
	return NULL;
}

void stp_pstat_add(struct stp_pstat *p, s64 v)
{
	stp_stat_add(p->part[smp_processor_id()], p->desc, v);
}

const struct stp_stat *stp_pstat_get(struct stp_pstat *p)
{
	unsigned int cpu;

	stp_stat_reset(p->agg, p->desc);
	for_each_possible_cpu (cpu)
		stp_stat_merge(p->agg, p->desc, p->part[cpu]);
	return p->agg;
}

void stp_pstat_clear(struct stp_pstat *p)
{
	unsigned int cpu;

	for_each_possible_cpu (cpu)
		stp_stat_reset(p->part[cpu], p->desc);
	stp_stat_reset(p->agg, p->desc);
}

const struct stp_stat_desc *stp_pstat_desc(const struct stp_pstat *p)
{
	return p->desc;
}

static void pmap_destroy(struct stp_pmap *p)
{
	unsigned int cpu;

	if (!p)
		return;
	for_each_possible_cpu (cpu)
		if (p->part[cpu])
			stp_map_destroy(p->part[cpu]);
	if (p->agg)
		stp_map_destroy(p->agg);
	stp_free(p);
}

static struct stp_pmap *pmap_create(const struct stp_map_desc *d, u32 entries)
{
	struct stp_pmap *p;
	unsigned int cpu;

	p = stp_zalloc(struct_size(p, part, nr_cpu_ids));
	if (!p)
		return NULL;
	p->desc = d;
	p->agg = stp_map_create(d, entries, stp_module.maxstringlen);
	if (!p->agg)
		goto err;
	for_each_possible_cpu (cpu) {
		p->part[cpu] =
			stp_map_create(d, entries, stp_module.maxstringlen);
		if (!p->part[cpu])
			goto err;
	}
	return p;
err:
	pmap_destroy(p);
	return NULL;
}

int stp_pmap_add(struct stp_pmap *p, const union stp_key *k, s64 v)
{
	return stp_map_add_stat(p->part[smp_processor_id()], k, v);
}

struct stp_map *stp_pmap_get(struct stp_pmap *p, int *err)
{
	int rc;

	/* Inside a foreach over it, the snapshot taken at its start stays. */
	if (stp_map_iterating(p->agg))
		return p->agg;
	rc = stp_map_aggregate(p->agg, p->part, nr_cpu_ids);
	if (rc) {
		*err = rc;
		return NULL;
	}
	return p->agg;
}

int stp_pmap_delete(struct stp_pmap *p, const union stp_key *k)
{
	unsigned int cpu;
	int rc = 0;

	for_each_possible_cpu (cpu)
		rc = rc ?: stp_map_delete(p->part[cpu], k);
	return rc ?: stp_map_delete(p->agg, k);
}

int stp_pmap_clear(struct stp_pmap *p)
{
	unsigned int cpu;
	int rc = 0;

	for_each_possible_cpu (cpu)
		rc = rc ?: stp_map_clear(p->part[cpu]);
	return rc ?: stp_map_clear(p->agg);
}

int stp_pmap_delete_wild(struct stp_pmap *p, const union stp_key *k, u32 wild)
{
	unsigned int cpu;
	int rc = 0;

	for_each_possible_cpu (cpu)
		rc = rc ?: stp_map_delete_wild(p->part[cpu], k, wild);
	return rc ?: stp_map_delete_wild(p->agg, k, wild);
}

struct stp_map *stp_pmap_lookup(struct stp_context *c, struct stp_pmap *p,
				const struct stp_map_desc *d, const char *loc)
{
	int rc = 0;
	struct stp_map *m = stp_pmap_get(p, &rc);

	if (!m)
		stp_map_check(c, d, rc, loc);
	return m;
}

s64 stp_stat_extract(struct stp_context *c, const struct stp_stat *st,
		     enum stp_stat_field f, const char *loc)
{
	if (f == STP_STAT_COUNT)
		return st ? st->count : 0;
	if (f == STP_STAT_SUM)
		return st ? st->sum : 0;
	if (unlikely(!st)) {
		stp_error_at(c, "aggregate element not found", loc);
		return 0;
	}
	if (unlikely(!st->count)) {
		stp_error_at(c, "empty aggregate", loc);
		return 0;
	}
	switch (f) {
	case STP_STAT_MIN:
		return st->min;
	case STP_STAT_MAX:
		return st->max;
	case STP_STAT_AVG:
		return stp_stat_avg(st);
	default:
		return stp_stat_variance(st);
	}
}

s64 stp_hist_bucket_count(struct stp_context *c, const struct stp_stat *st,
			  const struct stp_stat_desc *d, s64 i, const char *loc)
{
	if (unlikely(!st)) {
		stp_error_at(c, "aggregate element not found", loc);
		return 0;
	}
	if (unlikely(i < 0 || i >= stp_stat_nbuckets(d))) {
		stp_error_at(c, "histogram index out of range", loc);
		return 0;
	}
	return st->buckets[i];
}

void stp_map_error(struct stp_context *c, const struct stp_map_desc *d, int rc)
{
	switch (rc) {
	case 0:
		return;
	case -E2BIG:
		if (d->max_entries)
			stp_error_printf(
				c, "Array overflow, check size limit (%u)",
				d->max_entries);
		else
			stp_error(c, "Array overflow, check MAXMAPENTRIES");
		return;
	case -EBUSY:
		stp_error_printf(
			c, "array '%s' modified during 'foreach' iteration",
			d->name);
		return;
	default:
		stp_error_printf(c, "array '%s' operation failed (%d)", d->name,
				 rc);
		return;
	}
}

static u32 entries_of(const struct stp_map_desc *d)
{
	return d->max_entries ?: stp_module.maxmapentries;
}

static void globals_destroy(void);

static int globals_create(void)
{
	u32 i;

	for (i = 0; i < stp_module.nglobals; i++) {
		const struct stp_global_desc *g = &stp_module.globals[i];
		void *obj = NULL;

		switch (g->kind) {
		case STP_GLOBAL_SCALAR:
			continue;
		case STP_GLOBAL_MAP:
			obj = stp_map_create(g->map, entries_of(g->map),
					     stp_module.maxstringlen);
			break;
		case STP_GLOBAL_STAT:
			if (!stp_stat_desc_check(g->stat))
				obj = pstat_create(g->stat);
			break;
		case STP_GLOBAL_STAT_MAP:
			obj = pmap_create(g->map, entries_of(g->map));
			break;
		}
		if (!obj) {
			/* The provider's failure is logged with the module. */
			pr_err("cannot create global '%s' (invalid "
			       "description or out of memory)\n",
			       g->name);
			globals_destroy();
			return -ENOMEM;
		}
		*(void **)g->ptr = obj;
	}
	return 0;
}

static void globals_destroy(void)
{
	u32 i;

	for (i = 0; i < stp_module.nglobals; i++) {
		const struct stp_global_desc *g = &stp_module.globals[i];
		void **slot = g->ptr;

		if (!slot || !*slot)
			continue;
		switch (g->kind) {
		case STP_GLOBAL_MAP:
			stp_map_destroy(*slot);
			break;
		case STP_GLOBAL_STAT:
			pstat_destroy(*slot);
			break;
		case STP_GLOBAL_STAT_MAP:
			pmap_destroy(*slot);
			break;
		}
		*slot = NULL;
	}
}

const struct stp_provider stp_globals_provider = {
	.name = "globals",
	.init = globals_create,
	.exit = globals_destroy,
};
