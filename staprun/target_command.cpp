#include "target_command.h"

#include <csignal>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <wordexp.h>

#include <cerrno>
#include <cstring>

namespace staprun
{

std::vector<std::string> command_argv(const std::string& cmd)
{
	wordexp_t w;
	// No command substitution; pipes, redirections and the like make
	// wordexp fail, and the shell runs those.
	if (wordexp(cmd.c_str(), &w, WRDE_NOCMD) == 0) {
		std::vector<std::string> argv(w.we_wordv, w.we_wordv + w.we_wordc);
		wordfree(&w);
		if (!argv.empty())
			return argv;
	}
	return {"/bin/sh", "-c", cmd};
}

TargetCommand::~TargetCommand()
{
	if (go_fd_ >= 0)
		::close(go_fd_);
}

std::string TargetCommand::spawn(const std::string& cmd)
{
	std::vector<std::string> args = command_argv(cmd);
	int fds[2];
	if (pipe2(fds, O_CLOEXEC) != 0)
		return std::string("pipe: ") + std::strerror(errno);
	pid_ = fork();
	if (pid_ < 0) {
		::close(fds[0]);
		::close(fds[1]);
		return std::string("fork: ") + std::strerror(errno);
	}
	if (pid_ == 0) {
		::close(fds[1]);
		// staprun blocks some signals for its signalfd; the command
		// must start with the default mask.
		sigset_t none;
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, nullptr);
		char go = 0;
		if (::read(fds[0], &go, 1) != 1)
			_exit(127);
		std::vector<char*> argv;
		argv.reserve(args.size() + 1);
		for (std::string& a : args)
			argv.push_back(a.data());
		argv.push_back(nullptr);
		execvp(argv[0], argv.data());
		std::string msg =
			"staprun: cannot run " + args[0] + ": " + std::strerror(errno) + "\n";
		[[maybe_unused]] ssize_t n = ::write(STDERR_FILENO, msg.data(), msg.size());
		_exit(127);
	}
	::close(fds[0]);
	go_fd_ = fds[1];
	return "";
}

void TargetCommand::release()
{
	char go = 1;
	if (go_fd_ >= 0) {
		[[maybe_unused]] ssize_t n = ::write(go_fd_, &go, 1);
		::close(go_fd_);
		go_fd_ = -1;
	}
}

void TargetCommand::abandon()
{
	if (go_fd_ >= 0)
		::close(go_fd_);
	go_fd_ = -1;
	if (pid_ > 0 && !exited_) {
		int status;
		waitpid(pid_, &status, 0);
		exited_ = true;
	}
}

bool TargetCommand::finished()
{
	if (pid_ <= 0 || exited_)
		return true;
	int status;
	if (waitpid(pid_, &status, WNOHANG) == pid_)
		exited_ = true;
	return exited_;
}

} // namespace staprun
