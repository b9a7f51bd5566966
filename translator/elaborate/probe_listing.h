// What `stap -l PATTERN` / `-L PATTERN`, --dump-functions and
// --dump-probe-aliases list, computed with the same machinery as pass 2:
// the match tree of the probe providers and the library's aliases, the
// expander and the type checker.
#pragma once

#include "elaborate/elaborate.h"

#include <string>
#include <vector>

namespace stap
{

struct ListedProbe {
	std::string point;                  // "syscall.open", "timer.ms(5)"
	std::vector<std::string> variables; // -L: "name:string", sorted
};

// The probe points matching `pattern` that resolve (through aliases, to
// probes of families this version can build), each once, sorted.  With
// `with_variables`, the variables a handler of each point starts with (the
// locals its aliases set) and their types.  Nothing is reported to the
// input's diagnostics: points that do not resolve are left out.
std::vector<ListedProbe> list_probe_points(const ElaborateInput& input,
					   const ast::ProbePoint& pattern, bool with_variables);

// Every public function of the library with its inferred types and its
// embedded-C pragmas, sorted: "strlen:long (s:string) /* pure */
// /* unprivileged */".  Names starting with '_' are internal and left out.
std::vector<std::string> list_library_functions(const ElaborateInput& input);

// Every alias of the library, sorted: "syscall.open = kernel.function(...)".
std::vector<std::string> list_library_aliases(const ElaborateInput& input);

} // namespace stap
