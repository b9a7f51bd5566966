// SPDX-License-Identifier: GPL-2.0
/*
 * The output sink's writer (format.h).  Apart from the format engine
 * (format.c) because every module prints through it (the print buffer,
 * print()), while only scripts that format link the engine.
 */
#include "format.h"

/* True when out has room for at least one byte. */
static bool make_room(struct stp_out *out)
{
	if (out->len < out->size)
		return true;
	if (out->flush && !out->flush(out) && out->len < out->size)
		return true;
	out->truncated = true;
	return false;
}

void stp_out_write(struct stp_out *out, const char *s, size_t n)
{
	while (n) {
		size_t k;

		if (!make_room(out))
			return;
		k = out->size - out->len;
		if (k > n)
			k = n;
		memcpy(out->buf + out->len, s, k);
		out->len += k;
		s += k;
		n -= k;
	}
}
