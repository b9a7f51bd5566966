#include "driver/run_pass.h"

#include "build/kbuild_file.h"
#include "driver/child_process.h"
#include "driver/staprun_command.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <ostream>
#include <unistd.h>

namespace stap
{

namespace
{

bool fail(Session& s, const std::string& msg)
{
	s.diags.error(DiagKind::Error, {}, msg);
	return false;
}

bool finish(Session& s, int status, const std::string& error)
{
	if (status < 0)
		return fail(s, error);
	s.failure_status = status;
	return status == 0;
}

bool run_local(Session& s)
{
	std::string staprun = s.paths.bin_dir + "/staprun";
	if (::access(staprun.c_str(), X_OK) != 0)
		return fail(s, "cannot find staprun next to stap (" + staprun + ")");
	StaprunCommand cmd = staprun_command(s.options, staprun, s.module.ko_path);
	if (!cmd.error.empty())
		return fail(s, cmd.error);
	ChildOptions co;
	co.timeout_seconds = s.options.timeout_seconds;
	co.on_signal = [](int pid, int sig) { ::kill(pid, sig); };
	s.err.flush();
	std::string error;
	int status = run_child(cmd.argv, co, error);
	return finish(s, status, error);
}

bool run_remote(Session& s)
{
	Options o = s.options;
	std::string guest_module = "/work/" + s.module.name + ".ko";
	// Bulk mode writes per-CPU files (-o's name, or stpd, with _cpuN):
	// in the guest, then copied to -o's directory here.  Otherwise the
	// output streams here, into -o's file or stdout.
	std::string fetch, shell = "exec";
	if (o.bulk_mode) {
		std::filesystem::path out = o.output_file.empty() ? "stpd" : o.output_file;
		fetch = "/work/out:" +
			(out.has_parent_path() ? out.parent_path().string() : std::string("."));
		o.output_file = out.filename().string();
		shell = "mkdir -p /work/out && cd /work/out && exec";
	}
	StaprunCommand cmd = staprun_command(o, "staprun", guest_module, o.bulk_mode);
	if (!cmd.error.empty())
		return fail(s, cmd.error);
	for (const std::string& a : cmd.argv)
		shell += " " + shell_quote(a);
	std::vector<std::string> argv =
		vm_stream_command(s.paths, s.target.release, s.cache.vm() + "/initramfs",
				  s.module.ko_path, guest_module, shell, fetch, o.verbosity(5) > 0);

	int out_fd = -1;
	if (!o.output_file.empty() && !o.bulk_mode) {
		out_fd = ::open(o.output_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
				0644);
		if (out_fd < 0)
			return fail(s,
				    "cannot open " + o.output_file + ": " + std::strerror(errno));
	}
	// Signals reach the VM as lines on the runner's standard input; the
	// runner is in a process group of its own, so that a terminal's
	// Ctrl-C does not kill qemu but comes through stap.
	int pipe_fds[2];
	if (::pipe2(pipe_fds, O_CLOEXEC) != 0) {
		if (out_fd >= 0)
			::close(out_fd);
		return fail(s, std::string("pipe: ") + std::strerror(errno));
	}
	ChildOptions co;
	co.own_process_group = true;
	co.stdin_fd = pipe_fds[0];
	co.stdout_fd = out_fd;
	co.timeout_seconds = o.timeout_seconds;
	int to_runner = pipe_fds[1];
	co.on_signal = [to_runner](int, int sig) {
		const char* line = sig == SIGINT ? "INT\n" : "TERM\n";
		ssize_t ignored = ::write(to_runner, line, std::strlen(line));
		(void)ignored;
	};
	::signal(SIGPIPE, SIG_IGN);
	s.err.flush();
	std::string error;
	int status = run_child(argv, co, error);
	::close(pipe_fds[0]);
	::close(pipe_fds[1]);
	if (out_fd >= 0)
		::close(out_fd);
	return finish(s, status, error);
}

} // namespace

Pass make_run_pass(const RemoteTarget& remote)
{
	Pass p{5,
	       "run",
	       "run failed",
	       [remote](Session& s) { return remote.qemu ? run_remote(s) : run_local(s); },
	       nullptr,
	       [](Session&) { return std::string("run completed"); }};
	p.start_message = remote.qemu ? "starting run in a qemu VM." : "starting run.";
	return p;
}

} // namespace stap
