// Before pass 1: the module's identity.  Computes the module cache key from
// the raw inputs (build/cache_key.h), names the module (-m NAME, else
// stap_<key>) and, unless the cache is off (--disable-cache,
// --poison-cache) or the run stops before pass 3, looks the module up: on a
// hit session.module holds the cached C and .ko and passes 1-4 are skipped
// (the tapset library is never parsed).
#pragma once

#include "driver/session.h"

namespace stap
{

// True on a cache hit.
bool identify_module(Session& s);

// The module cache key of the session's inputs as they are now; empty if
// a script cannot be read.
std::string current_module_key(Session& s);

} // namespace stap
