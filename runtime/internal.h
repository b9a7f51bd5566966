/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Declarations shared by the runtime's own files; generated code does
 * not include this.  What only the core's files share is core.h's.
 */
#ifndef STP_INTERNAL_H
#define STP_INTERNAL_H

#include <linux/atomic.h>

#include "runtime.h"
#include "protocol.h"

/* session.c */
extern atomic_t stp_state; /* enum stp_session_state */

/* context.c */
/*
 * Runs a probe's handler on this CPU if the session is in state (else
 * does nothing), with reentrancy detection, the probe's global locks,
 * MAXACTION budget maxaction, error reporting and output flushing.
 */
void stp_run_probe(const struct stp_probe *p, struct pt_regs *regs, int state,
		   s64 maxaction);

/* locks.c (stp_locks_provider allocates them) */
/* Takes p's locks; false (nothing held) when one stayed contended. */
bool stp_locks_take(const struct stp_probe *p);
void stp_locks_release(const struct stp_probe *p);
/* Adds "Skipped due to global 'x' lock timeout" warnings. */
void stp_locks_report(void);

/* print.c */
/* The print buffer's flush: writes its content as one record. */
int stp_print_sink(struct stp_out *out);

/* printf.c */
/* The error of a %m or %M that could not read c->print.fault_addr. */
void stp_print_fault(struct stp_context *c);

/* control.c */
/*
 * A formatted WARNING/ERROR line, in the kernel's C format: the core's
 * messages need no script format engine (format.c, linked only by
 * modules that format).
 */
void stp_ctl_printf(u32 type, bool urgent, const char *fmt, ...) __printf(3, 4);

#endif /* STP_INTERNAL_H */
