// SPDX-License-Identifier: GPL-2.0
/* Bounded string helpers for generated code and tapsets. */
#include "str.h"

size_t stp_strlcpy(char *dst, const char *src, size_t size)
{
	size_t i;

	if (!size)
		return 0;
	for (i = 0; i + 1 < size && src[i]; i++)
		dst[i] = src[i];
	dst[i] = '\0';
	return i;
}

size_t stp_strlcat(char *dst, const char *src, size_t size)
{
	size_t len = strnlen(dst, size);

	if (len >= size)
		return len;
	return len + stp_strlcpy(dst + len, src, size - len);
}

void stp_substr(char *dst, size_t size, const char *src, s64 start, s64 len)
{
	size_t srclen = strlen(src), n;

	if (!size)
		return;
	dst[0] = '\0';
	if (start < 0 || len <= 0 || (u64)start >= srclen)
		return;
	n = srclen - (size_t)start;
	if ((u64)len < n)
		n = (size_t)len;
	if (n > size - 1)
		n = size - 1;
	memcpy(dst, src + start, n);
	dst[n] = '\0';
}

bool stp_isinstr(const char *haystack, const char *needle)
{
	return strstr(haystack, needle) != NULL;
}

void stp_str_replace(char *dst, size_t size, const char *src, const char *from,
		     const char *to)
{
	size_t flen = strlen(from), tlen = strlen(to), out = 0;

	if (!size)
		return;
	dst[0] = '\0';
	while (*src && out + 1 < size) {
		if (flen && !strncmp(src, from, flen)) {
			out += stp_strlcpy(dst + out, to, size - out);
			src += flen;
			if (tlen && out + 1 >= size)
				break;
			continue;
		}
		dst[out++] = *src++;
		dst[out] = '\0';
	}
}

/* The escape for c, written to esc; returns its length. */
static size_t escape_char(char *esc, unsigned char c)
{
	static const char simple[] = "\nn\tt\rr\ff\vv\bb\aa\\\\\"\"''";
	size_t i;

	for (i = 0; simple[i]; i += 2) {
		if ((unsigned char)simple[i] == c) {
			esc[0] = '\\';
			esc[1] = simple[i + 1];
			return 2;
		}
	}
	if (c >= 0x20 && c < 0x7f) {
		esc[0] = (char)c;
		return 1;
	}
	esc[0] = '\\';
	esc[1] = (char)('0' + ((c >> 6) & 7));
	esc[2] = (char)('0' + ((c >> 3) & 7));
	esc[3] = (char)('0' + (c & 7));
	return 4;
}

/* Appends s[0..n) to dst if it fits in size - 1 bytes. */
static bool append(char *dst, size_t size, size_t *out, const char *s, size_t n)
{
	if (*out + n > size - 1)
		return false;
	memcpy(dst + *out, s, n);
	*out += n;
	return true;
}

void stp_text_str(char *dst, size_t size, const char *src, size_t maxlen,
		  bool quoted)
{
	/* Escaped text may use cap bytes; quotes and "..." need 5 more. */
	size_t cap = size ? size - 1 : 0, out = 0, in;
	bool cut = false;

	if (!size)
		return;
	if (quoted) {
		cap = cap > 5 ? cap - 5 : 0;
		append(dst, size, &out, "\"", 1);
	}
	for (in = 0; src[in]; in++) {
		char esc[4];
		size_t n = escape_char(esc, (unsigned char)src[in]);

		if ((maxlen && in >= maxlen) || out + n > cap + quoted) {
			cut = true;
			break;
		}
		append(dst, size, &out, esc, n);
	}
	if (quoted) {
		append(dst, size, &out, "\"", 1);
		if (cut)
			append(dst, size, &out, "...", 3);
	}
	dst[out] = '\0';
}

static int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 99;
}

s64 stp_strtol(const char *s, int base)
{
	bool neg = false;
	u64 v = 0;

	while (*s == ' ' || *s == '\t' || *s == '\n')
		s++;
	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	if ((base == 0 || base == 16) && s[0] == '0' &&
	    (s[1] == 'x' || s[1] == 'X') && digit_value(s[2]) < 16) {
		s += 2;
		base = 16;
	} else if (base == 0) {
		base = s[0] == '0' ? 8 : 10;
	}
	if (base < 2 || base > 36)
		return 0;
	while (digit_value(*s) < base)
		v = v * (u64)base + (u64)digit_value(*s++);
	return neg ? (s64)((u64)0 - v) : (s64)v;
}
