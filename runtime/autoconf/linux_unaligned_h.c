// SPDX-License-Identifier: GPL-2.0
/* STAPCONF_LINUX_UNALIGNED_H: <linux/unaligned.h> (<asm/unaligned.h> before 6.12). */
#if __has_include(<linux/unaligned.h>)
#include <linux/unaligned.h>

u32 stapconf_probe(const void *p);
u32 stapconf_probe(const void *p)
{
	return get_unaligned_le32(p);
}
#else
#error "no <linux/unaligned.h>"
#endif
