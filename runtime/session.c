// SPDX-License-Identifier: GPL-2.0
/*
 * Module load and unload, and the session's state machine:
 * LOADED -> STARTING (begin probes) -> RUNNING -> STOPPING (exit
 * requested) -> STOPPED (end or error probes done, output flushed).
 */
#include <linux/debugfs.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>

#include "core.h"

atomic_t stp_state = ATOMIC_INIT(STP_STATE_LOADED);
static DEFINE_MUTEX(stp_session_mutex);
s32 stp_target_pid; /* target(): session.h */

/*
 * Referenced by every generated module (runtime.h): linking the module
 * pulls this file, and through it the rest of the core, out of the
 * runtime archive.
 */
const char stp_runtime_core[] = "stapforge runtime";

static void stp_request_exit(bool error)
{
	int s;

	if (error)
		WRITE_ONCE(core()->error_exit, true);
	do {
		s = atomic_read(&stp_state);
		if (s != STP_STATE_STARTING && s != STP_STATE_RUNNING)
			break;
	} while (atomic_cmpxchg(&stp_state, s, STP_STATE_STOPPING) != s);
	if (!atomic_xchg(&core()->exit_requested, 1))
		stp_ctl_send(STP_MSG_REQUEST_EXIT, NULL, 0, true);
}

void stp_exit(void)
{
	stp_request_exit(false);
}

static void providers_start(void)
{
	const struct stp_module_desc *d = module_desc();
	u32 i;

	for (i = 0; i < d->nproviders; i++)
		if (d->providers[i]->start)
			d->providers[i]->start();
}

static void providers_stop(void)
{
	const struct stp_module_desc *d = module_desc();
	u32 i = d->nproviders;

	while (i-- > 0)
		if (d->providers[i]->stop)
			d->providers[i]->stop();
}

static void providers_exit(void)
{
	const struct stp_module_desc *d = module_desc();
	struct stp_core *s = core();

	while (s->providers_ready > 0) {
		const struct stp_provider *p =
			d->providers[--s->providers_ready];

		if (p->exit)
			p->exit();
	}
}

static int providers_init(void)
{
	const struct stp_module_desc *d = module_desc();
	struct stp_core *s = core();

	while (s->providers_ready < d->nproviders) {
		const struct stp_provider *p = d->providers[s->providers_ready];
		int rc = p->init ? p->init() : 0;

		if (rc) {
			pr_err("%s: cannot initialise %s (%d)\n",
			       module_name(THIS_MODULE), p->name, rc);
			providers_exit();
			return rc;
		}
		s->providers_ready++;
	}
	return 0;
}

/* Runs begin/end/error probes by ascending sequence, ties in table order. */
static void run_in_order(const struct stp_probe *const *probes, u32 n,
			 int state)
{
	s64 last_seq = 0;
	u32 k, i, last = 0;

	for (k = 0; k < n; k++) {
		u32 best = n;

		for (i = 0; i < n; i++) {
			s64 seq = probes[i]->seq;

			if (k > 0 &&
			    (seq < last_seq || (seq == last_seq && i <= last)))
				continue;
			if (best == n || seq < probes[best]->seq)
				best = i;
		}
		last = best;
		last_seq = probes[best]->seq;
		stp_run_probe(probes[best], NULL, state,
			      module_desc()->maxaction_interruptible);
	}
}

static int stp_session_start(s32 target)
{
	int rc = 0;

	mutex_lock(&stp_session_mutex);
	if (atomic_read(&stp_state) != STP_STATE_LOADED) {
		rc = -EALREADY;
		goto out;
	}
	stp_target_pid = target;
	atomic_set(&stp_state, STP_STATE_STARTING);
	run_in_order(module_desc()->begin, module_desc()->nbegin,
		     STP_STATE_STARTING);
	/* Unless a begin probe ended the script, the other probes start. */
	if (atomic_cmpxchg(&stp_state, STP_STATE_STARTING, STP_STATE_RUNNING) ==
	    STP_STATE_STARTING)
		providers_start();
out:
	mutex_unlock(&stp_session_mutex);
	return rc;
}

static void stp_session_stop(void)
{
	const struct stp_module_desc *d = module_desc();
	int s;

	mutex_lock(&stp_session_mutex);
	s = atomic_read(&stp_state);
	if (s == STP_STATE_STOPPED)
		goto out;
	if (s == STP_STATE_LOADED) {
		atomic_set(&stp_state, STP_STATE_STOPPED);
		goto out;
	}
	atomic_set(&stp_state, STP_STATE_STOPPING);
	providers_stop();
	/* Handlers run with preemption off: this waits for every one. */
	synchronize_rcu();
	if (READ_ONCE(core()->error_exit))
		run_in_order(d->error, d->nerror, STP_STATE_STOPPING);
	else
		run_in_order(d->end, d->nend, STP_STATE_STOPPING);
	stp_report_summary();
	stp_transport_flush();
	atomic_set(&stp_state, STP_STATE_STOPPED);
out:
	mutex_unlock(&stp_session_mutex);
}

static void stp_session_exited(struct stp_msg_exited *msg)
{
	memset(msg, 0, sizeof(*msg));
	msg->status = stp_had_errors() || READ_ONCE(core()->error_exit) ? 1 : 0;
	msg->errors = stp_error_count();
	msg->skipped = stp_skipped_count();
	msg->dropped = stp_transport_dropped();
	msg->last_seq = stp_transport_last_seq();
}

/*
 * Weak references: naming a provider here does not link it in, but tells
 * whether the generated code listed it.
 */
extern const struct stp_provider stp_globals_provider __weak;
extern const struct stp_provider stp_locks_provider __weak;
extern const struct stp_provider stp_timer_provider __weak;

/* A probe needs a handler; its locks, the provider and existing globals. */
static bool probe_ok(const struct stp_probe *p, bool locks)
{
	u16 i;

	if (!p || !p->handler || (p->nlocks && !locks))
		return false;
	for (i = 0; i < p->nlocks; i++) {
		if (p->locks[i].global >= module_desc()->nglobals)
			return false;
		if (i > 0 && p->locks[i].global <= p->locks[i - 1].global)
			return false;
	}
	return true;
}

static bool probes_ok(const struct stp_probe *const *probes, u32 n, bool locks)
{
	u32 i;

	for (i = 0; i < n; i++)
		if (!probe_ok(probes[i], locks))
			return false;
	return true;
}

/* A descriptor the runtime cannot work with is refused at load. */
static int check_descriptor(void)
{
	const struct stp_module_desc *d = module_desc();
	bool globals = false, locks = false, timers = false, objects = false;
	u32 i;

	if (d->maxstringlen < 2 || d->maxstringlen > 65536 ||
	    d->maxmapentries < 1 || d->maxaction < 1 ||
	    d->maxaction_interruptible < 1 || d->bufsize_mb < 1 ||
	    d->print_bufsize < 256 || d->print_bufsize > (1 << 20))
		return -EINVAL;
	/* Which providers are listed (an absent weak one is never equal). */
	for (i = 0; i < d->nproviders; i++) {
		const struct stp_provider *p = d->providers[i];

		if (!p)
			return -EINVAL;
		globals |= p == &stp_globals_provider;
		locks |= p == &stp_locks_provider;
		timers |= p == &stp_timer_provider;
	}
	if (!probes_ok(d->begin, d->nbegin, locks) ||
	    !probes_ok(d->end, d->nend, locks) ||
	    !probes_ok(d->error, d->nerror, locks))
		return -EINVAL;
	for (i = 0; i < d->ntimers; i++)
		if (!probe_ok(d->timers[i].probe, locks))
			return -EINVAL;
	if (d->ntimers && !timers)
		return -EINVAL;
	for (i = 0; i < d->nglobals; i++) {
		if (d->globals[i].kind == STP_GLOBAL_SCALAR)
			continue;
		if (!d->globals[i].ptr)
			return -EINVAL;
		objects = true;
	}
	return objects && !globals ? -EINVAL : 0;
}

static int create_dirs(void)
{
	struct stp_core *s = core();

	s->top_dir = debugfs_lookup(STP_DEBUGFS_DIR, NULL);
	s->top_dir_looked_up = s->top_dir != NULL;
	if (!s->top_dir) {
		s->top_dir = debugfs_create_dir(STP_DEBUGFS_DIR, NULL);
		if (IS_ERR(s->top_dir)) {
			/* Another module created it meanwhile. */
			s->top_dir = debugfs_lookup(STP_DEBUGFS_DIR, NULL);
			s->top_dir_looked_up = s->top_dir != NULL;
			if (!s->top_dir)
				return -ENOENT;
		}
	}
	s->module_dir =
		debugfs_create_dir(module_name(THIS_MODULE), s->top_dir);
	if (IS_ERR(s->module_dir)) {
		int rc = PTR_ERR(s->module_dir);

		s->module_dir = NULL;
		return rc;
	}
	return 0;
}

/* The shared top directory stays: other modules may be using it. */
static void remove_dirs(void)
{
	struct stp_core *s = core();

	debugfs_remove(s->module_dir);
	s->module_dir = NULL;
	if (s->top_dir_looked_up)
		dput(s->top_dir);
	s->top_dir = NULL;
}

static int __init stp_module_init(void)
{
	int rc = check_descriptor();

	if (rc) {
		pr_err("%s: invalid module descriptor\n",
		       module_name(THIS_MODULE));
		return rc;
	}
	rc = stp_contexts_alloc();
	if (rc)
		goto err;
	rc = providers_init();
	if (rc)
		goto err_contexts;
	rc = create_dirs();
	if (rc)
		goto err_providers;
	rc = stp_transport_init(core()->module_dir, stp_param_bufsize());
	if (rc)
		goto err_dirs;
	rc = stp_ctl_init(core()->module_dir);
	if (rc)
		goto err_transport;
	return 0;

err_transport:
	stp_transport_close();
err_dirs:
	remove_dirs();
err_providers:
	providers_exit();
err_contexts:
	stp_contexts_free();
err:
	pr_err("%s: cannot load (%d)\n", module_name(THIS_MODULE), rc);
	return rc;
}

static void __exit stp_module_exit(void)
{
	/* Without staprun's EXIT (rmmod): end probes run now. */
	stp_session_stop();
	stp_transport_close();
	remove_dirs();
	stp_ctl_close();
	providers_exit();
	stp_contexts_free();
}

module_init(stp_module_init);
module_exit(stp_module_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("stapforge probe module");
