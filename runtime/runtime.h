/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The runtime API for generated modules: the one header a generated
 * module includes.  docs/runtime-api.md is its reference.
 */
#ifndef STP_RUNTIME_H
#define STP_RUNTIME_H

#include <linux/moduleparam.h>

#include "platform.h"
#include "format.h"
#include "str.h"
#include "stat.h"
#include "map.h"
#include "module_desc.h"
#include "context.h"
#include "globals.h"
#include "print.h"
#include "memory.h"
#include "session.h"
#include "regex_match.h"

/* Links the runtime's core into the module (see session.c). */
extern const char stp_runtime_core[];
static const char *const stp_runtime_link __used = stp_runtime_core;

#endif /* STP_RUNTIME_H */
