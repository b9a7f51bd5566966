// Pass 5's child (staprun, or the VM runner for --remote=qemu): run it
// until it exits and pass on the signals that should end a script.  While
// it runs, stap takes SIGINT, SIGTERM and SIGHUP itself and hands each to
// `on_signal` (which tells the child, so that the script's end probes run);
// with a time limit (stap -T), SIGTERM is handed over when it expires.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace stap
{

struct ChildOptions {
	bool own_process_group = false; // a terminal's Ctrl-C then reaches stap only
	int stdin_fd = -1;              // -1: inherited
	int stdout_fd = -1;
	int timeout_seconds = 0; // 0: none
	// Called with the pid once the child runs and with each signal.
	std::function<void(int pid, int signal)> on_signal;
};

// The child's exit status (128+N if signal N killed it), or -1 with
// `error` set if it could not be started.
int run_child(const std::vector<std::string>& argv, const ChildOptions& opts, std::string& error);

} // namespace stap
