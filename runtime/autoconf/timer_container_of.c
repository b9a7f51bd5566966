// SPDX-License-Identifier: GPL-2.0
/* STAPCONF_TIMER_CONTAINER_OF: timer_container_of() replaces from_timer(). */
#include <linux/timer.h>

void *stapconf_probe(struct timer_list *t);
void *stapconf_probe(struct timer_list *t)
{
	struct holder {
		struct timer_list t;
	} *h = timer_container_of(h, t, t);

	return h;
}
