// The pass sequence of stap: a list of numbered passes, each a function of
// the Session.  `stap -pN` runs passes 1..N and prints the product of pass N.
//
//   PassManager pm;
//   pm.add(make_parse_pass());      // pass 1
//   pm.add(make_elaborate_pass());  // pass 2, and so on
//   return pm.run(session);
#pragma once

#include "driver/session.h"

#include <functional>
#include <string>
#include <vector>

namespace stap
{

struct Pass {
	int number = 0;
	std::string name;    // "parse": for messages
	std::string failure; // "parse failed": "Pass 1: parse failed."
	// Does the work; false (or errors in the session's diagnostics) means
	// the pass failed.
	std::function<bool(Session&)> run;
	// Writes the pass's product to session.out, when the run stops here.
	std::function<void(Session&)> print;
	// For -v: what was done, e.g. "parsed user script and 12 library scripts".
	std::function<std::string(Session&)> summary;
};

class PassManager
{
public:
	// Passes must be added in order, numbered from 1.
	void add(Pass pass);

	// Runs passes 1 to the session's last pass (-p); returns the exit status.
	int run(Session& session);

private:
	std::vector<Pass> passes_;
};

} // namespace stap
