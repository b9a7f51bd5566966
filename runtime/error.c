// SPDX-License-Identifier: GPL-2.0
/*
 * The scripts' error(), abort() and warn(), and embedded C's STAP_ERROR:
 * a runtime member of its own (light: no kernel header beyond the
 * runtime's), so that modules that use none of them do without them.
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
