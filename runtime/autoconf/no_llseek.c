// SPDX-License-Identifier: GPL-2.0
/* STAPCONF_NO_LLSEEK: no_llseek still exists (removed in 6.12). */
#include <linux/fs.h>

const struct file_operations stapconf_probe = {
	.llseek = no_llseek,
};
