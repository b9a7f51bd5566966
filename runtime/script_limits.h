/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The limit defaults a generated module starts with, each overridable
 * with stap -D NAME=VALUE (docs/runtime-api.md, "Limits"): generated code
 * includes this after runtime.h, below its own #defines of the -D
 * options, and fills its descriptor with STP_MODULE_LIMITS.  Only
 * generated code includes it: the runtime reads the limits from the
 * descriptor.
 */
#ifndef STP_LIMITS_H
#define STP_LIMITS_H

#ifndef MAXACTION
#define MAXACTION 1000
#endif
#ifndef MAXACTION_INTERRUPTIBLE
#define MAXACTION_INTERRUPTIBLE (MAXACTION * 10)
#endif
#ifndef MAXNESTING
#define MAXNESTING 10
#endif
#ifndef MAXSTRINGLEN
#define MAXSTRINGLEN 128
#endif
#ifndef MAXMAPENTRIES
#define MAXMAPENTRIES 2048
#endif
#ifndef MAXTRYLOCK
#define MAXTRYLOCK 1000
#endif
#ifndef MAXERRORS
#define MAXERRORS 0
#endif
#ifndef MAXSKIPPED
#define MAXSKIPPED 100
#endif
#ifndef HIST_ELISION
#define HIST_ELISION 2
#endif
#ifndef STP_BUFSIZE
#define STP_BUFSIZE 16
#endif
#ifndef STP_PRINT_BUFSIZE
#define STP_PRINT_BUFSIZE 8192
#endif

#define STP_MODULE_LIMITS                                                      \
	.maxaction = MAXACTION,                                                \
	.maxaction_interruptible = MAXACTION_INTERRUPTIBLE,                    \
	.maxnesting = MAXNESTING, .maxstringlen = MAXSTRINGLEN,                \
	.maxmapentries = MAXMAPENTRIES, .maxtrylock = MAXTRYLOCK,              \
	.maxerrors = MAXERRORS, .maxskipped = MAXSKIPPED,                      \
	.hist_elision = HIST_ELISION, .bufsize_mb = STP_BUFSIZE,               \
	.print_bufsize = STP_PRINT_BUFSIZE

#endif /* STP_LIMITS_H */
