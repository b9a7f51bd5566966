/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Bounded string helpers.  Every destination is a buffer of size bytes
 * (normally MAXSTRINGLEN) that always ends up NUL-terminated; results
 * that do not fit are truncated, as stap's strings are.
 */
#ifndef STP_STR_H
#define STP_STR_H

#include "platform.h"

/* Copies src; returns the length copied. */
size_t stp_strlcpy(char *dst, const char *src, size_t size);
/* Appends src (the '.' and '.=' operators); returns the new length. */
size_t stp_strlcat(char *dst, const char *src, size_t size);

/* substr(): len characters from start (0-based), clipped to src. */
void stp_substr(char *dst, size_t size, const char *src, s64 start, s64 len);
/* isinstr() */
bool stp_isinstr(const char *haystack, const char *needle);
/* str_replace(): every occurrence of from in src replaced by to. */
void stp_str_replace(char *dst, size_t size, const char *src, const char *from,
		     const char *to);
/*
 * text_str()/text_strn(): non-printing characters as C escapes (\n, \t,
 * \\, \", \ooo ...).  maxlen limits the input read (0: no limit); quoted
 * adds double quotes, and "..." after them when the input was cut.
 */
void stp_text_str(char *dst, size_t size, const char *src, size_t maxlen,
		  bool quoted);
/*
 * strtol(): base 0 or 2..36, optional sign and (for 0/16) 0x prefix; the
 * value of the longest valid prefix, 0 when there is none.
 */
s64 stp_strtol(const char *s, int base);

#endif /* STP_STR_H */
