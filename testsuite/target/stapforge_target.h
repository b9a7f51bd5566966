/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The probe targets of the test module: functions with known signatures
 * and the types they take.  See README.md for what each one is for.
 */
#ifndef STAPFORGE_TARGET_H
#define STAPFORGE_TARGET_H

#include <linux/types.h>

struct target_point {
	int x;
	int y;
};

struct target_inner {
	struct target_point origin; /* a struct inside a struct */
	unsigned short flags;
	char tag[8];
};

struct target_record {
	long id;
	struct target_inner inner;
	int values[4];		    /* an array member */
	const char *name;	    /* a pointer member (a string) */
	struct target_record *next; /* a pointer to a struct */
};

long long target_ints(signed char c, unsigned char uc, short s,
		      unsigned short us, int i, unsigned int ui, long long ll,
		      unsigned long long ull);
long target_string(const char *str, size_t len);
long target_struct(const struct target_record *rec);
int target_inline_caller(int n);
int target_recurse(int depth);

#endif
