// SPDX-License-Identifier: GPL-2.0
/*
 * Preallocated hash maps.  One allocation holds the map header, the hash
 * buckets and a pool of fixed-size nodes (keys and value inline); free
 * nodes form a list, so the hot path never allocates.
 */
#include "map.h"

struct stp_map_node {
	struct stp_map_node *hnext; /* hash chain; free list when unused */
	struct stp_map_node *aprev, *anext; /* age (insertion) order */
	struct stp_map_node *iprev, *inext; /* iteration order */
	u32 hash;
	u32 dead; /* deleted during a foreach: skipped, freed at its end */
	/* keys and value follow, at stp_map.key_off[] and stp_map.val_off */
};

struct stp_map {
	const struct stp_map_desc *desc;
	u32 capacity;
	u32 count;
	u32 hash_mask;
	u32 strsize;
	u32 node_size;
	u32 val_off;
	u32 key_off[STP_MAP_MAX_KEYS];
	int iterating;
	u32 ndead; /* dead nodes still in the iteration order */
	struct stp_map_node *age_head, *age_tail;
	struct stp_map_node *iter_head, *iter_tail;
	struct stp_map_node *free;
	struct stp_map_node **hash;
	char *pool;
};

static u32 round8(size_t n)
{
	return (u32)((n + 7) & ~(size_t)7);
}

static void *field(const struct stp_map *m, const struct stp_map_node *n,
		   u32 off)
{
	return (char *)n + off;
}

static s64 *val_long(const struct stp_map *m, const struct stp_map_node *n)
{
	return field(m, n, m->val_off);
}

static char *val_string(const struct stp_map *m, const struct stp_map_node *n)
{
	return field(m, n, m->val_off);
}

static struct stp_stat *val_stat(const struct stp_map *m,
				 const struct stp_map_node *n)
{
	return field(m, n, m->val_off);
}

/* Copies at most size - 1 bytes and terminates: stap's truncation. */
static void copy_string(char *dst, const char *src, u32 size)
{
	u32 i;

	for (i = 0; i + 1 < size && src[i]; i++)
		dst[i] = src[i];
	dst[i] = '\0';
}

int stp_map_desc_check(const struct stp_map_desc *d)
{
	unsigned int i;

	if (d->nkeys < 1 || d->nkeys > STP_MAP_MAX_KEYS)
		return -EINVAL;
	for (i = 0; i < d->nkeys; i++)
		if (d->key_types[i] != STP_TYPE_LONG &&
		    d->key_types[i] != STP_TYPE_STRING)
			return -EINVAL;
	switch (d->value_type) {
	case STP_TYPE_LONG:
	case STP_TYPE_STRING:
		return 0;
	case STP_TYPE_STAT:
		return stp_stat_desc_check(&d->stat);
	default:
		return -EINVAL;
	}
}

static void build_free_list(struct stp_map *m)
{
	u32 i;

	m->free = NULL;
	for (i = m->capacity; i-- > 0;) {
		struct stp_map_node *n =
			(struct stp_map_node *)(m->pool +
						(size_t)i * m->node_size);

		n->hnext = m->free;
		m->free = n;
	}
}

/* Lays out a node: keys, then the value; returns the node size. */
static u32 layout(const struct stp_map_desc *d, u32 strsize, u32 *key_off,
		  u32 *val_off)
{
	u32 i, off = round8(sizeof(struct stp_map_node));

	for (i = 0; i < d->nkeys; i++) {
		key_off[i] = off;
		off += d->key_types[i] == STP_TYPE_LONG ? sizeof(s64)
							: round8(strsize);
	}
	*val_off = off;
	if (d->value_type == STP_TYPE_LONG)
		return off + sizeof(s64);
	if (d->value_type == STP_TYPE_STRING)
		return off + round8(strsize);
	return off + round8(stp_stat_size(&d->stat));
}

struct stp_map *stp_map_create(const struct stp_map_desc *d, u32 capacity,
			       u32 strsize)
{
	u32 key_off[STP_MAP_MAX_KEYS], val_off, node_size, nbuckets = 1;
	size_t header;
	struct stp_map *m;

	if (stp_map_desc_check(d) || capacity == 0 || strsize < 2)
		return NULL;
	while (nbuckets < capacity && nbuckets < (1u << 30))
		nbuckets <<= 1;
	node_size = layout(d, strsize, key_off, &val_off);
	header = round8(sizeof(*m)) + (size_t)nbuckets * sizeof(m->hash[0]);
	m = stp_zalloc(header + (size_t)capacity * node_size);
	if (!m)
		return NULL;
	m->desc = d;
	m->capacity = capacity;
	m->hash_mask = nbuckets - 1;
	m->strsize = strsize;
	m->node_size = node_size;
	m->val_off = val_off;
	memcpy(m->key_off, key_off, sizeof(key_off));
	m->hash = (struct stp_map_node **)((char *)m + round8(sizeof(*m)));
	m->pool = (char *)m + header;
	build_free_list(m);
	return m;
}

void stp_map_destroy(struct stp_map *m)
{
	stp_free(m);
}

u32 stp_map_size(const struct stp_map *m)
{
	return m->count;
}

u32 stp_map_capacity(const struct stp_map *m)
{
	return m->capacity;
}

const struct stp_map_desc *stp_map_get_desc(const struct stp_map *m)
{
	return m->desc;
}

/* FNV-1a over the key columns; strings count up to strsize - 1 bytes. */
static u32 hash_keys(const struct stp_map *m, const union stp_key *k)
{
	u64 h = 14695981039346656037ULL;
	unsigned int i, j;

	for (i = 0; i < m->desc->nkeys; i++) {
		if (m->desc->key_types[i] == STP_TYPE_LONG) {
			u64 v = (u64)k[i].l;

			for (j = 0; j < 8; j++) {
				h ^= (v >> (8 * j)) & 0xff;
				h *= 1099511628211ULL;
			}
		} else {
			const char *s = k[i].s ? k[i].s : "";

			for (j = 0; j + 1 < m->strsize && s[j]; j++) {
				h ^= (u8)s[j];
				h *= 1099511628211ULL;
			}
			/* Separates ("ab","c") from ("a","bc"). */
			h ^= 0xff;
			h *= 1099511628211ULL;
		}
	}
	return (u32)(h ^ (h >> 32));
}

/* Does n have the keys k, except in the columns of the bit mask wild? */
static bool keys_match(const struct stp_map *m, const struct stp_map_node *n,
		       const union stp_key *k, u32 wild)
{
	unsigned int i;

	for (i = 0; i < m->desc->nkeys; i++) {
		const void *f = field(m, n, m->key_off[i]);

		if (wild & (1u << i))
			continue;
		if (m->desc->key_types[i] == STP_TYPE_LONG) {
			if (*(const s64 *)f != k[i].l)
				return false;
		} else if (strncmp(f, k[i].s ? k[i].s : "", m->strsize - 1)) {
			return false;
		}
	}
	return true;
}

static bool keys_equal(const struct stp_map *m, const struct stp_map_node *n,
		       const union stp_key *k)
{
	return keys_match(m, n, k, 0);
}

static struct stp_map_node *find(const struct stp_map *m,
				 const union stp_key *k, u32 h)
{
	struct stp_map_node *n;

	for (n = m->hash[h & m->hash_mask]; n; n = n->hnext)
		if (n->hash == h && keys_equal(m, n, k))
			return n;
	return NULL;
}

/* Takes n out of its hash chain and the age order: lookups lose it. */
static void unlink_lookup(struct stp_map *m, struct stp_map_node *n)
{
	struct stp_map_node **pp = &m->hash[n->hash & m->hash_mask];

	while (*pp != n)
		pp = &(*pp)->hnext;
	*pp = n->hnext;

	if (n->aprev)
		n->aprev->anext = n->anext;
	else
		m->age_head = n->anext;
	if (n->anext)
		n->anext->aprev = n->aprev;
	else
		m->age_tail = n->aprev;
	m->count--;
}

/* Takes n out of the iteration order and gives it back to the pool. */
static void free_node(struct stp_map *m, struct stp_map_node *n)
{
	if (n->iprev)
		n->iprev->inext = n->inext;
	else
		m->iter_head = n->inext;
	if (n->inext)
		n->inext->iprev = n->iprev;
	else
		m->iter_tail = n->iprev;

	n->hnext = m->free;
	m->free = n;
}

/*
 * Deletes n.  During a foreach it stays in the iteration order, marked
 * dead, so that the loop can go on from it: the iteration skips it, and
 * the end of the outermost loop frees it.
 */
static void unlink_node(struct stp_map *m, struct stp_map_node *n)
{
	unlink_lookup(m, n);
	if (m->iterating) {
		n->dead = 1;
		m->ndead++;
		return;
	}
	free_node(m, n);
}

/* Finds k, or creates it with a zero value. */
static int lookup_or_insert(struct stp_map *m, const union stp_key *k,
			    struct stp_map_node **out)
{
	u32 h = hash_keys(m, k);
	struct stp_map_node *n;
	unsigned int i;

	if (m->iterating)
		return -EBUSY;
	n = find(m, k, h);
	if (n) {
		*out = n;
		return 0;
	}
	if (!m->free) {
		if (!m->desc->wrap)
			return -E2BIG;
		unlink_node(m, m->age_head);
	}
	n = m->free;
	m->free = n->hnext;
	memset(n, 0, m->node_size);
	n->hash = h;
	for (i = 0; i < m->desc->nkeys; i++) {
		void *f = field(m, n, m->key_off[i]);

		if (m->desc->key_types[i] == STP_TYPE_LONG)
			*(s64 *)f = k[i].l;
		else
			copy_string(f, k[i].s ? k[i].s : "", m->strsize);
	}

	n->hnext = m->hash[h & m->hash_mask];
	m->hash[h & m->hash_mask] = n;
	n->aprev = m->age_tail;
	if (m->age_tail)
		m->age_tail->anext = n;
	else
		m->age_head = n;
	m->age_tail = n;
	n->iprev = m->iter_tail;
	if (m->iter_tail)
		m->iter_tail->inext = n;
	else
		m->iter_head = n;
	m->iter_tail = n;
	m->count++;
	*out = n;
	return 0;
}

s64 stp_map_get_long(struct stp_map *m, const union stp_key *k)
{
	struct stp_map_node *n = find(m, k, hash_keys(m, k));

	return n ? *val_long(m, n) : 0;
}

const char *stp_map_get_string(struct stp_map *m, const union stp_key *k)
{
	struct stp_map_node *n = find(m, k, hash_keys(m, k));

	return n ? val_string(m, n) : "";
}

const struct stp_stat *stp_map_get_stat(struct stp_map *m,
					const union stp_key *k)
{
	struct stp_map_node *n = find(m, k, hash_keys(m, k));

	return n ? val_stat(m, n) : NULL;
}

bool stp_map_exists(struct stp_map *m, const union stp_key *k)
{
	return find(m, k, hash_keys(m, k)) != NULL;
}

int stp_map_set_long(struct stp_map *m, const union stp_key *k, s64 v)
{
	struct stp_map_node *n;
	int rc = lookup_or_insert(m, k, &n);

	if (!rc)
		*val_long(m, n) = v;
	return rc;
}

int stp_map_set_string(struct stp_map *m, const union stp_key *k, const char *v)
{
	struct stp_map_node *n;
	int rc = lookup_or_insert(m, k, &n);

	if (!rc)
		copy_string(val_string(m, n), v ? v : "", m->strsize);
	return rc;
}

int stp_map_add_long(struct stp_map *m, const union stp_key *k, s64 delta,
		     s64 *result)
{
	struct stp_map_node *n;
	int rc = lookup_or_insert(m, k, &n);

	if (rc)
		return rc;
	/* Wraps like the two's complement arithmetic of the script. */
	*val_long(m, n) = (s64)((u64)*val_long(m, n) + (u64)delta);
	if (result)
		*result = *val_long(m, n);
	return 0;
}

int stp_map_add_stat(struct stp_map *m, const union stp_key *k, s64 v)
{
	struct stp_map_node *n;
	int rc = lookup_or_insert(m, k, &n);

	if (!rc)
		stp_stat_add(val_stat(m, n), &m->desc->stat, v);
	return rc;
}

int stp_map_delete(struct stp_map *m, const union stp_key *k)
{
	struct stp_map_node *n;

	n = find(m, k, hash_keys(m, k));
	if (n)
		unlink_node(m, n);
	return 0;
}

bool stp_map_exists_wild(struct stp_map *m, const union stp_key *k, u32 wild)
{
	const struct stp_map_node *n;

	for (n = m->age_head; n; n = n->anext)
		if (keys_match(m, n, k, wild))
			return true;
	return false;
}

int stp_map_delete_wild(struct stp_map *m, const union stp_key *k, u32 wild)
{
	struct stp_map_node *n, *next;

	for (n = m->age_head; n; n = next) {
		next = n->anext;
		if (keys_match(m, n, k, wild))
			unlink_node(m, n);
	}
	return 0;
}

int stp_map_clear(struct stp_map *m)
{
	if (m->iterating) {
		while (m->age_head)
			unlink_node(m, m->age_head);
		return 0;
	}
	memset(m->hash, 0, (size_t)(m->hash_mask + 1) * sizeof(m->hash[0]));
	m->age_head = m->age_tail = NULL;
	m->iter_head = m->iter_tail = NULL;
	m->count = 0;
	m->ndead = 0;
	build_free_list(m);
	return 0;
}

/* The keys of node n as a key array (strings point into the node). */
static void node_keys(const struct stp_map *m, const struct stp_map_node *n,
		      union stp_key *k)
{
	unsigned int i;

	for (i = 0; i < m->desc->nkeys; i++) {
		if (m->desc->key_types[i] == STP_TYPE_LONG)
			k[i].l = stp_node_key_long(m, n, i);
		else
			k[i].s = stp_node_key_string(m, n, i);
	}
}

int stp_map_aggregate(struct stp_map *agg, struct stp_map *const *parts,
		      unsigned int nparts)
{
	unsigned int p;
	int rc = stp_map_clear(agg);

	for (p = 0; !rc && p < nparts; p++) {
		const struct stp_map *part = parts[p];
		const struct stp_map_node *n;

		if (!part)
			continue;
		for (n = part->age_head; !rc && n; n = n->anext) {
			union stp_key k[STP_MAP_MAX_KEYS];
			struct stp_map_node *dst;

			node_keys(part, n, k);
			rc = lookup_or_insert(agg, k, &dst);
			if (!rc)
				stp_stat_merge(val_stat(agg, dst),
					       &agg->desc->stat,
					       val_stat(part, n));
		}
	}
	return rc;
}

static int cmp_s64(s64 a, s64 b)
{
	return a < b ? -1 : a > b;
}

static s64 stat_field(const struct stp_stat *st, enum stp_stat_field f)
{
	switch (f) {
	case STP_STAT_SUM:
		return st->sum;
	case STP_STAT_MIN:
		return st->min;
	case STP_STAT_MAX:
		return st->max;
	case STP_STAT_AVG:
		return stp_stat_avg(st);
	case STP_STAT_VARIANCE:
		return stp_stat_variance(st);
	default:
		return st->count;
	}
}

struct sort_spec {
	int column;
	int dir;
	enum stp_stat_field field;
};

static int compare(const struct stp_map *m, const struct sort_spec *s,
		   const struct stp_map_node *a, const struct stp_map_node *b)
{
	int r;

	if (s->column == 0) {
		switch (m->desc->value_type) {
		case STP_TYPE_LONG:
			r = cmp_s64(*val_long(m, a), *val_long(m, b));
			break;
		case STP_TYPE_STRING:
			r = strcmp(val_string(m, a), val_string(m, b));
			break;
		default:
			r = cmp_s64(stat_field(val_stat(m, a), s->field),
				    stat_field(val_stat(m, b), s->field));
			break;
		}
	} else {
		unsigned int col = s->column - 1;

		if (m->desc->key_types[col] == STP_TYPE_LONG)
			r = cmp_s64(stp_node_key_long(m, a, col),
				    stp_node_key_long(m, b, col));
		else
			r = strcmp(stp_node_key_string(m, a, col),
				   stp_node_key_string(m, b, col));
	}
	return s->dir < 0 ? -r : r;
}

/*
 * Bottom-up merge sort of the singly linked iteration list: stable, no
 * recursion, no extra memory.
 */
static struct stp_map_node *sort_list(const struct stp_map *m,
				      const struct sort_spec *s,
				      struct stp_map_node *list)
{
	u32 insize = 1;

	for (;;) {
		struct stp_map_node *p = list, *tail = NULL;
		u32 nmerges = 0;

		list = NULL;
		while (p) {
			struct stp_map_node *q = p, *e;
			u32 psize = 0, qsize = insize, i;

			nmerges++;
			for (i = 0; i < insize && q; i++) {
				psize++;
				q = q->inext;
			}
			while (psize > 0 || (qsize > 0 && q)) {
				if (psize == 0) {
					e = q;
					q = q->inext;
					qsize--;
				} else if (qsize == 0 || !q ||
					   compare(m, s, p, q) <= 0) {
					e = p;
					p = p->inext;
					psize--;
				} else {
					e = q;
					q = q->inext;
					qsize--;
				}
				if (tail)
					tail->inext = e;
				else
					list = e;
				tail = e;
			}
			p = q;
		}
		if (tail)
			tail->inext = NULL;
		if (nmerges <= 1)
			return list;
		insize *= 2;
	}
}

int stp_map_sort(struct stp_map *m, int column, int dir,
		 enum stp_stat_field field)
{
	struct sort_spec s = {column, dir, field};
	struct stp_map_node *n, *prev = NULL;

	if (m->iterating)
		return -EBUSY;
	if (column < 0 || column > m->desc->nkeys)
		return -EINVAL;
	m->iter_head = sort_list(m, &s, m->iter_head);
	for (n = m->iter_head; n; n = n->inext) {
		n->iprev = prev;
		prev = n;
	}
	m->iter_tail = prev;
	return 0;
}

void stp_map_iter_begin(struct stp_map *m)
{
	m->iterating++;
}

void stp_map_iter_end(struct stp_map *m)
{
	struct stp_map_node *n, *next;

	if (m->iterating > 0)
		m->iterating--;
	if (m->iterating || !m->ndead)
		return;
	for (n = m->iter_head; n; n = next) {
		next = n->inext;
		if (n->dead)
			free_node(m, n);
	}
	m->ndead = 0;
}

/* The first live node from n on in the iteration order. */
static struct stp_map_node *live(struct stp_map_node *n)
{
	while (n && n->dead)
		n = n->inext;
	return n;
}

bool stp_map_iterating(const struct stp_map *m)
{
	return m->iterating > 0;
}

struct stp_map_node *stp_map_first(struct stp_map *m)
{
	return live(m->iter_head);
}

struct stp_map_node *stp_map_next(struct stp_map *m, struct stp_map_node *n)
{
	return n ? live(n->inext) : NULL;
}

s64 stp_node_key_long(const struct stp_map *m, const struct stp_map_node *n,
		      unsigned int col)
{
	return *(const s64 *)field(m, n, m->key_off[col]);
}

const char *stp_node_key_string(const struct stp_map *m,
				const struct stp_map_node *n, unsigned int col)
{
	return field(m, n, m->key_off[col]);
}

s64 stp_node_long(const struct stp_map *m, const struct stp_map_node *n)
{
	return *val_long(m, n);
}

const char *stp_node_string(const struct stp_map *m,
			    const struct stp_map_node *n)
{
	return val_string(m, n);
}

const struct stp_stat *stp_node_stat(const struct stp_map *m,
				     const struct stp_map_node *n)
{
	return val_stat(m, n);
}
