// SPDX-License-Identifier: GPL-2.0
/*
 * The data transport: one relay buffer per CPU, exposed as debugfs files
 * traceN.  Writers (probe handlers flushing their print buffer) reserve
 * space in their own CPU's buffer with interrupts off: no lock is shared
 * between CPUs.  Each write is a record (struct stp_record_hdr + data)
 * stamped with a module-wide sequence number.
 *
 * Readers only ever see complete sub-buffers: relay's own read() exposes
 * the sub-buffer being written, whose reserved-but-not-yet-copied bytes a
 * reader on another CPU could otherwise see.  Low-rate output is pushed
 * out by stp_transport_flush(), which switches each CPU's partly filled
 * sub-buffer on that CPU (an IPI, so never in the middle of a write).
 *
 * Later layers (flight recorder: overwrite mode; buffers shared between
 * modules) replace the sub-buffer policy and the writer respectively;
 * the record format and the reader side stay.
 */
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/poll.h>
#include <linux/relay.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/uaccess.h>

#include "core.h"

#define STP_N_SUBBUFS 8
#define STP_MIN_SUBBUF (64 * 1024)

/* staprun -b: transport buffer MB per CPU, overriding stap -s. */
static unsigned int stp_bufsize_param;
module_param_named(_stp_bufsize, stp_bufsize_param, uint, 0);

struct trace_reader {
	struct rchan_buf *buf;
	size_t offset; /* bytes already read from the oldest sub-buffer */
};

static int trace_open(struct inode *inode, struct file *file)
{
	struct trace_reader *r = stp_zalloc(sizeof(*r));

	if (!r)
		return -ENOMEM;
	r->buf = inode->i_private;
	file->private_data = r;
	return nonseekable_open(inode, file);
}

static int trace_release(struct inode *inode, struct file *file)
{
	stp_free(file->private_data);
	return 0;
}

/* Complete sub-buffers not yet consumed. */
static size_t complete_subbufs(struct rchan_buf *buf)
{
	size_t n = READ_ONCE(buf->subbufs_produced) -
		   READ_ONCE(buf->subbufs_consumed);

	smp_rmb(); /* the data and padding before the count */
	return n;
}

static ssize_t trace_read(struct file *file, char __user *ubuf, size_t count,
			  loff_t *ppos)
{
	struct trace_reader *r = file->private_data;
	struct rchan_buf *buf = r->buf;
	size_t size = buf->chan->subbuf_size, done = 0;

	while (done < count && complete_subbufs(buf)) {
		size_t idx = buf->subbufs_consumed % buf->chan->n_subbufs;
		size_t used = size - buf->padding[idx];
		size_t n = min(used - r->offset, count - done);

		if (copy_to_user(ubuf + done,
				 buf->start + idx * size + r->offset, n))
			return done ? done : -EFAULT;
		done += n;
		r->offset += n;
		if (r->offset == used) {
			smp_mb(); /* copied before the writer may reuse it */
			relay_subbufs_consumed(buf->chan, buf->cpu, 1);
			r->offset = 0;
		}
	}
	return done ? done : -EAGAIN;
}

static __poll_t trace_poll(struct file *file, poll_table *wait)
{
	struct trace_reader *r = file->private_data;

	poll_wait(file, &r->buf->read_wait, wait);
	return complete_subbufs(r->buf) ? EPOLLIN | EPOLLRDNORM : 0;
}

static const struct file_operations stp_trace_fops = {
	.owner = THIS_MODULE,
	.open = trace_open,
	.release = trace_release,
	.read = trace_read,
	.poll = trace_poll,
	.llseek = noop_llseek,
};

static struct dentry *create_buf_file(const char *filename,
				      struct dentry *parent, umode_t mode,
				      struct rchan_buf *buf, int *is_global)
{
	return debugfs_create_file(filename, 0400, parent, buf,
				   &stp_trace_fops);
}

static int remove_buf_file(struct dentry *dentry)
{
	debugfs_remove(dentry);
	return 0;
}

/* No overwriting: a full buffer refuses new records (they are counted). */
static int subbuf_start(struct rchan_buf *buf, void *subbuf, void *prev,
			size_t prev_padding)
{
	return !relay_buf_full(buf);
}

static const struct rchan_callbacks stp_relay_callbacks = {
	.subbuf_start = subbuf_start,
	.create_buf_file = create_buf_file,
	.remove_buf_file = remove_buf_file,
};

static u32 stp_param_bufsize(void)
{
	return stp_bufsize_param ?: module_desc()->bufsize_mb;
}

static int stp_transport_init(struct dentry *dir, u32 bufsize_mb)
{
	struct stp_core *s = core();
	u64 per_cpu = (u64)bufsize_mb << 20;
	u64 ram = (u64)totalram_pages() << PAGE_SHIFT;
	size_t subbuf;

	/* Never more than a quarter of the memory for all CPUs together. */
	if (per_cpu * num_online_cpus() > ram / 4)
		per_cpu = ram / 4 / num_online_cpus();
	subbuf = PAGE_ALIGN(per_cpu / STP_N_SUBBUFS);
	subbuf = max_t(size_t, subbuf, STP_MIN_SUBBUF);
	subbuf = max_t(size_t, subbuf,
		       PAGE_ALIGN(module_desc()->print_bufsize +
				  sizeof(struct stp_record_hdr)));
	s->chan = relay_open(STP_TRACE_BASENAME, dir, subbuf, STP_N_SUBBUFS,
			     &stp_relay_callbacks, NULL);
	return s->chan ? 0 : -ENOMEM;
}

static void stp_transport_close(void)
{
	struct stp_core *s = core();

	if (s->chan)
		relay_close(s->chan);
	s->chan = NULL;
}

static void stp_transport_info(struct stp_msg_transport_info *info)
{
	memset(info, 0, sizeof(*info));
	info->version = STP_PROTOCOL_VERSION;
	info->bulk = !!(module_desc()->flags & STP_MODULE_BULK);
	info->ncpus = nr_cpu_ids;
	info->subbuf_size = core()->chan->subbuf_size;
	info->n_subbufs = core()->chan->n_subbufs;
	info->state = atomic_read(&stp_state);
	/* Both fixed arrays, the module's NUL-terminated: no length to find. */
	BUILD_BUG_ON(sizeof(info->module_name) < sizeof(THIS_MODULE->name));
	memcpy(info->module_name, THIS_MODULE->name, sizeof(THIS_MODULE->name));
}

static int stp_transport_write(const void *data, u32 len)
{
	struct stp_core *s = core();
	struct stp_record_hdr hdr;
	unsigned long flags;
	char *p;

	local_irq_save(flags);
	hdr.seq = atomic64_inc_return(&s->seq);
	hdr.len = len;
	hdr.cpu = smp_processor_id();
	p = relay_reserve(s->chan, sizeof(hdr) + len);
	if (p) {
		memcpy(p, &hdr, sizeof(hdr));
		memcpy(p + sizeof(hdr), data, len);
		smp_wmb(); /* the record before the sub-buffer is published */
	}
	local_irq_restore(flags);
	if (!p) {
		atomic64_add(len, &s->dropped);
		return -ENOSPC;
	}
	return 0;
}

/* Runs on each CPU with interrupts off, so never inside a write. */
static void switch_partial_subbuf(void *unused)
{
	struct rchan_buf *buf = *this_cpu_ptr(core()->chan->buf);

	if (!buf)
		return;
	/* An NMI probe arriving now sees the CPU busy and is skipped. */
	stp_context_claim();
	if (buf->offset > 0 && buf->offset <= buf->chan->subbuf_size)
		relay_switch_subbuf(buf, 0);
	stp_context_release();
}

static u64 stp_transport_flush(void)
{
	u64 watermark = atomic64_read(&core()->seq);

	/*
	 * Every record numbered up to the watermark was reserved, with
	 * interrupts off, before the IPI reached its CPU.
	 */
	on_each_cpu(switch_partial_subbuf, NULL, 1);
	return watermark;
}

static u64 stp_transport_dropped(void)
{
	return atomic64_read(&core()->dropped);
}

static u64 stp_transport_last_seq(void)
{
	return atomic64_read(&core()->seq);
}
