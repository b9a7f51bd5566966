// SPDX-License-Identifier: GPL-2.0
/*
 * probe begin { printf("MAXACTION=%d MAXSTRINGLEN=%d\n", ...); exit() } in
 * generated-code style: shows the limits it was compiled with, so that a
 * test sees stap -D reach the module's compile.
 */
#include "runtime.h"

#ifndef MAXACTION
#define MAXACTION 1000
#endif
#ifndef MAXSTRINGLEN
#define MAXSTRINGLEN 128
#endif

static void probe_begin(struct stp_context *c)
{
	if (stp_actions(c, 2, "identifier 'printf' at limits.stp:1:15"))
		return;
	stp_printf(c, "MAXACTION=%d MAXSTRINGLEN=%d\n", (s64)MAXACTION,
		   (s64)MAXSTRINGLEN);
	stp_exit();
}

static const struct stp_probe p_begin = {.pp = "begin", .handler = probe_begin};
static const struct stp_probe *const begin_probes[] = {&p_begin};

const struct stp_module_desc stp_module = {
	.maxaction = MAXACTION,
	.maxaction_interruptible = MAXACTION * 10,
	.maxnesting = 10,
	.maxstringlen = MAXSTRINGLEN,
	.maxmapentries = 2048,
	.maxtrylock = 1000,
	.maxerrors = 0,
	.maxskipped = 100,
	.hist_elision = 2,
	.bufsize_mb = 16,
	.print_bufsize = 8192,
	.begin = begin_probes,
	.nbegin = ARRAY_SIZE(begin_probes),
};
