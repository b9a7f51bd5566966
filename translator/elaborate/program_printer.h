// `stap -p2`: the elaborated program in stap's -p2 form.
//
//   # global embedded code       (top-level %{ %} blocks, if any)
//   # globals
//   counts:long [string, long]    (name:value type [key types])
//   # functions
//   f:long (a:long, b:string)
//     # locals
//     tmp:long
//   # probes
//   timer.ms(100) /* <- timer.ms(100),timer.s(1) */
//     # locals
//     x:string
//
// Each derived probe shows its resolved point (with its condition) and
// where it came from: the alias expansions from the innermost out, then the
// user's probe points.  `verbose` (-v) adds initialisers, the bodies of
// functions and handlers, and each probe's family detail.
#pragma once

#include "elaborate/elaborated_program.h"

#include <iosfwd>

namespace stap
{

void print_elaborated(std::ostream& out, const ElaboratedProgram& program, bool verbose);

// "counts:long [string, long]", "f:long (a:long, b:string)"
std::string describe_variable(const ast::VarDecl& var);
std::string describe_function(const ast::Function& function);

} // namespace stap
