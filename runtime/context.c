// SPDX-License-Identifier: GPL-2.0
/*
 * Per-CPU probe contexts and the probe entry path: reentrancy detection,
 * global locks, the MAXACTION budget, error reporting and accounting.
 */
#include <linux/cpumask.h>
#include <linux/percpu.h>
#include <linux/preempt.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/string.h>

#include "core.h"

/*
 * The global locks (locks.c) are linked only with stp_locks_provider,
 * which the descriptor check requires for any probe with locks: weak
 * references, called only for such probes.
 */
extern bool stp_locks_take(const struct stp_probe *p) __weak;
extern void stp_locks_release(const struct stp_probe *p) __weak;
extern void stp_locks_report(void) __weak;

void *stp_zalloc_node(size_t size, int node)
{
	return kvzalloc_node(size, GFP_KERNEL, node);
}

void stp_free(void *p)
{
	kvfree(p);
}

static int stp_contexts_alloc(void)
{
	const struct stp_module_desc *d = module_desc();
	struct stp_core *s = core();
	size_t locals = ALIGN(d->locals_size, 8);
	size_t size = ALIGN(sizeof(struct stp_context), 8) + locals +
		      d->print_bufsize;
	unsigned int cpu;

	s->contexts = stp_zalloc(nr_cpu_ids * sizeof(*s->contexts));
	if (!s->contexts)
		return -ENOMEM;
	for_each_possible_cpu (cpu) {
		struct stp_context *c;
		char *mem = stp_zalloc_node(size, cpu_to_node(cpu));

		if (!mem)
			goto err_free;
		c = (struct stp_context *)mem;
		mem += ALIGN(sizeof(struct stp_context), 8);
		c->locals = d->locals_size ? mem : NULL;
		stp_print_init(c, mem + locals, d->print_bufsize);
		atomic_set(&c->busy, 0);
		s->contexts[cpu] = c;
	}
	return 0;

err_free:
	stp_contexts_free();
	return -ENOMEM;
}

static void stp_contexts_free(void)
{
	struct stp_core *s = core();
	unsigned int cpu;

	if (!s->contexts)
		return;
	for_each_possible_cpu (cpu)
		stp_free(s->contexts[cpu]);
	stp_free(s->contexts);
	s->contexts = NULL;
}

static void stp_context_claim(void)
{
	atomic_inc(&core()->contexts[smp_processor_id()]->busy);
}

static void stp_context_release(void)
{
	atomic_dec(&core()->contexts[smp_processor_id()]->busy);
}

/* abort()'s "error" (error.c), which is not reported. */
const char stp_abort_error[] = "abort";

static void report_error(struct stp_context *c)
{
	if (c->last_error == stp_abort_error)
		return;
	if (c->last_stmt)
		stp_ctl_printf(STP_MSG_ERROR, false, "ERROR: %s near %s\n",
			       c->last_error, c->last_stmt);
	else
		stp_ctl_printf(STP_MSG_ERROR, false,
			       "ERROR: %s (in probe %s)\n", c->last_error,
			       c->probe->pp);
	if (atomic_inc_return(&core()->errors) > (int)module_desc()->maxerrors)
		stp_request_exit(true);
}

/* Skipped probes beyond MAXSKIPPED end the script (reentrancy excepted). */
static void count_skip(void)
{
	struct stp_core *s = core();

	if (atomic64_inc_return(&s->skipped) -
		    atomic64_read(&s->skipped_reentrant) <=
	    module_desc()->maxskipped)
		return;
	if (atomic_xchg(&s->skip_limit_hit, 1))
		return;
	stp_ctl_printf(STP_MSG_ERROR, false,
		       "ERROR: Skipped too many probes, check MAXSKIPPED or "
		       "try again with stap -t for more details.\n");
	stp_request_exit(true);
}

void stp_run_probe(const struct stp_probe *p, struct pt_regs *regs, int state,
		   s64 maxaction)
{
	struct stp_core *s = core();
	struct stp_context *c;

	preempt_disable();
	if (atomic_read(&stp_state) != state)
		goto out;
	c = s->contexts[smp_processor_id()];
	if (atomic_inc_return(&c->busy) != 1) {
		atomic64_inc(&s->skipped_reentrant);
		atomic64_inc(&s->skipped);
		goto out_busy;
	}
	if (p->nlocks && !stp_locks_take(p)) {
		count_skip();
		goto out_busy;
	}
	c->probe = p;
	c->last_error = NULL;
	c->last_stmt = NULL;
	c->actions_left = maxaction;
	c->nesting = 0;
	c->regs = regs;

	p->handler(c);

	/*
	 * Output goes out before the locks are released: probes that share
	 * a global write in the order in which they updated it.
	 */
	stp_print_flush(c);
	if (p->nlocks)
		stp_locks_release(p);
	if (unlikely(c->last_error))
		report_error(c);
out_busy:
	atomic_dec(&c->busy);
out:
	preempt_enable();
}

static bool stp_had_errors(void)
{
	return atomic_read(&core()->errors) > 0;
}

static u32 stp_error_count(void)
{
	return atomic_read(&core()->errors);
}

static u64 stp_skipped_count(void)
{
	return atomic64_read(&core()->skipped);
}

/* The closing summary, as stap prints it. */
static void stp_report_summary(void)
{
	struct stp_core *s = core();
	u64 reentrant = atomic64_read(&s->skipped_reentrant);
	u64 dropped = stp_transport_dropped();

	if (atomic_read(&s->errors) || atomic64_read(&s->skipped))
		stp_ctl_printf(
			STP_MSG_WARNING, true,
			"WARNING: Number of errors: %d, skipped probes: %lld\n",
			atomic_read(&s->errors),
			(s64)atomic64_read(&s->skipped));
	if (reentrant)
		stp_ctl_printf(STP_MSG_WARNING, true,
			       "WARNING: Skipped due to reentrancy: %llu\n",
			       reentrant);
	if (stp_locks_report)
		stp_locks_report();
	if (dropped)
		stp_ctl_printf(STP_MSG_WARNING, true,
			       "WARNING: There were %llu bytes of output lost: "
			       "the transport buffers were full. Try stap -s "
			       "to increase the buffer size from %u MB.\n",
			       dropped, stp_param_bufsize());
}
