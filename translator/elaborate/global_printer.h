// "Global variables which are written but never read will be displayed
// automatically at session shutdown" (language reference 3.3): for each such
// global, pass 2 adds an end probe that prints it in stap's format:
//
//   x=5            s="text"            a[1,"k"]=7 (one line per element,
//   st @count=3 @min=1 @max=9 @sum=12 @avg=4       by descending value)
#pragma once

#include "elaborate/elaboration.h"

namespace stap
{

// Runs after type checking: the format depends on the types.
void add_global_printers(Elaboration& elaboration);

} // namespace stap
