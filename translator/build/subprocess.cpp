#include "build/subprocess.h"

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace stap
{

namespace
{

std::atomic<int> g_interruption{0};

void on_interruption(int sig)
{
	g_interruption = sig;
}

} // namespace

void catch_interruptions()
{
	struct sigaction sa {
	};
	sa.sa_handler = on_interruption;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0; // no SA_RESTART: waitpid returns EINTR
	for (int sig : {SIGINT, SIGTERM, SIGHUP})
		sigaction(sig, &sa, nullptr);
}

int interruption()
{
	return g_interruption;
}

std::vector<std::string> child_environment(const ProcessOptions& opts)
{
	std::vector<std::string> env;
	for (char** e = environ; *e != nullptr; ++e) {
		std::string entry = *e;
		std::string name = entry.substr(0, entry.find('='));
		bool drop = false;
		for (const std::string& u : opts.unset)
			drop = drop || u == name;
		for (const std::string& s : opts.set)
			drop = drop || s.substr(0, s.find('=')) == name;
		if (!drop)
			env.push_back(std::move(entry));
	}
	env.insert(env.end(), opts.set.begin(), opts.set.end());
	return env;
}

std::vector<char*> exec_strings(std::vector<std::string>& strings)
{
	std::vector<char*> pointers;
	pointers.reserve(strings.size() + 1);
	for (std::string& s : strings)
		pointers.push_back(s.data());
	pointers.push_back(nullptr);
	return pointers;
}

int run_process(const std::vector<std::string>& argv, const ProcessOptions& opts,
		std::string& error)
{
	if (argv.empty()) {
		error = "no command";
		return -1;
	}
	std::vector<std::string> env = child_environment(opts);
	std::vector<char*> envp = exec_strings(env);
	std::vector<std::string> args = argv;
	std::vector<char*> argp = exec_strings(args);

	int out = -1;
	if (!opts.output_file.empty()) {
		out = ::open(opts.output_file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC,
			     0644);
		if (out < 0) {
			error = "cannot open " + opts.output_file + ": " + std::strerror(errno);
			return -1;
		}
	}
	// The child reports a failed exec through this pipe.
	int report[2];
	if (::pipe2(report, O_CLOEXEC) != 0) {
		error = std::string("pipe: ") + std::strerror(errno);
		if (out >= 0)
			::close(out);
		return -1;
	}
	pid_t pid = ::fork();
	if (pid < 0) {
		error = std::string("fork: ") + std::strerror(errno);
		::close(report[0]);
		::close(report[1]);
		if (out >= 0)
			::close(out);
		return -1;
	}
	if (pid == 0) {
		// Its own process group: stap decides when the tools stop.
		::setpgid(0, 0);
		for (int sig : {SIGINT, SIGTERM, SIGHUP})
			::signal(sig, SIG_DFL);
		if (out >= 0) {
			::dup2(out, STDOUT_FILENO);
			::dup2(out, STDERR_FILENO);
		}
		int fail = 0;
		if (!opts.cwd.empty() && ::chdir(opts.cwd.c_str()) != 0)
			fail = errno;
		if (fail == 0) {
			::execvpe(argp[0], argp.data(), envp.data());
			fail = errno;
		}
		ssize_t ignored = ::write(report[1], &fail, sizeof(fail));
		(void)ignored;
		::_exit(127);
	}
	::close(report[1]);
	if (out >= 0)
		::close(out);
	int fail = 0;
	ssize_t n;
	do
		n = ::read(report[0], &fail, sizeof(fail));
	while (n < 0 && errno == EINTR);
	::close(report[0]);
	int status = 0;
	bool killed = false;
	while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
		if (interruption() != 0 && !killed) {
			::kill(-pid, SIGTERM);
			killed = true;
		}
	}
	if (killed || interruption() != 0) {
		error = std::string("interrupted by ") + ::strsignal(interruption());
		return -1;
	}
	if (n == sizeof(fail)) {
		error = "cannot run " + argv[0] +
			(opts.cwd.empty() ? std::string() : " in " + opts.cwd) + ": " +
			std::strerror(fail);
		return -1;
	}
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

ProcessOptions kbuild_environment()
{
	ProcessOptions o;
	o.unset = {"MAKEFLAGS",
		   "MFLAGS",
		   "MAKELEVEL",
		   "MAKEOVERRIDES",
		   "GNUMAKEFLAGS",
		   "KCPPFLAGS",
		   "KAFLAGS",
		   "KCFLAGS",
		   "KRUSTFLAGS",
		   "KBUILD_OUTPUT",
		   "KBUILD_EXTRA_SYMBOLS",
		   "KBUILD_EXTMOD",
		   "O",
		   "ARCH",
		   "CROSS_COMPILE",
		   "LLVM",
		   "W",
		   "C",
		   "KBUILD_CHECKSRC",
		   "V"};
	o.set = {"LC_ALL=C"};
	return o;
}

int online_cpus()
{
	long n = ::sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? static_cast<int>(n) : 1;
}

} // namespace stap
