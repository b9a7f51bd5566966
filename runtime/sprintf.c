// SPDX-License-Identifier: GPL-2.0
/*
 * sprintf (print.h), in the runtime member 'sprintf' with the engine's
 * string functions (snprintf.c): modules that only printf do without.
 */
#include "internal.h"

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
		stp_print_fault(c);
	}
}
