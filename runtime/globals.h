/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Script globals the runtime allocates at load time (see struct
 * stp_global_desc): arrays (struct stp_map, map.h), aggregates and arrays
 * of aggregates.  Aggregates are per CPU: adding a sample touches only
 * the current CPU's part and needs just the global's read lock; reading
 * combines all parts and needs its write lock.
 */
#ifndef STP_GLOBALS_H
#define STP_GLOBALS_H

#include "context.h"

struct stp_pstat; /* an aggregate */
struct stp_pmap;  /* an array of aggregates */

/* s <<< v */
void stp_pstat_add(struct stp_pstat *p, s64 v);
/* The combined statistics of all CPUs (valid until the next call). */
const struct stp_stat *stp_pstat_get(struct stp_pstat *p);
/* delete s */
void stp_pstat_clear(struct stp_pstat *p);
const struct stp_stat_desc *stp_pstat_desc(const struct stp_pstat *p);

/* s[k] <<< v: 0, -E2BIG or -EBUSY as for maps. */
int stp_pmap_add(struct stp_pmap *p, const union stp_key *k, s64 v);
/*
 * The combined array (a struct stp_map of STP_TYPE_STAT values) for
 * lookups and foreach.  On failure, NULL with *err set.
 */
struct stp_map *stp_pmap_get(struct stp_pmap *p, int *err);
/* delete s[k] / delete s */
int stp_pmap_delete(struct stp_pmap *p, const union stp_key *k);
int stp_pmap_clear(struct stp_pmap *p);

/*
 * Turns a map operation's failure into the probe's error, e.g.
 * "Array overflow, check MAXMAPENTRIES".  No-op when rc is 0.
 */
void stp_map_error(struct stp_context *c, const struct stp_map_desc *d, int rc);

/*
 * The generated code's check of a map update: 0 when rc is 0, else the
 * error (with the location of the statement) is set and rc returned:
 *	if (stp_map_check(c, &g_a_desc, stp_map_set_long(...), loc))
 *		goto out;
 */
static inline int stp_map_check(struct stp_context *c,
				const struct stp_map_desc *d, int rc,
				const char *loc)
{
	if (likely(!rc))
		return 0;
	if (!c->last_error) {
		stp_map_error(c, d, rc);
		c->last_stmt = loc;
	}
	return rc;
}

/* stp_pmap_get() for generated code: NULL with the error set. */
struct stp_map *stp_pmap_lookup(struct stp_context *c, struct stp_pmap *p,
				const struct stp_map_desc *d, const char *loc);
/* delete s[k, *] */
int stp_pmap_delete_wild(struct stp_pmap *p, const union stp_key *k, u32 wild);

/*
 * @count, @sum, @min, @max, @avg, @variance of st: the statistics of an
 * aggregate, or of an aggregate array's element (NULL when it does not
 * exist).  @count and @sum are 0 for a missing or empty one; the others
 * set "aggregate element not found" or "empty aggregate" and return 0.
 */
s64 stp_stat_extract(struct stp_context *c, const struct stp_stat *st,
		     enum stp_stat_field f, const char *loc);
/*
 * @hist_log(s)[i], @hist_linear(s, ...)[i]: the count of bucket i (see
 * stat.h for the numbering); an index out of range is an error.
 */
s64 stp_hist_bucket_count(struct stp_context *c, const struct stp_stat *st,
			  const struct stp_stat_desc *d, s64 i,
			  const char *loc);
/*
 * @avg, @min, @max of an empty aggregate: sets "empty aggregate" and
 * returns true, so that generated code can bail out.
 */
static inline bool stp_stat_empty(struct stp_context *c,
				  const struct stp_stat *st)
{
	if (likely(st && st->count))
		return false;
	stp_error(c, "empty aggregate");
	return true;
}

#endif /* STP_GLOBALS_H */
