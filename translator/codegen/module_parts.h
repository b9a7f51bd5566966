// The parts of a module that module_emitter.cpp assembles (see
// module_input.h for generate_module, the entry point).
#pragma once

#include "codegen/module_context.h"
#include "codegen/module_input.h"

#include <string>

namespace stap::codegen
{

// global_emitter.cpp: registers the globals in `m` (kinds, C names, lock
// order, histograms), then their C definitions, descriptors and
// parameters ("" without globals).
void collect_globals(ModuleContext& m, const ModuleInput& in);
std::string globals_definitions(const ModuleContext& m);

// function_emitter.cpp: registers the functions in `m` (C names, frames,
// overload dispatchers); an embedded-C function's definition with its
// macros; a dispatcher's definition.
void collect_functions(ModuleContext& m, const ModuleInput& in);
std::string embedded_function_definition(const ModuleContext& m, const FunctionInfo& f);
std::string dispatcher_definition(const ModuleContext& m, const FunctionInfo& f);

} // namespace stap::codegen
