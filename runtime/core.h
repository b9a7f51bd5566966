/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What only the core's files (runtime/kbuild/members: stp_core) share.
 * The core is compiled as one unit, so these are static: the compiler
 * inlines the small ones and keeps no out-of-line copy, and a module is
 * that much smaller (each function costs a symbol, ORC entries and return
 * sites besides its code).  A file outside the core cannot use them: it
 * fails to compile ("used but never defined").
 */
#ifndef STP_CORE_H
#define STP_CORE_H

#include <linux/irq_work.h>
#include <linux/kfifo.h>
#include <linux/spinlock.h>

#include "internal.h"

struct dentry;
struct rchan;

/*
 * The core's mutable state, one object reached through core(): a function
 * that touches several parts of it costs the module one relocation, not
 * one per access (24 bytes each in the .ko).  All of it starts zeroed.
 */
struct stp_core {
	/* context.c */
	struct stp_context **contexts; /* [nr_cpu_ids] */
	atomic_t errors;
	atomic64_t skipped;
	atomic64_t skipped_reentrant;
	atomic_t skip_limit_hit;
	/* session.c */
	atomic_t exit_requested;
	bool error_exit;	/* ended by errors: error probes, not end */
	u32 providers_ready;	/* how many have been initialised */
	struct dentry *top_dir; /* debugfs STP_DEBUGFS_DIR */
	bool top_dir_looked_up; /* holds a reference to drop */
	struct dentry *module_dir;
	/* control.c */
	struct kfifo ctl_fifo;
	raw_spinlock_t ctl_lock;
	struct irq_work ctl_wakeup;
	unsigned long ctl_busy; /* bit 0: the file is open */
	/* transport.c */
	struct rchan *chan;
	atomic64_t seq;
	atomic64_t dropped;
};

static struct stp_core stp_core_state;

static __always_inline struct stp_core *core(void)
{
	struct stp_core *s = &stp_core_state;

	OPTIMIZER_HIDE_VAR(s);
	return s;
}

/* The descriptor through a register, for the same reason. */
static __always_inline const struct stp_module_desc *module_desc(void)
{
	const struct stp_module_desc *d = &stp_module;

	OPTIMIZER_HIDE_VAR(d);
	return d;
}

/* session.c */
static void stp_request_exit(bool error);
static int stp_session_start(s32 target);
static void stp_session_stop(void);
static void stp_session_exited(struct stp_msg_exited *msg);

/* context.c */
static int stp_contexts_alloc(void);
static void stp_contexts_free(void);
/*
 * Marks this CPU's context busy around non-probe work on its buffers (an
 * IPI), so that a probe arriving meanwhile (NMI) is skipped.
 */
static void stp_context_claim(void);
static void stp_context_release(void);
/* The closing warnings (urgent: staprun is waiting in EXIT). */
static void stp_report_summary(void);
static bool stp_had_errors(void);
static u32 stp_error_count(void);
static u64 stp_skipped_count(void);

/* print.c */
static void stp_print_init(struct stp_context *c, char *buf, u32 size);
static void stp_print_flush(struct stp_context *c);

/* transport.c */
static int stp_transport_init(struct dentry *dir, u32 bufsize_mb);
static void stp_transport_close(void);
static void stp_transport_info(struct stp_msg_transport_info *info);
/* Writes one record of len bytes; -ENOSPC (counted) when full. */
static int stp_transport_write(const void *data, u32 len);
/* Publishes every CPU's partial sub-buffer; returns the watermark. */
static u64 stp_transport_flush(void);
static u64 stp_transport_dropped(void);
static u64 stp_transport_last_seq(void);
/* The transport buffer size in MB per CPU (staprun -b, or stap -s). */
static u32 stp_param_bufsize(void);

/* control.c */
static int stp_ctl_init(struct dentry *dir);
static void stp_ctl_close(void);
/*
 * Queues a message for staprun; any context.  Session replies (urgent)
 * may use a reserve that probe messages cannot, so that a flood of
 * errors cannot block the protocol.  -ENOSPC when it does not fit.
 */
static int stp_ctl_send(u32 type, const void *data, u32 len, bool urgent);

#endif /* STP_CORE_H */
