// Pass 2: elaborate the parsed program against the tapset library and the
// probe families (elaborate/elaborate.h) into session.elaborated.
// `stap -p2` prints it (elaborate/program_printer.h); -v adds the bodies.
#pragma once

#include "driver/pass_manager.h"
#include "elaborate/elaborate.h"

namespace stap
{

Pass make_elaborate_pass();

// Pass 2's options from the command line.
ElaborateOptions elaborate_options(const Options& options);

// What pass 2 elaborates: the session's program, library and probe
// families, with the command line's options (also used by -l/-L).
ElaborateInput elaborate_input(Session& s);

} // namespace stap
