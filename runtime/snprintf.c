// SPDX-License-Identifier: GPL-2.0
/*
 * The format engine (format.c) into a sink or a string.  Apart from it
 * (runtime member 'sprintf'), so that modules that only printf do
 * without these.
 */
#include "format.h"

int stp_format(struct stp_out *out, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = stp_vformat(out, fmt, ap);
	va_end(ap);
	return rc;
}

int stp_vsnprintf(char *dst, size_t size, const char *fmt, va_list ap)
{
	struct stp_out out;
	int rc;

	if (!size)
		return 0;
	stp_out_init(&out, dst, (u32)(size - 1), NULL);
	rc = stp_vformat(&out, fmt, ap);
	dst[out.len] = '\0';
	return rc;
}

int stp_snprintf(char *dst, size_t size, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = stp_vsnprintf(dst, size, fmt, ap);
	va_end(ap);
	return rc;
}
