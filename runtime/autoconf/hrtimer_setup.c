// SPDX-License-Identifier: GPL-2.0
/* STAPCONF_HRTIMER_SETUP: hrtimer_setup() replaces hrtimer_init(). */
#include <linux/hrtimer.h>

void stapconf_probe(struct hrtimer *t,
		    enum hrtimer_restart (*fn)(struct hrtimer *));
void stapconf_probe(struct hrtimer *t,
		    enum hrtimer_restart (*fn)(struct hrtimer *))
{
	hrtimer_setup(t, fn, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
}
