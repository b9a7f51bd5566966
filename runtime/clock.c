// SPDX-License-Identifier: GPL-2.0
/*
 * Time helpers.  Probes may run in any context, NMI included, so the
 * wall clock comes from the NMI-safe fast accessor.
 */
#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/sched/clock.h>
#include <linux/timekeeping.h>

#include "internal.h"

s64 stp_gettimeofday_ns(void)
{
	return ktime_get_real_fast_ns();
}

s64 stp_local_clock_ns(void)
{
	return local_clock();
}

s64 stp_jiffies(void)
{
	return get_jiffies_64();
}

s64 stp_hz(void)
{
	return HZ;
}
