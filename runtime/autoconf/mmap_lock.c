// SPDX-License-Identifier: GPL-2.0
/* STAPCONF_MMAP_LOCK: mmap_read_lock() and mm->mmap_lock (mmap_sem before). */
#include <linux/mm.h>
#include <linux/mmap_lock.h>

void stapconf_probe(struct mm_struct *mm);
void stapconf_probe(struct mm_struct *mm)
{
	mmap_read_lock(mm);
	mmap_read_unlock(mm);
}
