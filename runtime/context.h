/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The per-CPU probe context: what a running probe handler sees, and the
 * safety checks generated code performs against it.
 *
 * Errors: a failing operation sets c->last_error (and c->last_stmt, the
 * location "operator '/' at t.stp:3:12"), and the generated code stops
 * the handler (goto out).  When the handler returns with last_error set,
 * the runtime reports "ERROR: <last_error> near <last_stmt>", counts it,
 * and ends the script once MAXERRORS is exceeded.  try/catch clears
 * last_error itself.
 */
#ifndef STP_CONTEXT_H
#define STP_CONTEXT_H

#include "platform.h"
#include "format.h"
#include "module_desc.h"
#include "str.h"

struct pt_regs;

/* Room for a formatted error message (truncated beyond). */
#define STP_ERROR_BUF 512

struct stp_context {
	/* For generated code: */
	const struct stp_probe *probe; /* the probe running */
	const char *last_error;	       /* set: the handler failed */
	const char *last_stmt; /* location of the statement that failed */
	s64 actions_left;      /* MAXACTION countdown */
	u32 nesting;	       /* function call depth */
	struct pt_regs *regs;  /* registers at the probe, or NULL */
	void *locals;	       /* stp_module.locals_size bytes, per CPU */

	/* Runtime internals: */
	atomic_t busy;	      /* reentrancy guard */
	struct stp_out print; /* this CPU's print buffer */
	char error_buf[STP_ERROR_BUF];
};

/* Sets the error of the running probe (msg must stay valid: a literal). */
static inline void stp_error(struct stp_context *c, const char *msg)
{
	if (!c->last_error)
		c->last_error = msg;
}

/* The same, with the location of the failing statement. */
static inline void stp_error_at(struct stp_context *c, const char *msg,
				const char *loc)
{
	if (!c->last_error) {
		c->last_error = msg;
		c->last_stmt = loc;
	}
}

/* error(msg): the message is copied, so it may live in the locals. */
void stp_error_str(struct stp_context *c, const char *msg);
/* A formatted error message (stap format language, see format.h). */
void stp_errorf(struct stp_context *c, const char *fmt, ...);
/* The same with the kernel's C format (embedded C's STAP_ERROR). */
void stp_error_printf(struct stp_context *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * abort(): the script ends like exit(), and the running handler stops at
 * once, with this "error", which try/catch cannot catch and which is not
 * reported.
 */
extern const char stp_abort_error[];
void stp_abort(struct stp_context *c);

/*
 * try/catch: at the catch label, takes the error (its message into msg,
 * stp_module.maxstringlen bytes, when not NULL) and returns true, or
 * returns false for abort(), which goes on outwards.
 */
static inline bool stp_catch(struct stp_context *c, char *msg)
{
	if (c->last_error == stp_abort_error)
		return false;
	if (msg)
		stp_strlcpy(msg, c->last_error, stp_module.maxstringlen);
	c->last_error = NULL;
	c->last_stmt = NULL;
	return true;
}

/*
 * Charges n statements against MAXACTION.  True when exceeded: the error
 * is set and the handler must stop.
 */
static inline bool stp_actions(struct stp_context *c, s64 n, const char *loc)
{
	c->actions_left -= n;
	if (unlikely(c->actions_left < 0)) {
		stp_error_at(c, "MAXACTION exceeded", loc);
		return true;
	}
	return false;
}

/* Function entry: true (error set) beyond MAXNESTING. */
static inline bool stp_nest_enter(struct stp_context *c, const char *loc)
{
	if (unlikely(c->nesting >= stp_module.maxnesting)) {
		stp_error_at(c, "MAXNESTING exceeded", loc);
		return true;
	}
	c->nesting++;
	return false;
}

static inline void stp_nest_exit(struct stp_context *c)
{
	c->nesting--;
}

/* Integer division and modulo: division by zero is an error, not a trap. */
static inline s64 stp_div(struct stp_context *c, s64 a, s64 b, const char *loc)
{
	if (unlikely(b == 0)) {
		stp_error_at(c, "division by 0", loc);
		return 0;
	}
	if (unlikely(b == -1)) /* S64_MIN / -1 would trap */
		return (s64)((u64)0 - (u64)a);
	return a / b;
}

static inline s64 stp_mod(struct stp_context *c, s64 a, s64 b, const char *loc)
{
	if (unlikely(b == 0)) {
		stp_error_at(c, "division by 0", loc);
		return 0;
	}
	if (unlikely(b == -1))
		return 0;
	return a % b;
}

#endif /* STP_CONTEXT_H */
