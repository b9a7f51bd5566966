// The global symbols a C file of the runtime defines, the identifiers it
// mentions and what each of its functions and macros uses, read from its
// text without preprocessing it.  Pass 4 uses
// them to know, before compiling anything, which runtime member defines
// which symbol and which members a member needs (runtime_layout.h).
//
// This reads the runtime's own code, which is in kernel style: a definition
// is a top-level declaration that is not `static`, `extern` or a `typedef`
// and either has a body (a function), an initialiser or no parentheses (an
// object), or is a DEFINE_*(..., NAME) macro.  Names that start with two
// underscores are attributes (__weak, __printf(...)), not declarators.
#pragma once

#include <map>
#include <set>
#include <string>

namespace stap
{

struct CSymbols {
	std::set<std::string> defined; // global definitions
	std::set<std::string> weak;    // declared `extern ... __weak`
	// Every identifier outside comments and literals.
	std::set<std::string> identifiers;
	// The identifiers in top-level initialisers, `static` objects' too.
	std::set<std::string> initialisers;
	// The identifiers in the body of each function (static and inline ones
	// too) and of each macro: what using it uses.
	std::map<std::string, std::set<std::string>> uses;
};

CSymbols scan_c_symbols(const std::string& text);

} // namespace stap
