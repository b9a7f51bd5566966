// Smaller modules: after the link, the module's symbol table loses what
// nothing needs (objcopy --strip-unneeded: symbols no relocation refers to,
// such as the names of static data, the modinfo entries' symbols and the
// source file names) and the compilers' .comment section, but keeps the
// name of every function, static or not.
//
// What stays and why: every symbol a relocation uses (the kernel resolves
// them at load), all exported and imported symbols, __versions (symbol
// CRCs: modversions refuses a module for another kernel build), the ORC
// unwind tables, the return/call site and retpoline tables (the kernel
// patches the module's code with them for its speculation mitigations)
// and the function names (oops backtraces, /proc/kallsyms, perf).  What
// goes is never read by the kernel; it is about 4% of a module, and
// data-symbol names in /proc/kallsyms.
#pragma once

#include <string>

namespace stap
{

// Strips `ko` in place with `objcopy` (the kernel's, from its kbuild
// environment when known); false with `error` on failure (the module is
// then unchanged).
bool strip_module(const std::string& ko, const std::string& objcopy, std::string& error);

} // namespace stap
