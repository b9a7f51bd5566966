// The pass sequence of stap: numbered passes, each a function of the
// Session.  `stap -pN` runs the passes up to N and prints the product of
// pass N.
//
//   PassManager pm;
//   pm.add(make_parse_pass());      // pass 1
//   pm.add(make_elaborate_pass());  // pass 2, and so on
//   return pm.run(session);
//
// A run may start later than pass 1: a module cache hit starts at pass 3
// with passes that hand over the cached products.
#pragma once

#include "driver/session.h"

#include <functional>
#include <map>
#include <string>

namespace stap
{

struct Pass {
	using Run = std::function<bool(Session&)>;
	using Print = std::function<void(Session&)>;
	using Summary = std::function<std::string(Session&)>;

	Pass() = default;
	Pass(int number_, std::string name_, std::string failure_, Run run_, Print print_ = {},
	     Summary summary_ = {})
	    : number(number_), name(std::move(name_)), failure(std::move(failure_)),
	      run(std::move(run_)), print(std::move(print_)), summary(std::move(summary_))
	{
	}

	int number = 0;
	std::string name;    // "parse": for messages
	std::string failure; // "parse failed": "Pass 1: parse failed."
	// Does the work; false (or errors in the session's diagnostics) means
	// the pass failed.
	Run run;
	// Writes the pass's product to session.out, when the run stops here.
	Print print;
	// For -v: what was done, e.g. "parsed user script and 12 library
	// scripts"; followed by the time taken unless `timed` is false.
	Summary summary;
	bool timed = true;
	// For -v: said before the pass runs ("starting run").
	std::string start_message;
};

class PassManager
{
public:
	// Passes must be added in increasing order of their numbers (1-5).
	void add(Pass pass);

	// Runs the passes from `first` to the session's last pass (-p);
	// returns the exit status.
	int run(Session& session, int first = 1);

private:
	std::map<int, Pass> passes_;
};

// "in 12usr/3sys/20real ms." style times of one pass (stap -v).
class PassTimer
{
public:
	PassTimer();
	[[nodiscard]] std::string elapsed() const;

private:
	long user_ms_;
	long sys_ms_;
	long real_ms_;
};

} // namespace stap
