/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Declarations shared by the runtime's own files; generated code does
 * not include this.
 */
#ifndef STP_INTERNAL_H
#define STP_INTERNAL_H

#include <linux/atomic.h>

#include "runtime.h"
#include "protocol.h"

struct dentry;

/* session.c */
extern atomic_t stp_state; /* enum stp_session_state */
void stp_request_exit(bool error);
int stp_session_start(s32 target);
void stp_session_stop(void);
void stp_session_exited(struct stp_msg_exited *msg);

/* context.c */
int stp_contexts_alloc(void);
void stp_contexts_free(void);
/*
 * Runs a probe's handler on this CPU if the session is in state (else
 * does nothing), with reentrancy detection, the probe's global locks,
 * MAXACTION budget maxaction, error reporting and output flushing.
 */
void stp_run_probe(const struct stp_probe *p, struct pt_regs *regs, int state,
		   s64 maxaction);
/*
 * Marks this CPU's context busy around non-probe work on its buffers (an
 * IPI), so that a probe arriving meanwhile (NMI) is skipped.
 */
void stp_context_claim(void);
void stp_context_release(void);
/* The closing warnings (urgent: staprun is waiting in EXIT). */
void stp_report_summary(void);
bool stp_had_errors(void);
u32 stp_error_count(void);
u64 stp_skipped_count(void);

/* locks.c */
int stp_locks_alloc(u32 nglobals);
void stp_locks_free(void);
/* Takes p's locks; false (nothing held) when one stayed contended. */
bool stp_locks_take(const struct stp_probe *p);
void stp_locks_release(const struct stp_probe *p);
/* Adds "Skipped due to global 'x' lock timeout" warnings. */
void stp_locks_report(void);

/* print.c */
void stp_print_init(struct stp_context *c, char *buf, u32 size);
void stp_print_flush(struct stp_context *c);

/* transport.c */
int stp_transport_init(struct dentry *dir, u32 bufsize_mb);
void stp_transport_close(void);
void stp_transport_info(struct stp_msg_transport_info *info);
/* Writes one record of len bytes; -ENOSPC (counted) when full. */
int stp_transport_write(const void *data, u32 len);
/* Publishes every CPU's partial sub-buffer; returns the watermark. */
u64 stp_transport_flush(void);
u64 stp_transport_dropped(void);
u64 stp_transport_last_seq(void);

/* control.c */
int stp_ctl_init(struct dentry *dir);
void stp_ctl_close(void);
/*
 * Queues a message for staprun; any context.  Session replies (urgent)
 * may use a reserve that probe messages cannot, so that a flood of
 * errors cannot block the protocol.  -ENOSPC when it does not fit.
 */
int stp_ctl_send(u32 type, const void *data, u32 len, bool urgent);
/* A formatted WARNING/ERROR line (stap format language). */
void stp_ctl_printf(u32 type, bool urgent, const char *fmt, ...);

/* The transport buffer size in MB per CPU (staprun -b, or stap -s). */
u32 stp_param_bufsize(void);

#endif /* STP_INTERNAL_H */
