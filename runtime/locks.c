// SPDX-License-Identifier: GPL-2.0
/*
 * Global variable locks.  Each global has a reader-writer lock; a probe
 * takes the locks of the globals it uses, in ascending global order (so
 * two probes can never wait on each other in a cycle), with trylock:
 * after MAXTRYLOCK failed attempts the probe is skipped instead of
 * spinning, because a probe may interrupt a holder on the same CPU.
 *
 * A runtime member of its own, linked by listing stp_locks_provider:
 * modules whose probes use no globals do without it.  The core calls
 * the functions below only for probes that have locks (weak references,
 * context.c), which the descriptor check allows only with the provider.
 */
#include <linux/delay.h>
#include <linux/spinlock.h>

#include "internal.h"

/* Pause between attempts. */
#define STP_TRYLOCK_DELAY_NS 10

static rwlock_t *stp_global_locks;
static atomic_t *stp_lock_timeouts; /* per global */

static void locks_free(void)
{
	stp_free(stp_global_locks);
	stp_free(stp_lock_timeouts);
	stp_global_locks = NULL;
	stp_lock_timeouts = NULL;
}

static int locks_alloc(void)
{
	u32 i, n = stp_module.nglobals;

	if (!n)
		return 0;
	stp_global_locks = stp_zalloc(n * sizeof(rwlock_t));
	stp_lock_timeouts = stp_zalloc(n * sizeof(atomic_t));
	if (!stp_global_locks || !stp_lock_timeouts) {
		locks_free();
		return -ENOMEM;
	}
	for (i = 0; i < n; i++)
		rwlock_init(&stp_global_locks[i]);
	return 0;
}

const struct stp_provider stp_locks_provider = {
	.name = "locks",
	.init = locks_alloc,
	.exit = locks_free,
};

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

	for (i = 0; stp_lock_timeouts && i < stp_module.nglobals; i++) {
		int n = atomic_read(&stp_lock_timeouts[i]);

		if (n)
			stp_ctl_printf(STP_MSG_WARNING, true,
				       "WARNING: Skipped due to global '%s' "
				       "lock timeout: %d\n",
				       stp_module.globals[i].name, n);
	}
}
