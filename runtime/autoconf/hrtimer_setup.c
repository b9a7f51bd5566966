// SPDX-License-Identifier: GPL-2.0
/* STAPCONF_HRTIMER_SETUP: hrtimer_setup() replaces hrtimer_init(). */
#include <linux/hrtimer.h>

static enum hrtimer_restart fn(struct hrtimer *t)
{
	return HRTIMER_NORESTART;
}

void stapconf_probe(struct hrtimer *t);
void stapconf_probe(struct hrtimer *t)
{
	hrtimer_setup(t, fn, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
}
