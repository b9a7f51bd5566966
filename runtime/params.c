// SPDX-License-Identifier: GPL-2.0
/*
 * Module parameters for the script's scalar globals (staprun MOD.ko
 * NAME=VALUE, see STP_PARAM_LONG/STRING in session.h).
 */
#include <linux/kernel.h>
#include <linux/moduleparam.h>
#include <asm/page.h>

#include "internal.h"

static int stp_param_set_long(const char *val, const struct kernel_param *kp)
{
	s64 v;
	int rc = kstrtoll(val, 0, &v);

	if (rc)
		return rc;
	*(s64 *)kp->arg = v;
	return 0;
}

static int stp_param_get_long(char *buf, const struct kernel_param *kp)
{
	return scnprintf(buf, PAGE_SIZE, "%lld\n", *(s64 *)kp->arg);
}

const struct kernel_param_ops stp_param_ops_long = {
	.set = stp_param_set_long,
	.get = stp_param_get_long,
};

/* Strings longer than MAXSTRINGLEN - 1 are cut, like any script string. */
static int stp_param_set_string(const char *val, const struct kernel_param *kp)
{
	strscpy(kp->arg, val, stp_module.maxstringlen);
	return 0;
}

static int stp_param_get_string(char *buf, const struct kernel_param *kp)
{
	return scnprintf(buf, PAGE_SIZE, "%s\n", (const char *)kp->arg);
}

const struct kernel_param_ops stp_param_ops_string = {
	.set = stp_param_set_string,
	.get = stp_param_get_string,
};
