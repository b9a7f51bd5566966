// SPDX-License-Identifier: GPL-2.0
/*
 * The control channel: the debugfs file "ctl" staprun talks through (see
 * protocol.h).  Messages to staprun wait in a FIFO; probes may queue them
 * from any context (interrupts, NMI), so the queue takes a raw spinlock
 * with interrupts off (trylock in NMI) and wakes the reader through
 * irq_work rather than directly.  Commands from staprun are handled in
 * the writer's process context.
 */
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/hardirq.h>
#include <linux/irq_work.h>
#include <linux/kfifo.h>
#include <linux/module.h>
#include <linux/poll.h>
#include <linux/spinlock.h>
#include <linux/uaccess.h>
#include <linux/wait.h>

#include "core.h"

#define STP_CTL_FIFO_SIZE (64 * 1024)
/* Kept free for session replies; probe messages may not use it. */
#define STP_CTL_RESERVE 4096

static DECLARE_WAIT_QUEUE_HEAD(stp_ctl_wait);

static void ctl_wakeup(struct irq_work *work)
{
	wake_up_interruptible(&stp_ctl_wait);
}

static int stp_ctl_send(u32 type, const void *data, u32 len, bool urgent)
{
	struct stp_msg_hdr hdr = {.type = type, .len = len};
	struct kfifo *fifo = &core()->ctl_fifo;
	raw_spinlock_t *lock = &core()->ctl_lock;
	unsigned long flags;
	unsigned int room;

	if (in_nmi()) {
		if (!raw_spin_trylock(lock))
			return -EBUSY;
	} else {
		raw_spin_lock_irqsave(lock, flags);
	}
	room = kfifo_avail(fifo);
	if (!urgent)
		room = room > STP_CTL_RESERVE ? room - STP_CTL_RESERVE : 0;
	if (sizeof(hdr) + len <= room) {
		kfifo_in(fifo, &hdr, sizeof(hdr));
		kfifo_in(fifo, data, len);
	}
	if (in_nmi())
		raw_spin_unlock(lock);
	else
		raw_spin_unlock_irqrestore(lock, flags);
	if (sizeof(hdr) + len > room)
		return -ENOSPC;
	irq_work_queue(&core()->ctl_wakeup);
	return 0;
}

void stp_ctl_printf(u32 type, bool urgent, const char *fmt, ...)
{
	char line[STP_ERROR_BUF + 256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	/* The length it wanted: a cut line is sizeof(line) - 1 long. */
	stp_ctl_send(type, line, min_t(u32, n, sizeof(line) - 1), urgent);
}

static int ctl_open(struct inode *inode, struct file *file)
{
	if (test_and_set_bit(0, &core()->ctl_busy))
		return -EBUSY;
	return nonseekable_open(inode, file);
}

static int ctl_release(struct inode *inode, struct file *file)
{
	clear_bit(0, &core()->ctl_busy);
	return 0;
}

static ssize_t ctl_read(struct file *file, char __user *ubuf, size_t count,
			loff_t *ppos)
{
	struct kfifo *fifo = &core()->ctl_fifo;
	unsigned int copied;
	int rc;

	if (kfifo_is_empty(fifo)) {
		if (file->f_flags & O_NONBLOCK)
			return -EAGAIN;
		rc = wait_event_interruptible(stp_ctl_wait,
					      !kfifo_is_empty(fifo));
		if (rc)
			return rc;
	}
	/* Single reader (one opener): no lock against the writers needed. */
	rc = kfifo_to_user(fifo, ubuf, count, &copied);
	return rc ? rc : copied;
}

static void reply(u32 type, const void *data, u32 len)
{
	if (stp_ctl_send(type, data, len, true))
		pr_warn("%s: control message %u lost\n",
			module_name(THIS_MODULE), type);
}

static ssize_t ctl_write(struct file *file, const char __user *ubuf,
			 size_t count, loff_t *ppos)
{
	struct stp_msg_hdr hdr;
	union {
		struct stp_msg_start start;
		struct stp_msg_status status;
		struct stp_msg_flushed flushed;
		struct stp_msg_exited exited;
		struct stp_msg_transport_info info;
	} msg;

	if (count < sizeof(hdr) || copy_from_user(&hdr, ubuf, sizeof(hdr)))
		return -EINVAL;
	if (hdr.len != count - sizeof(hdr) || hdr.len > sizeof(msg))
		return -EINVAL;
	memset(&msg, 0, sizeof(msg));
	if (copy_from_user(&msg, ubuf + sizeof(hdr), hdr.len))
		return -EFAULT;

	switch (hdr.type) {
	case STP_MSG_TRANSPORT_INFO:
		stp_transport_info(&msg.info);
		reply(STP_MSG_TRANSPORT_INFO, &msg.info, sizeof(msg.info));
		break;
	case STP_MSG_START:
		if (hdr.len != sizeof(msg.start))
			return -EINVAL;
		msg.status.status = stp_session_start(msg.start.target);
		msg.status.unused = 0;
		reply(STP_MSG_STARTED, &msg.status, sizeof(msg.status));
		break;
	case STP_MSG_FLUSH:
		msg.flushed.watermark = stp_transport_flush();
		reply(STP_MSG_FLUSHED, &msg.flushed, sizeof(msg.flushed));
		break;
	case STP_MSG_EXIT:
		stp_session_stop();
		stp_session_exited(&msg.exited);
		reply(STP_MSG_EXITED, &msg.exited, sizeof(msg.exited));
		break;
	default:
		return -EINVAL;
	}
	return count;
}

static __poll_t ctl_poll(struct file *file, poll_table *wait)
{
	__poll_t mask = EPOLLOUT | EPOLLWRNORM;

	poll_wait(file, &stp_ctl_wait, wait);
	if (!kfifo_is_empty(&core()->ctl_fifo))
		mask |= EPOLLIN | EPOLLRDNORM;
	return mask;
}

static const struct file_operations stp_ctl_fops = {
	.owner = THIS_MODULE,
	.open = ctl_open,
	.release = ctl_release,
	.read = ctl_read,
	.write = ctl_write,
	.poll = ctl_poll,
	.llseek = noop_llseek,
};

static int stp_ctl_init(struct dentry *dir)
{
	struct stp_core *s = core();
	struct dentry *d;
	int rc;

	raw_spin_lock_init(&s->ctl_lock);
	rc = kfifo_alloc(&s->ctl_fifo, STP_CTL_FIFO_SIZE, GFP_KERNEL);
	if (rc)
		return rc;
	init_irq_work(&s->ctl_wakeup, ctl_wakeup);
	d = debugfs_create_file(STP_CTL_FILE, 0600, dir, NULL, &stp_ctl_fops);
	if (IS_ERR(d)) {
		kfifo_free(&s->ctl_fifo);
		return PTR_ERR(d);
	}
	return 0;
}

/* After the ctl file is gone: nothing can queue or read any more. */
static void stp_ctl_close(void)
{
	struct stp_core *s = core();

	irq_work_sync(&s->ctl_wakeup);
	kfifo_free(&s->ctl_fifo);
}
