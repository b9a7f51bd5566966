// Type inference and checking (language reference 5.2: "A variable's type is
// inferred from its use ... There are no implicit type conversions between
// strings and numbers.").
//
// Types flow both ways through every expression until nothing changes: from
// literals, operators, declared types (`function f:long (x:string)`),
// global initialisers and printf formats into variables, array keys and
// values, function parameters and return values, across functions and
// probes alike.  Then a last walk reports every conflict (with a note where
// the first type was inferred), every variable whose type stayed unknown,
// statistics used as plain values or held in locals, histograms out of
// place, printf arguments that do not fit the format, foreach over
// something that is not an array, and so on.
#pragma once

#include "elaborate/elaboration.h"

namespace stap
{

// `report_unresolved`: also report variables whose type is unknown (off
// when earlier errors would make that a cascade of follow-on errors).
void check_types(Elaboration& elaboration, bool report_unresolved);

} // namespace stap
