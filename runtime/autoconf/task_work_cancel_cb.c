// SPDX-License-Identifier: GPL-2.0
/*
 * STAPCONF_TASK_WORK_CANCEL_CB: task_work_cancel() takes the callback_head
 * and returns bool (it took the function and returned the head before;
 * Debian's 6.1 got this change from a stable backport).
 */
#include <linux/task_work.h>

_Static_assert(__builtin_types_compatible_p(typeof(&task_work_cancel),
					    bool (*)(struct task_struct *,
						     struct callback_head *)),
	       "task_work_cancel(task, cb)");
