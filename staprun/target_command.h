// staprun -c CMD: the command is started stopped (waiting on a pipe)
// before the module loads, so that its pid can be the script's target();
// it runs once the probes are live.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace staprun
{

// CMD as an argument vector: split like a shell would (wordexp), or run
// by /bin/sh -c when it uses shell syntax beyond words.
std::vector<std::string> command_argv(const std::string& cmd);

class TargetCommand
{
public:
	TargetCommand() = default;
	TargetCommand(const TargetCommand&) = delete;
	TargetCommand& operator=(const TargetCommand&) = delete;
	~TargetCommand();

	// Forks the child, which waits.  "" or an error.
	std::string spawn(const std::string& cmd);
	pid_t pid() const { return pid_; }
	// Lets the child exec the command.
	void release();
	// The child exits without running the command (staprun failed).
	void abandon();
	// True once the child has ended (reaps it).
	bool finished();

private:
	pid_t pid_ = -1;
	int go_fd_ = -1;
	bool exited_ = false;
};

} // namespace staprun
