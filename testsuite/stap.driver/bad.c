// SPDX-License-Identifier: GPL-2.0
/* A module that does not compile: for the test of pass 4's error report. */
#include "runtime.h"

static void probe_begin(struct stp_context *c)
{
	stp_no_such_function(c);
}
