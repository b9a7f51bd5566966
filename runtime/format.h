/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The stap format language (printf/sprintf) and the output sink it writes
 * to.  A sink is a bounded buffer with an optional flush callback: the
 * per-CPU print buffer flushes into the transport, a string destination
 * has no callback and truncates at its size (MAXSTRINGLEN).
 *
 * Argument convention for stp_format()/stp_vformat(): every conversion
 * except %s, and every '*' width or precision, consumes one int64_t
 * (long long) argument; %s consumes one const char *.  %m and %M take
 * the address to read as an int64_t.  Callers must cast accordingly.
 */
#ifndef STP_FORMAT_H
#define STP_FORMAT_H

#include "platform.h"

struct stp_out {
	char *buf;
	u32 size; /* capacity of buf */
	u32 len;  /* bytes used */
	/*
	 * Make room: write out buf[0..len) and reset len.  Returns 0 on
	 * success.  NULL means the sink truncates when full.
	 */
	int (*flush)(struct stp_out *out);
	bool truncated;		  /* something did not fit */
	unsigned long fault_addr; /* set when %m/%M hit a fault */
};

static inline void stp_out_init(struct stp_out *out, char *buf, u32 size,
				int (*flush)(struct stp_out *))
{
	out->buf = buf;
	out->size = size;
	out->len = 0;
	out->flush = flush;
	out->truncated = false;
	out->fault_addr = 0;
}

/*
 * Writers (stp_out_write is out.c's: every module has it; the others are
 * the format engine's, format.c).  Output that does not fit, even after a
 * flush, is dropped and sets out->truncated.
 */
void stp_out_write(struct stp_out *out, const char *s, size_t n);
static inline void stp_out_puts(struct stp_out *out, const char *s)
{
	stp_out_write(out, s, strlen(s));
}
void stp_out_fill(struct stp_out *out, char c, size_t n);
void stp_out_putc(struct stp_out *out, char c);
void stp_out_long(struct stp_out *out, s64 v);

/*
 * Formats into out.  Returns 0, or -EFAULT when %m/%M could not read
 * memory (out->fault_addr says where; output stops there).  stp_format()
 * and the string functions below are snprintf.c's.
 */
int stp_vformat(struct stp_out *out, const char *fmt, va_list ap);
int stp_format(struct stp_out *out, const char *fmt, ...);

/*
 * Formats into the string dst of size bytes (NUL included, so at most
 * size - 1 characters), truncating silently as stap does at MAXSTRINGLEN.
 */
int stp_snprintf(char *dst, size_t size, const char *fmt, ...);
int stp_vsnprintf(char *dst, size_t size, const char *fmt, va_list ap);

/*
 * Fault-tolerant read of kernel memory used by %m and %M: returns 0 or
 * -EFAULT.  The module provides it (memory.c); the unit tests provide
 * their own.
 */
int stp_format_read_memory(void *dst, unsigned long addr, size_t len);

#endif /* STP_FORMAT_H */
