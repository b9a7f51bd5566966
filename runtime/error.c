// SPDX-License-Identifier: GPL-2.0
/*
 * The scripts' error(), abort() and warn(), and embedded C's STAP_ERROR
 * and STAP_PRINTF (the kernel's C format): a runtime member of its own
 * (light: no kernel header beyond the runtime's), so that modules that
 * use none of them do without them.
 */
#include "internal.h"

void stp_error_str(struct stp_context *c, const char *msg)
{
	if (c->last_error)
		return;
	strscpy(c->error_buf, msg, sizeof(c->error_buf));
	c->last_error = c->error_buf;
}

void stp_error_printf(struct stp_context *c, const char *fmt, ...)
{
	va_list ap;

	if (c->last_error)
		return;
	va_start(ap, fmt);
	vsnprintf(c->error_buf, sizeof(c->error_buf), fmt, ap);
	va_end(ap);
	c->last_error = c->error_buf;
}

void stp_abort(struct stp_context *c)
{
	stp_exit();
	c->last_error = stp_abort_error;
}

void stp_warn(const char *msg)
{
	stp_ctl_printf(STP_MSG_WARNING, false, "WARNING: %s\n", msg);
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
