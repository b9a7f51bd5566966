// SPDX-License-Identifier: GPL-2.0
/*
 * Global variable locks.  Each global has a reader-writer lock; a probe
 * takes the locks of the globals it uses, in ascending global order (so
 * two probes can never wait on each other in a cycle), with trylock:
 * after MAXTRYLOCK failed attempts the probe is skipped instead of
 * spinning, because a probe may interrupt a holder on the same CPU.
 */
#include <linux/delay.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

#include "internal.h"

/* Pause between attempts. */
#define STP_TRYLOCK_DELAY_NS 10

static rwlock_t *stp_global_locks;
static atomic_t *stp_lock_timeouts; /* per global */
static u32 stp_nlocks;

int stp_locks_alloc(u32 nglobals)
{
	u32 i;

	stp_nlocks = nglobals;
	if (!nglobals)
		return 0;
	stp_global_locks = kcalloc(nglobals, sizeof(rwlock_t), GFP_KERNEL);
	stp_lock_timeouts = kcalloc(nglobals, sizeof(atomic_t), GFP_KERNEL);
	if (!stp_global_locks || !stp_lock_timeouts) {
		stp_locks_free();
		return -ENOMEM;
	}
	for (i = 0; i < nglobals; i++)
		rwlock_init(&stp_global_locks[i]);
	return 0;
}

void stp_locks_free(void)
{
	kfree(stp_global_locks);
	kfree(stp_lock_timeouts);
	stp_global_locks = NULL;
	stp_lock_timeouts = NULL;
}

static void release(const struct stp_probe *p, u16 n)
{
	while (n-- > 0) {
		const struct stp_lock_ref *l = &p->locks[n];

		if (l->write)
			write_unlock(&stp_global_locks[l->global]);
		else
			read_unlock(&stp_global_locks[l->global]);
	}
}

bool stp_locks_take(const struct stp_probe *p)
{
	u16 i;

	for (i = 0; i < p->nlocks; i++) {
		const struct stp_lock_ref *l = &p->locks[i];
		rwlock_t *lock = &stp_global_locks[l->global];
		u32 tries = stp_module.maxtrylock;

		while (!(l->write ? write_trylock(lock) : read_trylock(lock))) {
			if (tries-- == 0) {
				atomic_inc(&stp_lock_timeouts[l->global]);
				release(p, i);
				return false;
			}
			ndelay(STP_TRYLOCK_DELAY_NS);
		}
	}
	return true;
}

void stp_locks_release(const struct stp_probe *p)
{
	release(p, p->nlocks);
}

void stp_locks_report(void)
{
	u32 i;

	for (i = 0; i < stp_nlocks; i++) {
		int n = atomic_read(&stp_lock_timeouts[i]);

		if (n)
			stp_ctl_printf(STP_MSG_WARNING, true,
				       "WARNING: Skipped due to global '%s' "
				       "lock timeout: %d\n",
				       stp_module.globals[i].name, (s64)n);
	}
}
