// Locations in run-time error messages, in stap's words: the token a
// statement or operator starts with, and where it is:
//   operator '/' at t.stp:3:12
//   identifier 'printf' at t.stp:5:3
//   keyword at t.stp:7:18
#pragma once

#include "diag/source_location.h"

#include <string>

namespace stap
{
class SourceManager;
}

namespace stap::codegen
{

std::string describe_token(const SourceManager& sources, const SourceLocation& loc);

} // namespace stap::codegen
