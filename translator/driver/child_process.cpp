#include "driver/child_process.h"

#include "build/subprocess.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

namespace stap
{

int run_child(const std::vector<std::string>& argv, const ChildOptions& opts, std::string& error)
{
	sigset_t mask, old;
	sigemptyset(&mask);
	for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGALRM, SIGCHLD})
		sigaddset(&mask, sig);
	sigprocmask(SIG_BLOCK, &mask, &old);
	int sigfd = signalfd(-1, &mask, SFD_CLOEXEC);
	int report[2] = {-1, -1};
	if (sigfd < 0 || pipe2(report, O_CLOEXEC) != 0) {
		error = std::string("cannot run ") + argv[0] + ": " + std::strerror(errno);
		if (sigfd >= 0)
			close(sigfd);
		sigprocmask(SIG_SETMASK, &old, nullptr);
		return -1;
	}
	std::vector<std::string> args = argv;
	std::vector<char*> argp = exec_strings(args);

	pid_t pid = fork();
	if (pid == 0) {
		sigprocmask(SIG_SETMASK, &old, nullptr);
		if (opts.own_process_group)
			setpgid(0, 0);
		if (opts.stdin_fd >= 0)
			dup2(opts.stdin_fd, STDIN_FILENO);
		if (opts.stdout_fd >= 0)
			dup2(opts.stdout_fd, STDOUT_FILENO);
		execv(argp[0], argp.data());
		int e = errno;
		ssize_t ignored = write(report[1], &e, sizeof(e));
		(void)ignored;
		_exit(127);
	}
	close(report[1]);
	int status = -1;
	if (pid < 0) {
		error = std::string("fork: ") + std::strerror(errno);
	} else {
		int e = 0;
		ssize_t n;
		do
			n = read(report[0], &e, sizeof(e));
		while (n < 0 && errno == EINTR);
		if (n == sizeof(e)) {
			error = "cannot run " + argv[0] + ": " + std::strerror(e);
			waitpid(pid, nullptr, 0);
		} else {
			if (opts.timeout_seconds > 0)
				alarm(static_cast<unsigned>(opts.timeout_seconds));
			for (;;) {
				int wstatus = 0;
				pid_t done = waitpid(pid, &wstatus, WNOHANG);
				if (done == pid) {
					status = WIFSIGNALED(wstatus) ? 128 + WTERMSIG(wstatus)
								      : WEXITSTATUS(wstatus);
					break;
				}
				signalfd_siginfo si;
				if (read(sigfd, &si, sizeof(si)) != sizeof(si))
					continue;
				int sig = static_cast<int>(si.ssi_signo);
				if (sig == SIGALRM)
					sig = SIGTERM; // -T: time is up
				if (sig != SIGCHLD && opts.on_signal)
					opts.on_signal(pid, sig);
			}
			alarm(0);
		}
	}
	close(report[0]);
	close(sigfd);
	// Signals that arrived meanwhile were handed over: drop them.
	sigset_t pending;
	sigpending(&pending);
	for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGALRM, SIGCHLD})
		if (sigismember(&pending, sig)) {
			int taken = 0;
			sigset_t one;
			sigemptyset(&one);
			sigaddset(&one, sig);
			sigwait(&one, &taken);
		}
	sigprocmask(SIG_SETMASK, &old, nullptr);
	return status;
}

} // namespace stap
