// The optimiser of pass 2 (stap(1) PROCESSING: "all probes and functions are
// analyzed for optimization opportunities, in order to remove variables,
// expressions, and functions that have no useful value and no side-effect";
// -u turns it off).  To a fixpoint:
//
//   - constant expressions fold (1 + 2 * 3, "a" . "b", 5 > 3 ? x : y), and
//     `if`, `while` and `for` with a constant condition collapse;
//   - assignments to locals that are never read are elided, keeping any
//     side effect of the value ("Eliding assignment to 'x'");
//   - expression statements without side effects are elided ("Eliding
//     side-effect-free expression"); calls count as side effects unless the
//     function has none (script functions are analysed, embedded-C ones
//     must say /* pure */);
//   - locals never used, and functions and globals no longer reachable,
//     are dropped (warnings at -v: "Eliding unused variable 'x'",
//     "Eliding unused function 'f'");
//   - probes whose handlers end up empty are elided ("Probe 'begin' has
//     been elided").
// It also warns about locals and globals that are read but never assigned.
// Types are inferred after it, as stap does: code it removes is not
// type-checked.
#pragma once

#include "elaborate/elaboration.h"

namespace stap
{

void optimize(Elaboration& elaboration);

} // namespace stap
