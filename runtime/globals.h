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
