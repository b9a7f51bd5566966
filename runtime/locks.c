// SPDX-License-Identifier: GPL-2.0
/*
 * Global variable locks.  Each global has a reader-writer lock; a probe
 * takes the locks of the globals it uses, in ascending global order (so
 * two probes can never wait on each other in a cycle), with trylock:
 * after MAXTRYLOCK failed attempts the probe is skipped instead of
 * spinning, because a probe may interrupt a holder on the same CPU.
 *
 * A runtime member (with params.c: scripts with scalar globals have
 * both), linked by listing stp_locks_provider or using a parameter:
 * modules whose probes use no globals do without it.  The core calls
 * the functions below only for probes that have locks (weak references,
 * context.c), which the descriptor check allows only with the provider.
 *
 * A lock is an atomic count: the number of readers, or -1 while a writer
 * holds it.  Nothing ever waits inside a lock (a failed attempt pauses
 * and tries again, or gives up), so the kernel's queueing rwlock_t would
 * bring nothing but calls: these are a few inline atomic operations.
 * Taking one has acquire, releasing it release semantics.
 */
#include <asm/delay.h>

#include "internal.h"

/* Pause between attempts. */
#define STP_TRYLOCK_DELAY_NS 10

struct stp_global_lock {
	atomic_t count;	   /* readers, or -1: a writer */
	atomic_t timeouts; /* probes skipped for it */
};

static struct stp_global_lock *stp_global_locks; /* [stp_module.nglobals] */

static void locks_free(void)
{
	stp_free(stp_global_locks);
	stp_global_locks = NULL;
}

/* Zeroed memory: every lock free, no timeouts. */
static int locks_alloc(void)
{
	u32 n = stp_module.nglobals;

	if (!n)
		return 0;
	stp_global_locks = stp_zalloc(n * sizeof(*stp_global_locks));
	return stp_global_locks ? 0 : -ENOMEM;
}

static bool try_lock(atomic_t *count, bool write)
{
	int v = write ? 0 : atomic_read(count);

	if (write)
		return atomic_try_cmpxchg_acquire(count, &v, -1);
	/* A failed exchange means another reader came or went: again. */
	do {
		if (v < 0)
			return false;
	} while (!atomic_try_cmpxchg_acquire(count, &v, v + 1));
	return true;
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
		atomic_t *count = &stp_global_locks[l->global].count;

		if (l->write)
			atomic_set_release(count, 0);
		else
			atomic_dec_return_release(count);
	}
}

bool stp_locks_take(const struct stp_probe *p)
{
	u16 i;

	for (i = 0; i < p->nlocks; i++) {
		const struct stp_lock_ref *l = &p->locks[i];
		struct stp_global_lock *g = &stp_global_locks[l->global];
		u32 tries = stp_module.maxtrylock;

		while (!try_lock(&g->count, l->write)) {
			if (tries-- == 0) {
				atomic_inc(&g->timeouts);
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

	for (i = 0; stp_global_locks && i < stp_module.nglobals; i++) {
		int n = atomic_read(&stp_global_locks[i].timeouts);

		if (n)
			stp_ctl_printf(STP_MSG_WARNING, true,
				       "WARNING: Skipped due to global '%s' "
				       "lock timeout: %d\n",
				       stp_module.globals[i].name, n);
	}
}
