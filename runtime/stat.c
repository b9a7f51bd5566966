// SPDX-License-Identifier: GPL-2.0
/*
 * Statistics and their histograms.  Adding a sample is O(1) and touches
 * only the caller's (per-CPU) struct stp_stat; readers merge the per-CPU
 * partial results.
 */
#include "stat.h"

/* Linear histograms larger than this are refused at module load. */
#define STP_HIST_LINEAR_MAX_BUCKETS 65536

/* Zero buckets always shown before the first and after the last used one. */
#define STP_HIST_RANGE_PAD 2

static u32 linear_regular(const struct stp_stat_desc *d)
{
	return (u32)(((u64)d->stop - (u64)d->start) / (u64)d->interval) + 1;
}

u32 stp_stat_nbuckets(const struct stp_stat_desc *d)
{
	switch (d->hist) {
	case STP_HIST_LOG:
		return STP_HIST_LOG_BUCKETS;
	case STP_HIST_LINEAR:
		return linear_regular(d) + 2;
	default:
		return 0;
	}
}

size_t stp_stat_size(const struct stp_stat_desc *d)
{
	return sizeof(struct stp_stat) + stp_stat_nbuckets(d) * sizeof(s64);
}

int stp_stat_desc_check(const struct stp_stat_desc *d)
{
	if (d->bit_shift > 62)
		return -EINVAL;
	if (d->hist == STP_HIST_NONE || d->hist == STP_HIST_LOG)
		return 0;
	if (d->hist != STP_HIST_LINEAR || d->interval <= 0 ||
	    d->stop <= d->start)
		return -EINVAL;
	if (((u64)d->stop - (u64)d->start) / (u64)d->interval >=
	    STP_HIST_LINEAR_MAX_BUCKETS)
		return -E2BIG;
	return 0;
}

void stp_stat_reset(struct stp_stat *st, const struct stp_stat_desc *d)
{
	memset(st, 0, stp_stat_size(d));
}

typedef unsigned __int128 stp_u128;

static stp_u128 get128(u64 lo, u64 hi)
{
	return ((stp_u128)hi << 64) | lo;
}

static void put128(u64 *lo, u64 *hi, stp_u128 v)
{
	*lo = (u64)v;
	*hi = (u64)(v >> 64);
}

static int fls64_(u64 x)
{
	return x ? 64 - __builtin_clzll(x) : 0;
}

u32 stp_hist_bucket(const struct stp_stat_desc *d, s64 v)
{
	u64 i;

	if (d->hist == STP_HIST_LOG) {
		if (v >= 0)
			return 64 + fls64_((u64)v);
		return 64 - fls64_((u64)0 - (u64)v);
	}
	/* linear */
	if (v < d->start)
		return 0;
	i = ((u64)v - (u64)d->start) / (u64)d->interval;
	if (i >= linear_regular(d))
		return linear_regular(d) + 1;
	return (u32)i + 1;
}

void stp_stat_add(struct stp_stat *st, const struct stp_stat_desc *d, s64 v)
{
	u64 mag = v < 0 ? (u64)0 - (u64)v : (u64)v;

	if (st->count == 0 || v < st->min)
		st->min = v;
	if (st->count == 0 || v > st->max)
		st->max = v;
	st->count++;
	st->sum = (s64)((u64)st->sum + (u64)v);
	/* Sign-extends v to 128 bits; two's complement addition. */
	put128(&st->s1_lo, &st->s1_hi,
	       get128(st->s1_lo, st->s1_hi) + (stp_u128)(__int128)v);
	put128(&st->s2_lo, &st->s2_hi,
	       get128(st->s2_lo, st->s2_hi) + (stp_u128)mag * mag);
	if (d->hist != STP_HIST_NONE)
		st->buckets[stp_hist_bucket(d, v)]++;
}

void stp_stat_merge(struct stp_stat *dst, const struct stp_stat_desc *d,
		    const struct stp_stat *src)
{
	u32 i, n = stp_stat_nbuckets(d);

	if (src->count == 0)
		return;
	if (dst->count == 0) {
		memcpy(dst, src, stp_stat_size(d));
		return;
	}
	dst->count += src->count;
	dst->sum = (s64)((u64)dst->sum + (u64)src->sum);
	if (src->min < dst->min)
		dst->min = src->min;
	if (src->max > dst->max)
		dst->max = src->max;
	put128(&dst->s1_lo, &dst->s1_hi,
	       get128(dst->s1_lo, dst->s1_hi) + get128(src->s1_lo, src->s1_hi));
	put128(&dst->s2_lo, &dst->s2_hi,
	       get128(dst->s2_lo, dst->s2_hi) + get128(src->s2_lo, src->s2_hi));
	for (i = 0; i < n; i++)
		dst->buckets[i] += src->buckets[i];
}

s64 stp_stat_avg(const struct stp_stat *st)
{
	return st->count ? st->sum / st->count : 0;
}

/* Shift-and-subtract division: modules cannot call libgcc's __udivti3. */
static stp_u128 div128(stp_u128 num, stp_u128 den)
{
	stp_u128 q = 0, r = 0;
	int i;

	for (i = 127; i >= 0; i--) {
		r = (r << 1) | ((num >> i) & 1);
		if (r >= den) {
			r -= den;
			q |= (stp_u128)1 << i;
		}
	}
	return q;
}

s64 stp_stat_variance(const struct stp_stat *st, const struct stp_stat_desc *d)
{
	stp_u128 n = (stp_u128)st->count, s1 = get128(st->s1_lo, st->s1_hi);
	stp_u128 num, var;

	if (st->count < 2)
		return 0;
	/* (n * sum(x^2) - sum(x)^2) / (n * (n - 1)), in modular arithmetic. */
	num = n * get128(st->s2_lo, st->s2_hi) - s1 * s1;
	var = div128(num, n * (n - 1));
	return var > (stp_u128)S64_MAX ? S64_MAX : (s64)var;
}

/* The row label of bucket i, as stap prints it. */
static void bucket_label(char *buf, size_t size, const struct stp_stat_desc *d,
			 u32 i)
{
	s64 v;

	if (d->hist == STP_HIST_LOG) {
		if (i == 64)
			v = 0;
		else if (i > 64)
			v = (s64)((u64)1 << (i - 65));
		else
			v = (s64)((u64)0 - ((u64)1 << (63 - i)));
		stp_snprintf(buf, size, "%d", v);
		return;
	}
	if (i == 0)
		stp_snprintf(buf, size, "<%d", d->start);
	else if (i == linear_regular(d) + 1)
		stp_snprintf(buf, size, ">%d", d->stop);
	else
		stp_snprintf(buf, size, "%d",
			     d->start + (s64)(i - 1) * d->interval);
}

/*
 * Linear histograms show their underflow and overflow buckets only when
 * they are used; map a printed position to its bucket.
 */
struct hist_view {
	const struct stp_stat *st;
	const struct stp_stat_desc *d;
	u32 first; /* first shown bucket index */
	u32 n;	   /* number of shown buckets */
};

static s64 view_count(const struct hist_view *hv, u32 pos)
{
	return hv->st->buckets[hv->first + pos];
}

static void print_row(struct stp_out *out, const struct hist_view *hv, u32 pos,
		      int val_space, int cnt_space, s64 scale)
{
	char label[32];
	s64 count = view_count(hv, pos);
	s64 bar = count / scale;

	bucket_label(label, sizeof(label), hv->d, hv->first + pos);
	stp_format(out, "%*s |", (s64)val_space, label);
	stp_out_fill(out, '@', bar);
	stp_format(out, "%*d\n", (s64)(STP_HIST_WIDTH - bar + 1 + cnt_space),
		   count);
}

static void print_tilde(struct stp_out *out, int val_space)
{
	stp_format(out, "%*s\n", (s64)(val_space + 2), "~");
}

static int digits10(s64 v)
{
	int n = 1;

	while (v >= 10) {
		v /= 10;
		n++;
	}
	return n;
}

void stp_stat_print_hist(struct stp_out *out, const struct stp_stat *st,
			 const struct stp_stat_desc *d, int elision)
{
	struct hist_view hv = {st, d, 0, stp_stat_nbuckets(d)};
	u32 pos, low, high, first_used = 0, last_used = 0;
	s64 max_count = 0, scale = 1;
	int val_space = 5, cnt_space;
	bool any = false;

	if (d->hist == STP_HIST_LINEAR) {
		if (st->buckets[hv.n - 1] == 0)
			hv.n--;
		if (st->buckets[0] == 0) {
			hv.first = 1;
			hv.n--;
		}
	}
	for (pos = 0; pos < hv.n; pos++) {
		s64 c = view_count(&hv, pos);

		if (!c)
			continue;
		if (!any)
			first_used = pos;
		last_used = pos;
		any = true;
		if (c > max_count)
			max_count = c;
	}

	if (!any) {
		stp_format(out, "%*s |", (s64)val_space, "value");
		stp_out_fill(out, '-', STP_HIST_WIDTH);
		stp_out_puts(out, " count\n\n");
		return;
	}
	low = first_used > STP_HIST_RANGE_PAD ? first_used - STP_HIST_RANGE_PAD
					      : 0;
	high = last_used + STP_HIST_RANGE_PAD < hv.n
		       ? last_used + STP_HIST_RANGE_PAD
		       : hv.n - 1;
	for (pos = low; pos <= high; pos++) {
		char label[32];
		int len;

		bucket_label(label, sizeof(label), d, hv.first + pos);
		len = (int)strlen(label);
		if (len > val_space)
			val_space = len;
	}
	cnt_space = digits10(max_count);
	if (max_count > STP_HIST_WIDTH)
		scale = max_count / STP_HIST_WIDTH +
			(max_count % STP_HIST_WIDTH ? 1 : 0);

	stp_format(out, "%*s |", (s64)val_space, "value");
	stp_out_fill(out, '-', STP_HIST_WIDTH);
	stp_out_puts(out, " count\n");

	pos = low;
	while (pos <= high) {
		u32 run_end, run_len, keep_front, keep_back, i;
		bool leading, trailing;

		if (view_count(&hv, pos)) {
			print_row(out, &hv, pos, val_space, cnt_space, scale);
			pos++;
			continue;
		}
		/* A run of empty buckets [pos, run_end). */
		run_end = pos;
		while (run_end <= high && !view_count(&hv, run_end))
			run_end++;
		run_len = run_end - pos;
		leading = pos < first_used;
		trailing = pos > last_used;
		if (elision < 0) {
			keep_front = run_len;
			keep_back = 0;
		} else if (leading) {
			keep_front = 0;
			keep_back = run_len < (u32)elision ? run_len : elision;
		} else if (trailing) {
			keep_front = run_len < (u32)elision ? run_len : elision;
			keep_back = 0;
		} else if (run_len <= 2 * (u32)elision) {
			keep_front = run_len;
			keep_back = 0;
		} else {
			keep_front = elision;
			keep_back = elision;
		}
		for (i = 0; i < keep_front; i++)
			print_row(out, &hv, pos + i, val_space, cnt_space,
				  scale);
		if (keep_front + keep_back < run_len && !trailing)
			print_tilde(out, val_space);
		for (i = run_len - keep_back; i < run_len; i++)
			print_row(out, &hv, pos + i, val_space, cnt_space,
				  scale);
		pos = run_end;
	}
	stp_out_putc(out, '\n');
}
