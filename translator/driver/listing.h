// The listing modes of stap, which print and exit instead of running a
// script: -l PROBE / -L PROBE (matching probe points, -L with their
// variables), --dump-probe-types, --dump-probe-aliases, --dump-functions.
#pragma once

#include "driver/session.h"

namespace stap
{

// True if the options ask for a listing.
bool wants_listing(const Options& options);

// Prints the listing to session.out; returns the exit status.
int run_listing(Session& session);

} // namespace stap
