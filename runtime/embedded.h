/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The conventions of embedded-C functions (function f:long (x:long) %{ %}),
 * as stap documents them (language reference, "Embedded C functions").
 * Generated code includes this when the script or a tapset it uses has
 * embedded C.  Per function, the generated code also defines:
 *
 *	STAP_ARG_name	each argument (a C parameter: s64 or const char *)
 *	STAP_RETVALUE	the result: an s64 lvalue, or a char buffer of
 *			MAXSTRINGLEN bytes for a string function
 *	STAP_RETURN(v)	sets the result and returns (STAP_RETURN() in a
 *			function without a value)
 *	STAP_NEXT	goes on with the next overload of the function
 *
 * The macros below may be used in any embedded-C function body; they
 * rely on its context pointer `c` and its exit label `out`.
 */
#ifndef STP_EMBEDDED_H
#define STP_EMBEDDED_H

#include "runtime.h"

/* The probe context (struct stp_context *): CONTEXT->probe->pp, ... */
#define CONTEXT c

/* Fails the probe with a printf-style message (kernel format) and returns. */
#define STAP_ERROR(...)                                                        \
	do {                                                                   \
		stp_error_printf(c, __VA_ARGS__);                              \
		goto out;                                                      \
	} while (0)

/* Prints with a printf-style format (kernel format and C arguments). */
#define STAP_PRINTF(...) stp_cprintf(c, __VA_ARGS__)

/*
 * Fault-tolerant reads: the value at ptr (kread) or the size-byte value
 * at addr (kderef, uderef, sign-extended); on a fault the probe fails
 * with "kernel read fault at 0x... [man error::fault]" and the function
 * returns.
 */
#define kread(ptr)                                                             \
	({                                                                     \
		union {                                                        \
			typeof(*(ptr)) v; /* may be const */                   \
			char bytes[sizeof(*(ptr))];                            \
		} _stp_u;                                                      \
		if (stp_deref_kernel(c, _stp_u.bytes, (unsigned long)(ptr),    \
				     sizeof(_stp_u.bytes)))                    \
			goto out;                                              \
		_stp_u.v;                                                      \
	})
#define kderef(size, addr)                                                     \
	({                                                                     \
		s64 _stp_v = stp_deref_value(c, (s64)(addr), (size), false);   \
		if (unlikely(c->last_error))                                   \
			goto out;                                              \
		_stp_v;                                                        \
	})
#define uderef(size, addr)                                                     \
	({                                                                     \
		s64 _stp_v = stp_deref_value(c, (s64)(addr), (size), true);    \
		if (unlikely(c->last_error))                                   \
			goto out;                                              \
		_stp_v;                                                        \
	})
/*
 * strlcpy() is gone from kernels since 6.8, but embedded C (stap's own
 * examples among it) uses it: the runtime's bounded copy stands in.
 */
#ifndef STAPCONF_STRLCPY
#define strlcpy(dst, src, size) stp_strlcpy((dst), (src), (size))
#endif

/* Older embedded C ends with this; the reads above already jump out. */
#define CATCH_DEREF_FAULT()                                                    \
	do {                                                                   \
	} while (0)

#endif /* STP_EMBEDDED_H */
