// SPDX-License-Identifier: GPL-2.0
/* STAPCONF_GET_RANDOM_U32_BELOW: get_random_u32_below() (prandom_u32_max() before). */
#include <linux/random.h>

u32 stapconf_probe(void);
u32 stapconf_probe(void)
{
	return get_random_u32_below(10);
}
