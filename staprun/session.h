// One run of a module: check it, load it, start it, stream its output,
// end it (on exit(), a signal, or when -c's command ends), unload it.
#pragma once

#include "options.h"

namespace staprun
{

// Returns staprun's exit status: 0, or 1 when the script ended with an
// error or the module could not be run.
int run_module(const Options& options);

// staprun -d NAME: removes a loaded module.
int delete_module(const Options& options);

} // namespace staprun
