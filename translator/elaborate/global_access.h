// Which globals each handler and function reads and writes, directly or
// through the functions it calls (ElaboratedProgram::access), and the check
// that depends on it: an array may not be modified inside a foreach loop
// over it (language reference 6.6), neither directly nor by a function
// called there.  Deleting is allowed.
#pragma once

#include "elaborate/elaboration.h"

#include <unordered_set>

namespace stap
{

void analyze_global_access(Elaboration& elaboration);

// Every global the program reads, and every one it writes, anywhere.
struct ProgramGlobalUse {
	std::unordered_set<const ast::GlobalVar*> read;
	std::unordered_set<const ast::GlobalVar*> written;
};
ProgramGlobalUse program_global_use(const Elaboration& elaboration);

} // namespace stap
