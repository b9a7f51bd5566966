// Pass 3: code generation.  Fills session.generated (the module's C source
// and name, the handoff to pass 4); `stap -p3` prints the C.
#pragma once

#include "driver/pass_manager.h"

namespace stap
{

Pass make_codegen_pass();

} // namespace stap
