// Smaller modules: after the link, the module's symbol table loses what
// nothing needs (objcopy --strip-unneeded: symbols no relocation refers to,
// such as the names of static data, the modinfo entries' symbols and the
// source file names) and the compilers' .comment section, but keeps the
// name of every function, static or not.
//
// Also, on kernels whose ftrace does not use the compiler's patchable
// function entries (CONFIG_HAVE_DYNAMIC_FTRACE_NO_PATCHABLE: x86, which
// records call sites in __mcount_loc instead, and discards the section from
// vmlinux), the __patchable_function_entries table, which such a kernel
// never reads; the padding before each function that the compiler leaves
// with it stays (call depth tracking patches it, finding it through
// .call_sites).
//
// What stays and why: every symbol a relocation uses (the kernel resolves
// them at load), all exported and imported symbols, __versions (symbol
// CRCs: modversions refuses a module for another kernel build), the ORC
// unwind tables, the return/call site, retpoline and ENDBR tables (the
// kernel patches the module's code with them for its speculation and CET
// mitigations) and the function names (oops backtraces, /proc/kallsyms,
// perf).  What goes is never read by the kernel: about 4% of a module (8%
// with the patchable entries), and data-symbol names in /proc/kallsyms.
#pragma once

#include <string>

namespace stap
{

// Strips `ko` in place with `objcopy` (the kernel's, from its kbuild
// environment when known), with `patchable_entries` also that table;
// false with `error` on failure (the module is then unchanged).
bool strip_module(const std::string& ko, const std::string& objcopy, bool patchable_entries,
		  std::string& error);

} // namespace stap
