// SPDX-License-Identifier: GPL-2.0
/*
 * Per-CPU print buffers.  A probe's output accumulates in its CPU's
 * buffer (the context is held, so nothing else touches it) and becomes
 * one transport record when the buffer fills or the probe ends.  The
 * formatting functions that write into it are printf.c's.
 */
#include <linux/kernel.h>

#include "core.h"

int stp_print_sink(struct stp_out *out)
{
	if (out->len)
		stp_transport_write(out->buf, out->len);
	out->len = 0;
	return 0;
}

static void stp_print_init(struct stp_context *c, char *buf, u32 size)
{
	stp_out_init(&c->print, buf, size, stp_print_sink);
}

static void stp_print_flush(struct stp_context *c)
{
	stp_print_sink(&c->print);
}
