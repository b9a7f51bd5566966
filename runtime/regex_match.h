/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Regular expression matching (=~ and !~).  The translator compiles each
 * pattern into a DFA (translator/codegen/regex.cpp) and the generated
 * code holds its tables; matching is one table lookup per byte, with no
 * allocation, recursion or backtracking, so its cost is bounded by the
 * string's length (at most MAXSTRINGLEN).
 *
 * The search is unanchored, as in stap: it succeeds when the pattern
 * matches anywhere in the string.  State 0 is the start; a state flagged
 * STP_RE_ACCEPT has matched, STP_RE_ACCEPT_END matches if the string ends
 * there, STP_RE_DEAD can never match.
 */
#ifndef STP_REGEX_MATCH_H
#define STP_REGEX_MATCH_H

#include "platform.h"

#define STP_RE_ACCEPT 1
#define STP_RE_ACCEPT_END 2
#define STP_RE_DEAD 4

struct stp_regex {
	u16 nclasses;	   /* byte classes: columns of next */
	const u8 *classes; /* 256 entries: byte -> class */
	const u16 *next;   /* [state * nclasses + class] -> state */
	const u8 *flags;   /* per state: STP_RE_* */
};

static inline bool stp_regex_match(const struct stp_regex *re, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned int state = 0;

	for (;;) {
		u8 f = re->flags[state];

		if (f & STP_RE_ACCEPT)
			return true;
		if ((f & STP_RE_DEAD) || !*p)
			return f & STP_RE_ACCEPT_END;
		state = re->next[state * re->nclasses + re->classes[*p++]];
	}
}

#endif /* STP_REGEX_MATCH_H */
