// SPDX-License-Identifier: GPL-2.0
/* Fault-tolerant memory reads: a bad address fails, never faults. */
#include <linux/minmax.h>
#include <linux/uaccess.h>
#include <asm/page.h>

#include "internal.h"

int stp_read_kernel(void *dst, unsigned long addr, size_t size)
{
	return copy_from_kernel_nofault(dst, (const void *)addr, size) ? -EFAULT
								       : 0;
}

int stp_read_user(void *dst, unsigned long addr, size_t size)
{
	return copy_from_user_nofault(dst, (const void __user *)addr, size)
		       ? -EFAULT
		       : 0;
}

/*
 * strncpy_from_{kernel,user}_nofault() are not exported to modules: read
 * in chunks that never cross a page, so that a string ending just before
 * an unmapped page reads fine.
 */
static long read_string(int (*read)(void *, unsigned long, size_t), char *dst,
			unsigned long addr, size_t size)
{
	size_t done = 0;

	if (!size)
		return -EINVAL;
	while (done + 1 < size) {
		unsigned long at = addr + done;
		size_t chunk = min3(size - 1 - done, (size_t)64,
				    (size_t)(PAGE_SIZE - (at & ~PAGE_MASK)));
		char *nul;

		if (read(dst + done, at, chunk)) {
			dst[0] = '\0';
			return -EFAULT;
		}
		nul = memchr(dst + done, '\0', chunk);
		if (nul)
			return nul - dst;
		done += chunk;
	}
	dst[done] = '\0';
	return done;
}

long stp_read_kernel_string(char *dst, unsigned long addr, size_t size)
{
	return read_string(stp_read_kernel, dst, addr, size);
}

long stp_read_user_string(char *dst, unsigned long addr, size_t size)
{
	return read_string(stp_read_user, dst, addr, size);
}

int stp_deref_kernel(struct stp_context *c, void *dst, unsigned long addr,
		     size_t size)
{
	if (!stp_read_kernel(dst, addr, size))
		return 0;
	stp_error_printf(c, "kernel read fault at 0x%016lx [man error::fault]",
			 addr);
	return -EFAULT;
}

int stp_deref_user(struct stp_context *c, void *dst, unsigned long addr,
		   size_t size)
{
	if (!stp_read_user(dst, addr, size))
		return 0;
	stp_error_printf(c, "user read fault at 0x%016lx [man error::fault]",
			 addr);
	return -EFAULT;
}

int stp_kernel_string(struct stp_context *c, char *dst, unsigned long addr)
{
	if (stp_read_kernel_string(dst, addr, stp_module.maxstringlen) >= 0)
		return 0;
	stp_error_printf(
		c, "kernel string copy fault at 0x%016lx [man error::fault]",
		addr);
	return -EFAULT;
}

int stp_user_string(struct stp_context *c, char *dst, unsigned long addr)
{
	if (stp_read_user_string(dst, addr, stp_module.maxstringlen) >= 0)
		return 0;
	stp_error_printf(
		c, "user string copy fault at 0x%016lx [man error::fault]",
		addr);
	return -EFAULT;
}

s64 stp_deref_value(struct stp_context *c, s64 addr, int size, bool user)
{
	union {
		s8 b;
		s16 h;
		s32 w;
		s64 q;
	} v = {.q = 0};
	int rc = user ? stp_deref_user(c, &v, (unsigned long)addr, size)
		      : stp_deref_kernel(c, &v, (unsigned long)addr, size);

	if (rc)
		return 0;
	switch (size) {
	case 1:
		return v.b;
	case 2:
		return v.h;
	case 4:
		return v.w;
	default:
		return v.q;
	}
}
