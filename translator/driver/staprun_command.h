// Pass 5's command line for staprun(8): stap's run options mapped to
// staprun's, the module, then -G settings as module parameters.
//
//   -v (from stap -vv on: one less than pass 5's verbosity), -w, -o FILE,
//   -b MB (stap -s MB), -c CMD, -x PID, MODULE.ko, NAME=VALUE...
//
// Bulk mode (-b) and the -D limits are compiled into the module; -T is
// applied by stap itself (it asks staprun to end after the time).
#pragma once

#include "driver/options.h"

#include <string>
#include <vector>

namespace stap
{

struct StaprunCommand {
	std::vector<std::string> argv; // argv[0] is the staprun path given
	std::string error;             // a -G setting that cannot be passed
};

// `output_file`: whether -o goes to staprun (remote runs write it on the
// host instead).
StaprunCommand staprun_command(const Options& opts, const std::string& staprun,
			       const std::string& module_path, bool output_file = true);

} // namespace stap
