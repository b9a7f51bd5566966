// SPDX-License-Identifier: GPL-2.0
/*
 * printf and friends (print.h): the script's formatting into the print
 * buffer and strings.  With the format engine (format.c) in its own
 * runtime member, so that only modules that format link them.
 */
#include "internal.h"

static void fault_error(struct stp_context *c)
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
		fault_error(c);
}

void stp_print_long(struct stp_context *c, s64 v)
{
	stp_out_long(&c->print, v);
}

void stp_sprintf(struct stp_context *c, char *dst, const char *fmt, ...)
{
	struct stp_out out;
	va_list ap;
	int rc;

	stp_out_init(&out, dst, stp_module.maxstringlen - 1, NULL);
	va_start(ap, fmt);
	rc = stp_vformat(&out, fmt, ap);
	va_end(ap);
	dst[out.len] = '\0';
	if (rc) {
		c->print.fault_addr = out.fault_addr;
		fault_error(c);
	}
}

void stp_errorf(struct stp_context *c, const char *fmt, ...)
{
	va_list ap;

	if (c->last_error)
		return;
	va_start(ap, fmt);
	stp_vsnprintf(c->error_buf, sizeof(c->error_buf), fmt, ap);
	va_end(ap);
	c->last_error = c->error_buf;
}

void stp_cprintf(struct stp_context *c, const char *fmt, ...)
{
	struct stp_out *out = &c->print;
	u32 room = out->size - out->len;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(out->buf + out->len, room, fmt, ap);
	va_end(ap);
	if (n >= 0 && (u32)n < room) {
		out->len += n;
		return;
	}
	/* Did not fit: start a new record with it. */
	stp_print_sink(out);
	va_start(ap, fmt);
	n = vsnprintf(out->buf, out->size, fmt, ap);
	va_end(ap);
	out->len = n < 0 ? 0 : min_t(u32, n, out->size - 1);
}
