// SPDX-License-Identifier: GPL-2.0
/*
 * printf (print.h): the script's formatting into the print buffer.  With
 * the format engine (format.c) in the runtime member 'format', which
 * only modules that format link; sprintf is sprintf.c's.
 */
#include <linux/uaccess.h>

#include "internal.h"

/*
 * %m and %M read through here (format.c, which the unit tests compile in
 * user space with a reader of their own): with the format engine, so that
 * only modules that format link it.
 */
int stp_format_read_memory(void *dst, unsigned long addr, size_t len)
{
	return copy_from_kernel_nofault(dst, (const void *)addr, len) ? -EFAULT
								      : 0;
}

void stp_print_fault(struct stp_context *c)
{
	stp_errorf(c, "kernel read fault at %p [man error::fault]",
		   (s64)c->print.fault_addr);
}

/*
 * Keeps one printf in one record when it fits: if the output would
 * overflow the buffer, the earlier content is flushed first and the
 * output formatted again at the start of the empty buffer.
 */
void stp_printf(struct stp_context *c, const char *fmt, ...)
{
	struct stp_out *out = &c->print;
	u32 start = out->len;
	va_list ap, again;
	int rc;

	va_start(ap, fmt);
	va_copy(again, ap);
	out->flush = NULL;
	out->truncated = false;
	rc = stp_vformat(out, fmt, ap);
	out->flush = stp_print_sink;
	if (out->truncated && start > 0 && !rc) {
		out->len = start;
		stp_print_sink(out);
		out->truncated = false;
		rc = stp_vformat(out, fmt, again);
	} else if (out->truncated && !rc) {
		/* Larger than the whole buffer: emitted in pieces. */
		out->len = start;
		out->truncated = false;
		rc = stp_vformat(out, fmt, again);
	}
	va_end(again);
	va_end(ap);
	if (rc)
		stp_print_fault(c);
}

void stp_print_long(struct stp_context *c, s64 v)
{
	stp_out_long(&c->print, v);
}

void stp_errorf(struct stp_context *c, const char *fmt, ...)
{
	struct stp_out out;
	va_list ap;

	if (c->last_error)
		return;
	stp_out_init(&out, c->error_buf, sizeof(c->error_buf) - 1, NULL);
	va_start(ap, fmt);
	stp_vformat(&out, fmt, ap);
	va_end(ap);
	c->error_buf[out.len] = '\0';
	c->last_error = c->error_buf;
}
