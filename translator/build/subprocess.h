// Running the build's tools (make, the compiler, the recipe's commands).
#pragma once

#include <string>
#include <vector>

namespace stap
{

struct ProcessOptions {
	std::string cwd;                // "" = the current directory
	std::string output_file;        // stdout and stderr appended here; "" = inherited
	std::vector<std::string> unset; // environment variables to remove
	std::vector<std::string> set;   // NAME=VALUE to add or replace
};

// exec's view of `strings`: pointers into them, then a null pointer.  The
// strings must outlive the result (and not be resized meanwhile).
std::vector<char*> exec_strings(std::vector<std::string>& strings);

// Runs argv (argv[0] looked up in PATH) in a process group of its own and
// waits.  Returns the exit status, 128+N if killed by signal N, or -1 with
// `error` set if it could not run or stap was interrupted (the child's
// process group is then killed).
int run_process(const std::vector<std::string>& argv, const ProcessOptions& opts,
		std::string& error);

// The environment kbuild runs in: make's own variables and kbuild's
// user-setting variables (KCPPFLAGS, ARCH, O, ...) from the caller's
// environment would change what is built, so they are removed, and so is
// LC_ALL, as kbuild does (the compiler's messages follow the user's LANG).
ProcessOptions kbuild_environment();

// The environment a child started with `opts` gets, as NAME=VALUE.
std::vector<std::string> child_environment(const ProcessOptions& opts);

// From now on SIGINT, SIGTERM and SIGHUP interrupt the tools run_process
// runs (stap then cleans up and exits) instead of killing stap at once.
void catch_interruptions();
// The signal that interrupted stap, or 0.
int interruption();

// Number of CPUs online (at least 1): make's -j.
int online_cpus();

} // namespace stap
