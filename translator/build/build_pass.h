// Pass 4: compile the module (build/module_builder.h) and keep it in the
// module cache; `stap -p4` prints the .ko's path.  Also the passes that
// stand in for passes 3 and 4 when the module comes from the cache, and
// for passes 1-3 with the developer option --c-source.
#pragma once

#include "driver/pass_manager.h"

namespace stap
{

Pass make_build_pass();

// Pass 3 of a cache hit: the cached C ("Pass 3: using cached X.c").
Pass make_cached_c_pass();
// Pass 4 of a cache hit: the cached .ko.
Pass make_cached_ko_pass();
// Pass 3 with --c-source FILE: FILE is the generated C.
Pass make_c_source_pass();

} // namespace stap
