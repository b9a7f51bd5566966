// SPDX-License-Identifier: GPL-2.0
/* STAPCONF_STRLCPY: strlcpy() (removed in 6.8; embedded C still uses it). */
#include <linux/string.h>

size_t stapconf_probe(char *dst, const char *src, size_t n);
size_t stapconf_probe(char *dst, const char *src, size_t n)
{
	return strlcpy(dst, src, n);
}
