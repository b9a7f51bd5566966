// Pass 2's product as what pass 3 walks: the ModuleInput of an
// ElaboratedProgram (which must outlive it).
#pragma once

#include "codegen/module_input.h"
#include "elaborate/elaborated_program.h"

#include <string>

namespace stap::codegen
{

ModuleInput module_input(const ElaboratedProgram& program);

// A probe point as pp() reports it: "timer.ms(100)", "begin(-1)",
// "kernel.function(\"vfs_read\")".
std::string probe_point_text(const ast::ProbePoint& point);

} // namespace stap::codegen
