/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Associative arrays: up to STP_MAP_MAX_KEYS key columns, each a long or
 * a string, holding a long, a string or a statistic.  All entries are
 * preallocated when the map is created; nothing allocates afterwards.
 *
 * A map keeps two orders: the age order (insertion), which picks the
 * entry a full wrapping ('%') map replaces, and the iteration order,
 * which stp_map_sort() rearranges for a sorted foreach.
 *
 * While a foreach iterates the map, updates (set, add) and sorting fail
 * with -EBUSY; deleting is allowed (stap's `foreach (k in a) delete
 * a[k]`): a deleted entry leaves lookups at once, is skipped by the
 * iteration, and is freed when the outermost foreach ends.  Inserting
 * into a full map that does not wrap fails with -E2BIG.
 */
#ifndef STP_MAP_H
#define STP_MAP_H

#include "platform.h"
#include "stat.h"

#define STP_MAP_MAX_KEYS 9

enum stp_type {
	STP_TYPE_LONG = 1,
	STP_TYPE_STRING = 2,
	STP_TYPE_STAT = 3,
};

/* One key column's value, as passed in by the generated code. */
union stp_key {
	s64 l;
	const char *s;
};

/* The keys of one access as an array: STP_KEYS({.l = pid}, {.s = name}). */
#define STP_KEYS(...) ((const union stp_key[]){__VA_ARGS__})

/* A global array as declared by the script (static const in the module). */
struct stp_map_desc {
	const char *name;		/* script name, for error messages */
	u8 nkeys;			/* 1 .. STP_MAP_MAX_KEYS */
	u8 key_types[STP_MAP_MAX_KEYS]; /* STP_TYPE_LONG or STP_TYPE_STRING */
	u8 value_type;			/* enum stp_type */
	u8 wrap; /* declared with '%': replace the oldest entry when full */
	u32 max_entries; /* declared size; 0: the module's MAXMAPENTRIES */
	struct stp_stat_desc stat; /* STP_TYPE_STAT values */
};

/* What a sort by value compares for statistics values. */
enum stp_stat_field {
	STP_STAT_COUNT = 0,
	STP_STAT_SUM,
	STP_STAT_MIN,
	STP_STAT_MAX,
	STP_STAT_AVG,
	STP_STAT_VARIANCE,
};

struct stp_map_node;
struct stp_map;

/* Allocates a map for max_entries entries; strings hold strsize bytes. */
struct stp_map *stp_map_create(const struct stp_map_desc *d, u32 max_entries,
			       u32 strsize);
void stp_map_destroy(struct stp_map *m);
int stp_map_desc_check(const struct stp_map_desc *d);

u32 stp_map_size(const struct stp_map *m);
u32 stp_map_capacity(const struct stp_map *m);
const struct stp_map_desc *stp_map_get_desc(const struct stp_map *m);

/* Lookups: an absent key reads as 0, "" or NULL; it is not created. */
s64 stp_map_get_long(struct stp_map *m, const union stp_key *k);
const char *stp_map_get_string(struct stp_map *m, const union stp_key *k);
const struct stp_stat *stp_map_get_stat(struct stp_map *m,
					const union stp_key *k);
bool stp_map_exists(struct stp_map *m, const union stp_key *k);

/* Updates: 0, -E2BIG (full) or -EBUSY (being iterated; not deletes). */
int stp_map_set_long(struct stp_map *m, const union stp_key *k, s64 v);
int stp_map_set_string(struct stp_map *m, const union stp_key *k,
		       const char *v);
/* m[k] += delta; the new value goes to *result when result is not NULL. */
int stp_map_add_long(struct stp_map *m, const union stp_key *k, s64 delta,
		     s64 *result);
/* m[k] <<< v */
int stp_map_add_stat(struct stp_map *m, const union stp_key *k, s64 v);
int stp_map_delete(struct stp_map *m, const union stp_key *k);
int stp_map_clear(struct stp_map *m);
/*
 * [k1, *] in a and delete a[k1, *]: the columns whose bit is set in wild
 * (bit 0: the first key) match any key.  Both walk the whole map.
 */
bool stp_map_exists_wild(struct stp_map *m, const union stp_key *k, u32 wild);
int stp_map_delete_wild(struct stp_map *m, const union stp_key *k, u32 wild);

/*
 * Combines statistics maps (one per CPU) into agg, which is cleared
 * first.  Returns 0, -E2BIG or -EBUSY.
 */
int stp_map_aggregate(struct stp_map *agg, struct stp_map *const *parts,
		      unsigned int nparts);

/*
 * Sorts the iteration order by column (0: the value, 1..nkeys: that key),
 * ascending (dir > 0) or descending (dir < 0); statistics values compare
 * by field.  Stable.  Returns -EBUSY while the map is being iterated.
 */
int stp_map_sort(struct stp_map *m, int column, int dir,
		 enum stp_stat_field field);

/*
 * foreach: stp_map_iter_begin() before the first stp_map_first(),
 * stp_map_iter_end() on every way out of the loop (end, break, return,
 * error).  Nested read-only iterations are allowed.
 */
void stp_map_iter_begin(struct stp_map *m);
void stp_map_iter_end(struct stp_map *m);
/* True while a foreach iterates the map. */
bool stp_map_iterating(const struct stp_map *m);
struct stp_map_node *stp_map_first(struct stp_map *m);
struct stp_map_node *stp_map_next(struct stp_map *m, struct stp_map_node *n);

s64 stp_node_key_long(const struct stp_map *m, const struct stp_map_node *n,
		      unsigned int col);
const char *stp_node_key_string(const struct stp_map *m,
				const struct stp_map_node *n, unsigned int col);
s64 stp_node_long(const struct stp_map *m, const struct stp_map_node *n);
const char *stp_node_string(const struct stp_map *m,
			    const struct stp_map_node *n);
const struct stp_stat *stp_node_stat(const struct stp_map *m,
				     const struct stp_map_node *n);

#endif /* STP_MAP_H */
