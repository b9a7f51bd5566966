// stap --clean-cache: prune the caches and exit.  The module cache is cut
// down to its size bound (least recently used first); per-kernel caches
// whose kernel build tree is gone are removed.
#pragma once

#include <iosfwd>

namespace stap
{

// Returns the exit status; with `verbose` says what was removed.
int clean_caches(int verbose, std::ostream& err);

} // namespace stap
