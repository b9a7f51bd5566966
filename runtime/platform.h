/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The few definitions the runtime's data-structure code (maps, statistics,
 * formatting, strings) needs from its environment.  In a module they come
 * from the kernel; in user space (the unit tests) from libc.  Files that
 * include only this header compile in both worlds, so keep kernel-only
 * glue out of them.
 */
#ifndef STP_PLATFORM_H
#define STP_PLATFORM_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/limits.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/compiler.h>
#include <linux/stdarg.h>

/*
 * Zeroed memory for load-time allocations (kvzalloc_node); never on hot
 * paths.  A CPU's part of something goes on that CPU's memory node
 * (cpu_to_node(cpu)); anything else on any node (-1: NUMA_NO_NODE).
 */
void *stp_zalloc_node(size_t size, int node);
void stp_free(void *p);

static inline void *stp_zalloc(size_t size)
{
	return stp_zalloc_node(size, -1);
}

#else /* user space: the unit tests */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef int64_t s64;
typedef uint64_t u64;
typedef int32_t s32;
typedef uint32_t u32;
typedef uint16_t u16;
typedef uint8_t u8;

#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define S64_MAX INT64_MAX
#define S64_MIN INT64_MIN
#define U64_MAX UINT64_MAX

static inline void *stp_zalloc(size_t size)
{
	return calloc(1, size);
}

static inline void stp_free(void *p)
{
	free(p);
}
#endif /* __KERNEL__ */

#endif /* STP_PLATFORM_H */
