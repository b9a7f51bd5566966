// Pass 3: code generation.  Fills session.generated (the module's C source
// and name, the handoff to pass 4); `stap -p3` prints the C.
#pragma once

#include "driver/pass_manager.h"

namespace stap
{

Pass make_codegen_pass();

// TEMPORARY, until the real pass 2 (branch `elaborate`) is merged: a
// stand-in pass 2 (codegen/interim_elaborate.h) that pass 3 reads from.
Pass make_interim_elaborate_pass();

} // namespace stap
