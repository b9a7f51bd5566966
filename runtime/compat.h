/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel API differences, settled by the feature probes in autoconf/
 * (compiled against the target kernel's headers; their results are the
 * STAPCONF_* macros of the generated stapconf.h, force-included into
 * every runtime and module compile).  Never by kernel version numbers:
 * stable kernels backport API changes under a fixed version.
 */
#ifndef STP_COMPAT_H
#define STP_COMPAT_H

#include <linux/hrtimer.h>

/* hrtimer_setup() replaced hrtimer_init() + setting ->function. */
static inline void
stp_hrtimer_setup(struct hrtimer *t,
		  enum hrtimer_restart (*fn)(struct hrtimer *), clockid_t clock,
		  enum hrtimer_mode mode)
{
#ifdef STAPCONF_HRTIMER_SETUP
	hrtimer_setup(t, fn, clock, mode);
#else
	hrtimer_init(t, clock, mode);
	t->function = fn;
#endif
}

#endif /* STP_COMPAT_H */
