/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The wire protocol between a module's runtime and staprun, included by
 * both (kernel C and user-space C++).
 *
 * Files, in debugfs under STP_DEBUGFS_DIR/<module name>/:
 *   ctl      the control channel: messages both ways, framed by
 *            struct stp_msg_hdr.  One opener at a time.  A write carries
 *            exactly one message and is handled before write() returns.
 *   traceN   CPU N's output: complete relay sub-buffers holding records
 *            (struct stp_record_hdr + data).  read() never blocks; it
 *            fails with EAGAIN when no sub-buffer is complete.  poll()
 *            reports POLLIN when one is.
 *
 * A session: staprun opens ctl and sends TRANSPORT_INFO; the module
 * answers with its transport layout.  staprun opens the trace files and
 * sends START; the module runs the begin probes, arms the other probes
 * and answers STARTED.  Output flows.  A FLUSH pushes every CPU's partly
 * filled sub-buffer out and answers FLUSHED with a watermark: every
 * record whose seq is at most the watermark is now readable, so merging
 * the CPUs' records up to it in seq order is final.  The module sends
 * REQUEST_EXIT when the script wants to end (exit(), too many errors);
 * staprun sends EXIT then, or on a signal or when -c's command ends.  The
 * module stops the probes, runs the end (or error) probes, flushes,
 * sends the closing warnings and EXITED.  staprun reads everything up to
 * EXITED's last_seq and removes the module.
 *
 * Later extensions (flight recorder attach/detach, shared buffers) add
 * message types; the version is bumped on incompatible changes.
 */
#ifndef STP_PROTOCOL_H
#define STP_PROTOCOL_H

#ifdef __KERNEL__
#include <linux/types.h>
#else
#include <linux/types.h>
#include <stdint.h>
#endif

#define STP_PROTOCOL_VERSION 1
#define STP_DEBUGFS_DIR "stapforge"
#define STP_CTL_FILE "ctl"
#define STP_TRACE_BASENAME "trace"
#define STP_MODULE_NAME_LEN 64
/* The largest message payload (warning and error text included). */
#define STP_MSG_MAX_PAYLOAD 2048

enum stp_msg_type {
	/* staprun -> module: empty; module -> staprun: transport_info */
	STP_MSG_TRANSPORT_INFO = 1,
	/* staprun -> module: struct stp_msg_start */
	STP_MSG_START = 2,
	/* module -> staprun: struct stp_msg_status (0, or -errno) */
	STP_MSG_STARTED = 3,
	/* staprun -> module: empty.  End the session. */
	STP_MSG_EXIT = 4,
	/* module -> staprun: empty.  The script asked to end. */
	STP_MSG_REQUEST_EXIT = 5,
	/* module -> staprun: struct stp_msg_exited */
	STP_MSG_EXITED = 6,
	/* staprun -> module: empty; module -> staprun: struct stp_msg_flushed */
	STP_MSG_FLUSH = 7,
	STP_MSG_FLUSHED = 8,
	/* module -> staprun: text for stderr, a complete line ("WARNING: ...") */
	STP_MSG_WARNING = 9,
	/* module -> staprun: text for stderr, a complete line ("ERROR: ...") */
	STP_MSG_ERROR = 10,
};

struct stp_msg_hdr {
	__u32 type; /* enum stp_msg_type */
	__u32 len;  /* payload bytes that follow */
};

enum stp_session_state {
	STP_STATE_LOADED = 0,	/* waiting for START */
	STP_STATE_STARTING = 1, /* running begin probes */
	STP_STATE_RUNNING = 2,
	STP_STATE_STOPPING = 3, /* exit requested; probes no longer run */
	STP_STATE_STOPPED = 4,	/* end probes done, output flushed */
};

struct stp_msg_transport_info {
	__u32 version; /* STP_PROTOCOL_VERSION */
	__u32 bulk;    /* the script was built for bulk mode (stap -b) */
	__u32 ncpus; /* trace files are trace0 .. trace<ncpus - 1> (some absent) */
	__u32 subbuf_size; /* bytes per sub-buffer */
	__u32 n_subbufs;   /* sub-buffers per CPU */
	__u32 state;	   /* enum stp_session_state */
	char module_name[STP_MODULE_NAME_LEN];
};

struct stp_msg_start {
	__s32 target; /* target() pid: -c CMD's or -x PID; 0 if none */
	__u32 flags;  /* none yet */
};

struct stp_msg_status {
	__s32 status;
	__u32 unused;
};

struct stp_msg_flushed {
	__u64 watermark; /* every record with seq <= watermark is readable */
};

struct stp_msg_exited {
	__s32 status;	/* 0, or 1 when the script ended with an error */
	__u32 errors;	/* run-time errors reported */
	__u64 skipped;	/* probes skipped */
	__u64 dropped;	/* output bytes lost to full buffers */
	__u64 last_seq; /* the seq of the last record written */
};

/*
 * Every chunk of output in a trace file starts with this header.  seq is
 * a module-wide counter taken when the chunk is written (a logical
 * timestamp): sorting all CPUs' records by seq restores the order in
 * which they were produced.  Bulk-mode files hold these records as is.
 */
struct stp_record_hdr {
	__u64 seq;
	__u32 len; /* data bytes that follow */
	__u32 cpu;
};

#endif /* STP_PROTOCOL_H */
