// SPDX-License-Identifier: GPL-2.0
/* STAPCONF_TIMER_CONTAINER_OF: timer_container_of() replaces from_timer(). */
#include <linux/timer.h>

struct holder {
	struct timer_list t;
};

struct holder *stapconf_probe(struct timer_list *t);
struct holder *stapconf_probe(struct timer_list *t)
{
	struct holder *h = timer_container_of(h, t, t);

	return h;
}
