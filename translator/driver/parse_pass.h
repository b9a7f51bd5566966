// Pass 1: load the tapset library (macros first), then parse the user's
// script files (-e SCRIPT, FILE or - for stdin, and each -E SCRIPT) into
// session.program.  `stap -p1` prints the user's files.
#pragma once

#include "driver/pass_manager.h"

namespace stap
{

Pass make_parse_pass();

} // namespace stap
