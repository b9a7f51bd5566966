// SPDX-License-Identifier: GPL-2.0
/* STAPCONF_TIMER_DELETE_SYNC: timer_delete_sync() (del_timer_sync() is gone later). */
#include <linux/timer.h>

int stapconf_probe(struct timer_list *t);
int stapconf_probe(struct timer_list *t)
{
	return timer_delete_sync(t);
}
