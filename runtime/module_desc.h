/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The descriptor a generated module defines: everything script-specific
 * the precompiled runtime needs (limits, globals, probes).  The generated
 * code defines exactly one, named stp_module:
 *
 *	const struct stp_module_desc stp_module = { ... };
 *
 * All pointed-to tables are static const data of the generated code.
 */
#ifndef STP_MODULE_DESC_H
#define STP_MODULE_DESC_H

#include "platform.h"
#include "map.h"
#include "stat.h"

struct stp_context;

/* A global a probe uses, and how: the runtime takes these locks. */
struct stp_lock_ref {
	u16 global; /* index into stp_module.globals */
	u8 write;   /* 1: write lock, 0: read lock */
};

struct stp_probe {
	const char *pp; /* probe point as written, e.g. "timer.ms(100)" */
	void (*handler)(struct stp_context *c);
	/* Sorted by global index, each global at most once. */
	const struct stp_lock_ref *locks;
	u16 nlocks;
	s64 seq; /* begin(N), end(N), error(N): N; 0 otherwise */
};

enum stp_timer_kind {
	STP_TIMER_INTERVAL = 0, /* timer.ns/us/ms/s/hz/jiffies(N) */
	STP_TIMER_PROFILE = 1,	/* timer.profile: every CPU, every tick */
};

enum stp_timer_flags {
	/* period and randomize count jiffies (timer.jiffies), not ns */
	STP_TIMER_JIFFIES = 1,
};

struct stp_timer_desc {
	const struct stp_probe *probe;
	u64 period;    /* ns, or jiffies; profile: 0 means one tick */
	u64 randomize; /* each period gets a uniform [-randomize, +randomize] */
	u8 kind;       /* enum stp_timer_kind */
	u8 flags;      /* enum stp_timer_flags */
};

enum stp_global_kind {
	/* long or string: storage lives in the generated code */
	STP_GLOBAL_SCALAR = 0,
	/* an associative array: *(struct stp_map **)ptr */
	STP_GLOBAL_MAP = 1,
	/* an aggregate (per CPU): *(struct stp_pstat **)ptr */
	STP_GLOBAL_STAT = 2,
	/* an array of aggregates (per CPU): *(struct stp_pmap **)ptr */
	STP_GLOBAL_STAT_MAP = 3,
};

struct stp_global_desc {
	const char *name;		  /* script name, for messages */
	u8 kind;			  /* enum stp_global_kind */
	const struct stp_map_desc *map;	  /* STP_GLOBAL_MAP, _STAT_MAP */
	const struct stp_stat_desc *stat; /* STP_GLOBAL_STAT */
	/* Where the runtime stores the object it allocates (NULL: scalar). */
	void *ptr;
};

/*
 * A runtime service or probe family the module uses.  The generated code
 * lists the providers it needs in stp_module.providers; listing one is
 * also what links its code into the module (the runtime object is an
 * archive).  init runs at load in list order, exit at unload in reverse;
 * start runs after the begin probes, stop before the end probes and must
 * wait until none of its handlers runs any more.
 */
struct stp_provider {
	const char *name;
	int (*init)(void);
	void (*start)(void);
	void (*stop)(void);
	void (*exit)(void);
};

/* Arrays and aggregates (STP_GLOBAL_MAP, _STAT, _STAT_MAP globals). */
extern const struct stp_provider stp_globals_provider;
/* The globals' locks (stp_probe.locks). */
extern const struct stp_provider stp_locks_provider;
/* Timer probes (stp_module.timers). */
extern const struct stp_provider stp_timer_provider;

enum stp_module_flags {
	STP_MODULE_BULK = 1, /* stap -b: per-CPU output files */
};

struct stp_module_desc {
	/* Limits; see docs/runtime-api.md for their defaults. */
	s64 maxaction;		     /* statements per probe hit */
	s64 maxaction_interruptible; /* same, for begin/end/error probes */
	u32 maxnesting;		     /* function call depth */
	u32 maxstringlen;  /* bytes of a string buffer, NUL included */
	u32 maxmapentries; /* default array size */
	u32 maxtrylock;	   /* lock attempts before skipping a probe */
	u32 maxerrors;	   /* errors tolerated before the script stops */
	u32 maxskipped;	   /* skipped probes tolerated before it stops */
	s32 hist_elision;  /* HIST_ELISION */
	u32 bufsize_mb;	   /* transport buffer per CPU (stap -s) */
	u32 print_bufsize; /* per-CPU print buffer bytes */
	u32 locals_size;   /* per-CPU bytes for probe and function locals */
	u32 flags;	   /* enum stp_module_flags */

	const struct stp_provider *const *providers;
	u32 nproviders;

	const struct stp_global_desc *globals;
	u32 nglobals;

	const struct stp_probe *const *begin;
	u32 nbegin;
	const struct stp_probe *const *end;
	u32 nend;
	const struct stp_probe *const *error;
	u32 nerror;
	const struct stp_timer_desc *timers;
	u32 ntimers;
};

extern const struct stp_module_desc stp_module;

#endif /* STP_MODULE_DESC_H */
