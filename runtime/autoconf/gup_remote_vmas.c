// SPDX-License-Identifier: GPL-2.0
/* STAPCONF_GUP_REMOTE_VMAS: get_user_pages_remote() still takes a vmas array. */
#include <linux/mm.h>

_Static_assert(__builtin_types_compatible_p(
		       typeof(&get_user_pages_remote),
		       long (*)(struct mm_struct *, unsigned long,
				unsigned long, unsigned int, struct page **,
				struct vm_area_struct **, int *)),
	       "get_user_pages_remote with vmas");
