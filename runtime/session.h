/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The session as scripts see it: exit(), warn(), target(), module
 * parameters for globals, and the time helpers.
 */
#ifndef STP_SESSION_H
#define STP_SESSION_H

#include "context.h"

/*
 * exit(): the script ends.  The running probe finishes; no other probe
 * starts; the end probes run once, in process context, and the module is
 * unloaded.  Safe in any context.
 */
void stp_exit(void);
/* warn(msg): "WARNING: msg" on staprun's stderr (unless staprun -w). */
void stp_warn(const char *msg);
/* target(): the pid given by staprun -c or -x, 0 if none. */
extern s32 stp_target_pid; /* set at the start, before any probe runs */
static inline s64 stp_target(void)
{
	return stp_target_pid;
}

/* gettimeofday_ns(), local_clock_ns(), jiffies(), HZ() */
s64 stp_gettimeofday_ns(void);
s64 stp_local_clock_ns(void);
s64 stp_jiffies(void);
s64 stp_hz(void);

/*
 * Globals settable at load time (staprun MOD.ko NAME=VALUE): the
 * generated code declares one parameter per scalar global with
 *	STP_PARAM_LONG(NAME, variable);
 *	STP_PARAM_STRING(NAME, variable);	(a char[MAXSTRINGLEN])
 * NAME is the script's name for the global.  Values are parsed before
 * the module's init; a bad value makes the load fail.
 */
struct kernel_param_ops;
extern const struct kernel_param_ops stp_param_ops_long;
extern const struct kernel_param_ops stp_param_ops_string;

#define STP_PARAM_LONG(name, var)                                              \
	module_param_cb(name, &stp_param_ops_long, &(var), 0);                 \
	__MODULE_PARM_TYPE(name, "long")
#define STP_PARAM_STRING(name, var)                                            \
	module_param_cb(name, &stp_param_ops_string, (var), 0);                \
	__MODULE_PARM_TYPE(name, "string")

#endif /* STP_SESSION_H */
