// SPDX-License-Identifier: GPL-2.0
/*
 * probe begin { printf("hello world\n"); exit() } in generated-code
 * style: the smallest module, for the size and build-time figures.
 */
#include "runtime.h"

static void probe_begin(struct stp_context *c)
{
	if (stp_actions(c, 2, "identifier 'printf' at <input>:1:15"))
		return;
	stp_print(c, "hello world\n");
	stp_exit();
}

static const struct stp_probe p_begin = {.pp = "begin", .handler = probe_begin};
static const struct stp_probe *const begin_probes[] = {&p_begin};

const struct stp_module_desc stp_module = {
	.maxaction = 1000,
	.maxaction_interruptible = 10000,
	.maxnesting = 10,
	.maxstringlen = 128,
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
