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

/*
 * The arithmetic below wraps like stap's 64-bit arithmetic (as the
 * kernel's compiler makes signed overflow do): u64 operations, then back.
 */
static s64 wrap_add(s64 a, s64 b)
{
	return (s64)((u64)a + (u64)b);
}

static s64 wrap_sub(s64 a, s64 b)
{
	return (s64)((u64)a - (u64)b);
}

static s64 wrap_mul(s64 a, s64 b)
{
	return (s64)((u64)a * (u64)b);
}

static s64 scaled(s64 v, u32 shift)
{
	return (s64)((u64)v << shift);
}

/* Truncating division; the divisors here are counts, never 0 or -1. */
static s64 div_count(s64 x, s64 n)
{
	return x / n;
}

void stp_stat_add(struct stp_stat *st, const struct stp_stat_desc *d, s64 v)
{
	s64 x = scaled(v, d->bit_shift);
	s32 delta;

	if (d->hist != STP_HIST_NONE)
		st->buckets[stp_hist_bucket(d, v)]++;
	if (st->count == 0) {
		st->count = 1;
		st->shift = d->bit_shift;
		st->sum = st->min = st->max = v;
		st->avg_s = x;
		st->m2 = 0;
		st->var_s = 0;
		return;
	}
	if (v < st->min)
		st->min = v;
	if (v > st->max)
		st->max = v;
	st->count++;
	st->sum = wrap_add(st->sum, v);
	if (!d->variance)
		return;
	/* Welford's step, with stap's 32-bit difference. */
	delta = (s32)wrap_sub(x, st->avg_s);
	st->avg_s = wrap_add(st->avg_s, div_count(delta, st->count));
	st->m2 = wrap_add(st->m2, wrap_mul(delta, wrap_sub(x, st->avg_s)));
	st->var_s = div_count(st->m2, st->count - 1);
}

/* What a part contributes to the total-variance formula. */
static void stat_parts(const struct stp_stat *st, s64 *mean, s64 *mean2,
		       s64 *var)
{
	if (st->merged) {
		*mean = st->parts_mean;
		*mean2 = st->parts_mean2;
		*var = st->parts_var;
		return;
	}
	*mean = wrap_mul(st->count, st->avg_s);
	*mean2 = wrap_mul(*mean, st->avg_s);
	*var = wrap_mul(st->count - 1, st->var_s);
}

void stp_stat_merge(struct stp_stat *dst, const struct stp_stat_desc *d,
		    const struct stp_stat *src)
{
	u32 i, n = stp_stat_nbuckets(d);
	s64 dm = 0, dm2 = 0, dv = 0, sm, sm2, sv;

	if (src->count == 0)
		return;
	stat_parts(src, &sm, &sm2, &sv);
	if (dst->count == 0) {
		memcpy(dst, src, stp_stat_size(d));
	} else {
		stat_parts(dst, &dm, &dm2, &dv);
		dst->count += src->count;
		dst->sum = wrap_add(dst->sum, src->sum);
		if (src->min < dst->min)
			dst->min = src->min;
		if (src->max > dst->max)
			dst->max = src->max;
		for (i = 0; i < n; i++)
			dst->buckets[i] += src->buckets[i];
	}
	dst->parts_mean = wrap_add(dm, sm);
	dst->parts_mean2 = wrap_add(dm2, sm2);
	dst->parts_var = wrap_add(dv, sv);
	dst->merged = 1;
}

s64 stp_stat_avg(const struct stp_stat *st)
{
	return st->count ? st->sum / st->count : 0;
}

/*
 * stap's total-variance formula: with the overall mean A = (sum << shift)
 * / count, S1 = sum over the parts of n * (mean - A)^2 (expanded here into
 * the sums the parts keep, which is the same modulo 2^64), S2 = sum of
 * (n - 1) * quotient, and the result (S1 + S2) / (count - 1) >> 2*shift
 * (the shift count taken modulo 64, as the x86 instruction does).
 */
s64 stp_stat_variance(const struct stp_stat *st)
{
	s64 mean, mean2, var, a, s1;

	if (st->count < 2)
		return 0;
	stat_parts(st, &mean, &mean2, &var);
	a = div_count(scaled(st->sum, st->shift), st->count);
	s1 = wrap_add(wrap_sub(mean2, wrap_mul(wrap_mul(2, a), mean)),
		      wrap_mul(wrap_mul(a, a), st->count));
	return div_count(wrap_add(s1, var), st->count - 1) >>
	       ((2 * st->shift) & 63);
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
