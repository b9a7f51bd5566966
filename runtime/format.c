// SPDX-License-Identifier: GPL-2.0
/*
 * The stap format language: %d %i %u %x %X %o %p %s %c %b %m %M %%, flags
 * "-+ #0", width, precision, '*'.  Numbers follow C's printf rules; %p,
 * %b, %m and %M follow stap's documented behaviour (langref "printf").
 */
#include "format.h"

enum {
	F_LEFT = 1,
	F_PLUS = 2,
	F_SPACE = 4,
	F_ALT = 8,
	F_ZERO = 16,
};

/* Bounds '*' and literal widths so that no format can emit unbounded output. */
#define STP_FORMAT_MAX_WIDTH 65535

struct spec {
	unsigned int flags;
	int width;     /* -1: none */
	int precision; /* -1: none */
};

static size_t min_size(size_t a, size_t b)
{
	return a < b ? a : b;
}

/* Through stp_out_write(), which alone knows how to make room. */
void stp_out_fill(struct stp_out *out, char c, size_t n)
{
	char chunk[32];

	memset(chunk, c, min_size(n, sizeof(chunk)));
	while (n) {
		size_t k = min_size(n, sizeof(chunk));

		stp_out_write(out, chunk, k);
		if (out->truncated)
			return;
		n -= k;
	}
}

void stp_out_putc(struct stp_out *out, char c)
{
	stp_out_write(out, &c, 1);
}

/* Digits of v in base, least significant first; returns their number. */
static int to_digits(char *digits, u64 v, unsigned int base, bool upper)
{
	const char *set = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	int n = 0;

	do {
		digits[n++] = set[v % base];
		v /= base;
	} while (v);
	return n;
}

static void put_reversed(struct stp_out *out, const char *digits, int n)
{
	while (n--)
		stp_out_putc(out, digits[n]);
}

void stp_out_long(struct stp_out *out, s64 v)
{
	char digits[24];
	u64 mag = v < 0 ? (u64)0 - (u64)v : (u64)v;
	int n = to_digits(digits, mag, 10, false);

	if (v < 0)
		stp_out_putc(out, '-');
	put_reversed(out, digits, n);
}

static void put_number(struct stp_out *out, const struct spec *sp, u64 mag,
		       bool neg, bool is_signed, unsigned int base, bool upper)
{
	char digits[24], prefix[2];
	int ndigits = 0, nprefix = 0, zeros = 0, total, pad;

	/* C: a zero value with precision 0 prints no digits. */
	if (mag != 0 || sp->precision != 0)
		ndigits = to_digits(digits, mag, base, upper);

	if (is_signed) {
		if (neg)
			prefix[nprefix++] = '-';
		else if (sp->flags & F_PLUS)
			prefix[nprefix++] = '+';
		else if (sp->flags & F_SPACE)
			prefix[nprefix++] = ' ';
	}
	if ((sp->flags & F_ALT) && base == 16 && mag != 0) {
		prefix[nprefix++] = '0';
		prefix[nprefix++] = upper ? 'X' : 'x';
	}
	if (sp->precision > ndigits)
		zeros = sp->precision - ndigits;
	/* C: '#' with %o makes the first digit a 0. */
	if ((sp->flags & F_ALT) && base == 8 && zeros == 0 &&
	    (ndigits == 0 || digits[ndigits - 1] != '0'))
		zeros = 1;

	total = nprefix + zeros + ndigits;
	pad = sp->width > total ? sp->width - total : 0;
	if (sp->flags & F_LEFT) {
		stp_out_write(out, prefix, nprefix);
		stp_out_fill(out, '0', zeros);
		put_reversed(out, digits, ndigits);
		stp_out_fill(out, ' ', pad);
	} else if ((sp->flags & F_ZERO) && sp->precision < 0) {
		stp_out_write(out, prefix, nprefix);
		stp_out_fill(out, '0', pad + zeros);
		put_reversed(out, digits, ndigits);
	} else {
		stp_out_fill(out, ' ', pad);
		stp_out_write(out, prefix, nprefix);
		stp_out_fill(out, '0', zeros);
		put_reversed(out, digits, ndigits);
	}
}

/*
 * stap's %p: "0x" and at least 16 hex digits by default.  A width up to
 * 18 zero-pads the digits to that width; a larger width right-justifies
 * the 18-character form with spaces, unless '-' is given, which zero-pads
 * the digits to the full width.
 */
static void put_pointer(struct stp_out *out, const struct spec *sp, u64 v)
{
	char digits[24];
	int width = sp->width < 0 ? 18 : sp->width;
	int ndigits = to_digits(digits, v, 16, false);

	if (!(sp->flags & F_LEFT) && width > 18) {
		stp_out_fill(out, ' ', width - 18);
		width = 18;
	}
	stp_out_write(out, "0x", 2);
	if (width - 2 > ndigits)
		stp_out_fill(out, '0', width - 2 - ndigits);
	put_reversed(out, digits, ndigits);
}

static void put_padded(struct stp_out *out, const struct spec *sp,
		       const char *s, size_t n)
{
	size_t pad = sp->width > 0 && (size_t)sp->width > n ? sp->width - n : 0;

	if (!(sp->flags & F_LEFT))
		stp_out_fill(out, ' ', pad);
	stp_out_write(out, s, n);
	if (sp->flags & F_LEFT)
		stp_out_fill(out, ' ', pad);
}

/* %b: the value's low 1, 2, 4 or 8 bytes in the machine's byte order. */
static void put_binary(struct stp_out *out, const struct spec *sp, s64 v)
{
	union {
		u8 b1;
		u16 b2;
		u32 b4;
		u64 b8;
	} u;
	int width = sp->width;

	switch (width) {
	case 1:
		u.b1 = (u8)v;
		break;
	case 2:
		u.b2 = (u16)v;
		break;
	case 4:
		u.b4 = (u32)v;
		break;
	default:
		width = 8;
		u.b8 = (u64)v;
		break;
	}
	stp_out_write(out, (const char *)&u, width);
}

/*
 * %m copies raw bytes from kernel memory, %M writes them as lowercase hex.
 * The precision is the byte count (default 1), bounded by the sink's size.
 */
static int put_memory(struct stp_out *out, const struct spec *sp,
		      unsigned long addr, bool hex)
{
	static const char hexdig[] = "0123456789abcdef";
	size_t len = sp->precision < 0 ? 1 : (size_t)sp->precision;
	size_t shown, pad, done = 0;

	len = min_size(len, out->size);
	shown = hex ? 2 * len : len;
	pad = sp->width > 0 && (size_t)sp->width > shown ? sp->width - shown
							 : 0;
	if (!(sp->flags & F_LEFT))
		stp_out_fill(out, ' ', pad);
	while (done < len) {
		char chunk[32];
		size_t i, k = min_size(sizeof(chunk), len - done);

		if (stp_format_read_memory(chunk, addr + done, k)) {
			out->fault_addr = addr + done;
			return -EFAULT;
		}
		if (!hex) {
			stp_out_write(out, chunk, k);
		} else {
			for (i = 0; i < k; i++) {
				u8 b = (u8)chunk[i];

				stp_out_putc(out, hexdig[b >> 4]);
				stp_out_putc(out, hexdig[b & 15]);
			}
		}
		done += k;
	}
	if (sp->flags & F_LEFT)
		stp_out_fill(out, ' ', pad);
	return 0;
}

static int clamp_width(s64 v)
{
	if (v > STP_FORMAT_MAX_WIDTH)
		return STP_FORMAT_MAX_WIDTH;
	return (int)v;
}

static int parse_number(const char **p)
{
	s64 v = 0;

	while (**p >= '0' && **p <= '9') {
		if (v <= STP_FORMAT_MAX_WIDTH)
			v = v * 10 + (**p - '0');
		(*p)++;
	}
	return clamp_width(v);
}

int stp_vformat(struct stp_out *out, const char *fmt, va_list ap)
{
	const char *p = fmt;

	while (*p) {
		const char *start = p, *conv_start;
		struct spec sp = {0, -1, -1};
		s64 v;
		int rc;

		if (*p != '%') {
			while (*p && *p != '%')
				p++;
			stp_out_write(out, start, p - start);
			continue;
		}
		p++;
		for (;; p++) {
			if (*p == '-')
				sp.flags |= F_LEFT;
			else if (*p == '+')
				sp.flags |= F_PLUS;
			else if (*p == ' ')
				sp.flags |= F_SPACE;
			else if (*p == '#')
				sp.flags |= F_ALT;
			else if (*p == '0')
				sp.flags |= F_ZERO;
			else
				break;
		}
		if (*p == '*') {
			v = va_arg(ap, s64);
			p++;
			if (v < 0) {
				/* C: a negative '*' width means '-'. */
				sp.flags |= F_LEFT;
				v = v == S64_MIN ? S64_MAX : -v;
			}
			sp.width = clamp_width(v);
		} else if (*p >= '0' && *p <= '9') {
			sp.width = parse_number(&p);
		}
		if (*p == '.') {
			p++;
			if (*p == '*') {
				v = va_arg(ap, s64);
				p++;
				sp.precision = v < 0 ? -1 : clamp_width(v);
			} else {
				sp.precision = parse_number(&p);
			}
		}
		while (*p == 'h' || *p == 'l' || *p == 'L' || *p == 'q' ||
		       *p == 'j' || *p == 'z' || *p == 't')
			p++;
		conv_start = p;
		switch (*p) {
		case 'd':
		case 'i':
			v = va_arg(ap, s64);
			put_number(out, &sp, v < 0 ? (u64)0 - (u64)v : (u64)v,
				   v < 0, true, 10, false);
			break;
		case 'u':
			put_number(out, &sp, (u64)va_arg(ap, s64), false, false,
				   10, false);
			break;
		case 'x':
		case 'X':
			put_number(out, &sp, (u64)va_arg(ap, s64), false, false,
				   16, *p == 'X');
			break;
		case 'o':
			put_number(out, &sp, (u64)va_arg(ap, s64), false, false,
				   8, false);
			break;
		case 'p':
			put_pointer(out, &sp, (u64)va_arg(ap, s64));
			break;
		case 'c': {
			char c = (char)va_arg(ap, s64);

			put_padded(out, &sp, &c, 1);
			break;
		}
		case 's': {
			const char *s = va_arg(ap, const char *);
			size_t n;

			if (!s)
				s = "";
			n = sp.precision < 0 ? strlen(s)
					     : strnlen(s, sp.precision);
			put_padded(out, &sp, s, n);
			break;
		}
		case 'b':
			put_binary(out, &sp, va_arg(ap, s64));
			break;
		case 'm':
		case 'M':
			rc = put_memory(out, &sp,
					(unsigned long)va_arg(ap, s64),
					*p == 'M');
			if (rc)
				return rc;
			break;
		case '%':
			stp_out_putc(out, '%');
			break;
		case '\0':
			/* A dangling '%...' at the end is printed as is. */
			stp_out_write(out, start, p - start);
			continue;
		default:
			/* Unknown conversions are printed as written. */
			stp_out_write(out, start, conv_start + 1 - start);
			break;
		}
		p++;
	}
	return 0;
}
