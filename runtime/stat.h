/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Statistics (stap aggregates): count, sum, min, max, average, variance
 * and optional log or linear histograms.  A struct stp_stat is one CPU's
 * partial result or a combined one; stp_stat_merge() combines them.
 */
#ifndef STP_STAT_H
#define STP_STAT_H

#include "platform.h"
#include "format.h"

enum stp_hist_kind {
	STP_HIST_NONE = 0,
	STP_HIST_LOG = 1,
	STP_HIST_LINEAR = 2,
};

/* What is gathered for one aggregate (one declaration in the script). */
struct stp_stat_desc {
	u8 hist;      /* enum stp_hist_kind */
	u8 bit_shift; /* @variance(s, b), 0..62: samples scaled by 2^b */
	s64 start, stop, interval; /* @hist_linear(s, start, stop, interval) */
	/*
	 * @variance is read (or sorted by): only then does each sample run
	 * Welford's step, two divisions, as in stap.
	 */
	u8 variance;
};

/*
 * Log histograms have 128 buckets: index 64 holds 0, 64 + k holds the
 * values in [2^(k-1), 2^k), and 64 - k the negative values whose
 * magnitude is in that range.
 */
#define STP_HIST_LOG_BUCKETS 128
/* Width of the bar column of a printed histogram. */
#define STP_HIST_WIDTH 50

struct stp_stat {
	s64 count;
	s64 sum; /* @sum: wraps like the script's arithmetic */
	s64 min;
	s64 max;
	/*
	 * @variance as stap computes it (stap(1): Welford's algorithm in
	 * integer arithmetic, samples scaled by 2^bit_shift).  One CPU's
	 * part keeps the running mean, the sum of squared differences and
	 * their quotient; a combined result (merged != 0) keeps what stap's
	 * total-variance formula needs from the parts: the sums of
	 * n * mean, n * mean^2 and (n - 1) * quotient.
	 */
	s64 avg_s, m2, var_s;
	s64 parts_mean, parts_mean2, parts_var;
	u32 merged;
	u32 shift;     /* the desc's bit_shift, for reading */
	s64 buckets[]; /* stp_stat_nbuckets() of them */
};

/*
 * Linear histograms have an underflow bucket (index 0, values below
 * start), (stop - start) / interval + 1 regular buckets, and an overflow
 * bucket (the last index).  Returns 0 when the desc has no histogram.
 */
u32 stp_stat_nbuckets(const struct stp_stat_desc *d);
/* Bytes of a struct stp_stat with its buckets, rounded up to 8. */
size_t stp_stat_size(const struct stp_stat_desc *d);
/* Checks a desc (linear: interval > 0, stop > start, size bounded). */
int stp_stat_desc_check(const struct stp_stat_desc *d);

void stp_stat_reset(struct stp_stat *st, const struct stp_stat_desc *d);
void stp_stat_add(struct stp_stat *st, const struct stp_stat_desc *d, s64 v);
void stp_stat_merge(struct stp_stat *dst, const struct stp_stat_desc *d,
		    const struct stp_stat *src);

/* @avg: sum / count, truncated.  The caller reports an empty aggregate. */
s64 stp_stat_avg(const struct stp_stat *st);
/*
 * @variance: the sample variance (denominator count - 1) with stap's
 * integer arithmetic, so that scripts print what stap prints: stap(1)'s
 * example gives 12 for 1..5 (the true value is 2.5), and 2 with a bit
 * shift of 1.  0 below 2 samples.
 */
s64 stp_stat_variance(const struct stp_stat *st);

/* The bucket index a value falls in. */
u32 stp_hist_bucket(const struct stp_stat_desc *d, s64 v);

/*
 * Prints the histogram as stap does: a header, one row per bucket with a
 * bar of '@' scaled to STP_HIST_WIDTH, runs of empty buckets elided to
 * '~' (elision is HIST_ELISION: buckets kept at each end of a run; a
 * negative value keeps them all), and a blank line at the end.
 */
void stp_stat_print_hist(struct stp_out *out, const struct stp_stat *st,
			 const struct stp_stat_desc *d, int elision);

#endif /* STP_STAT_H */
