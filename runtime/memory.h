/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fault-tolerant reads of kernel and user memory.  They never fault: a
 * bad address makes them fail.  The stp_context variants also set the
 * probe's error, with stap's messages ("kernel read fault at 0x...").
 */
#ifndef STP_MEMORY_H
#define STP_MEMORY_H

#include "context.h"

/* 0 or -EFAULT; no error is set. */
int stp_read_kernel(void *dst, unsigned long addr, size_t size);
int stp_read_user(void *dst, unsigned long addr, size_t size);
/*
 * A NUL-terminated string of at most size - 1 bytes into dst (size
 * bytes); returns its length or -EFAULT.
 */
long stp_read_kernel_string(char *dst, unsigned long addr, size_t size);
long stp_read_user_string(char *dst, unsigned long addr, size_t size);

/* The same, setting the probe's error on failure. */
int stp_deref_kernel(struct stp_context *c, void *dst, unsigned long addr,
		     size_t size);
int stp_deref_user(struct stp_context *c, void *dst, unsigned long addr,
		   size_t size);
/*
 * @kderef(size, addr), @uderef(size, addr), kernel_int() and friends:
 * the 1, 2, 4 or 8 byte value at addr, sign-extended; 0 and the error
 * set on a fault.
 */
s64 stp_deref_value(struct stp_context *c, s64 addr, int size, bool user);
/* kernel_string()/user_string(): dst holds stp_module.maxstringlen bytes. */
int stp_kernel_string(struct stp_context *c, char *dst, unsigned long addr);
int stp_user_string(struct stp_context *c, char *dst, unsigned long addr);

#endif /* STP_MEMORY_H */
