// Pass 3: code generation.  Fills session.module's C source (and its name
// when the driver did not choose one), the handoff to pass 4; `stap -p3`
// prints the C.
#pragma once

#include "driver/pass_manager.h"

namespace stap
{

Pass make_codegen_pass();

} // namespace stap
