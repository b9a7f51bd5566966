/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Output from probe handlers: printf and friends write into the current
 * CPU's print buffer, which the runtime flushes into the transport when
 * it fills and when the handler returns.  A single printf's output stays
 * in one transport record unless it is larger than the print buffer.
 */
#ifndef STP_PRINT_H
#define STP_PRINT_H

#include "context.h"

/* printf(fmt, ...): arguments as described in format.h. */
void stp_printf(struct stp_context *c, const char *fmt, ...);
/* print(string) */
static inline void stp_print(struct stp_context *c, const char *s)
{
	stp_out_puts(&c->print, s);
}
/* print(long) */
void stp_print_long(struct stp_context *c, s64 v);
/* print(@hist_log(s)) / print(@hist_linear(s, ...)) */
static inline void stp_print_hist(struct stp_context *c,
				  const struct stp_stat *st,
				  const struct stp_stat_desc *d)
{
	stp_stat_print_hist(&c->print, st, d, stp_module.hist_elision);
}
/*
 * sprintf(fmt, ...) into dst, a buffer of stp_module.maxstringlen bytes;
 * longer results are truncated.
 */
void stp_sprintf(struct stp_context *c, char *dst, const char *fmt, ...);
/*
 * Output with the kernel's C format and C arguments (embedded C's
 * STAP_PRINTF); a result larger than the print buffer is cut.
 */
void stp_cprintf(struct stp_context *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif /* STP_PRINT_H */
