#include "session.h"

#include "control_channel.h"
#include "kernel_module.h"
#include "module_info.h"
#include "runtime/protocol.h"
#include "target_command.h"
#include "trace_reader.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>

namespace staprun
{

namespace
{

std::string load_error(int err, const std::string& name)
{
	switch (err) {
	case EEXIST:
		return "a module named '" + name + "' is already loaded";
	case EPERM:
		return "not permitted to load modules: run staprun as root";
	case ENOEXEC:
		return "the kernel rejected the module as invalid (see dmesg)";
	case EKEYREJECTED:
	case EKEYEXPIRED:
		return "the kernel rejected the module's signature";
	default:
		return std::string("loading the module failed: ") + std::strerror(err) +
		       " (see dmesg)";
	}
}

std::string module_path(const std::string& arg)
{
	if (arg.find('/') != std::string::npos || arg.ends_with(".ko"))
		return arg;
	return "/lib/modules/" + running_release() + "/systemtap/" + arg + ".ko";
}

// The module name a file implies when its .modinfo has none.
std::string name_from_path(const std::string& path)
{
	std::string base = path.substr(path.rfind('/') + 1);
	if (base.ends_with(".ko"))
		base.resize(base.size() - 3);
	for (char& c : base)
		if (c == '-')
			c = '_';
	return base;
}

class Session
{
public:
	explicit Session(const Options& o) : o_(o) {}
	Session(const Session&) = delete;
	Session& operator=(const Session&) = delete;
	~Session();
	int run();

private:
	int fail(const std::string& msg);
	void verbose(const std::string& msg) const;
	bool prepare();
	bool load();
	bool connect();
	bool start();
	void main_loop();
	void stop();
	// Handles one message from the module; false when the channel failed.
	void handle(const Message& m);
	bool receive();
	bool wait_for(uint32_t type, Message& reply);
	void unload();

	const Options& o_;
	std::string path_;
	std::string image_;
	ModuleInfo info_;
	std::string name_;
	std::string params_;
	bool loaded_ = false;
	bool started_ = false;
	bool exit_requested_ = false;
	bool flush_pending_ = false; // a FLUSH not answered yet
	int status_ = 0;
	int sigfd_ = -1;
	ControlChannel ctl_;
	TraceReader reader_;
	TargetCommand target_;
	bool have_target_ = false;
	stp_msg_transport_info transport_{};
	stp_msg_exited exited_{};
	std::vector<Message> queue_;
};

Session::~Session()
{
	if (sigfd_ >= 0)
		::close(sigfd_);
}

// Reports msg (if any; the failing step may have said everything), then
// ends what was started and removes the module.
int Session::fail(const std::string& msg)
{
	if (!msg.empty())
		std::cerr << "staprun: " << msg << "\n";
	if (have_target_)
		target_.abandon();
	if (started_)
		stop();
	unload();
	return 1;
}

void Session::verbose(const std::string& msg) const
{
	if (o_.verbose > 0)
		std::cerr << "staprun: " << msg << "\n";
}

// Everything checked before the kernel is touched.
bool Session::prepare()
{
	path_ = module_path(o_.module);
	std::ifstream in(path_, std::ios::binary);
	if (!in) {
		std::cerr << "staprun: cannot read module " << path_ << ": " << std::strerror(errno)
			  << "\n";
		return false;
	}
	std::ostringstream buf;
	buf << in.rdbuf();
	image_ = buf.str();
	ModuleInfoResult r = read_module_info(image_);
	if (!r.error.empty()) {
		std::cerr << "staprun: " << path_ << ": " << r.error << "\n";
		return false;
	}
	info_ = r.info;
	name_ = info_.name.empty() ? name_from_path(path_) : info_.name;
	std::string running = running_release();
	if (info_.release() != running) {
		std::cerr << "staprun: " << path_ << " was built for kernel " << info_.release()
			  << ", but the running kernel is " << running
			  << "; build it for this kernel (stap -r " << running << ")\n";
		return false;
	}
	if (module_loaded(name_)) {
		std::cerr << "staprun: a module named '" << name_
			  << "' is already loaded; wait for it to end, remove it (rmmod " << name_
			  << "), or build the script under another name (stap -m NAME)\n";
		return false;
	}
	Params p = build_params(info_, o_.module_args, o_.buffer_size_mb);
	if (!p.error.empty()) {
		std::cerr << "staprun: " << p.error << "\n";
		return false;
	}
	params_ = p.text;
	return true;
}

bool Session::load()
{
	std::string err = ensure_debugfs();
	if (!err.empty()) {
		std::cerr << "staprun: " << err << "\n";
		return false;
	}
	int fd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		std::cerr << "staprun: cannot open " << path_ << ": " << std::strerror(errno)
			  << "\n";
		return false;
	}
	verbose("loading " + path_ + (params_.empty() ? "" : " with " + params_));
	int rc = load_module(fd, params_);
	::close(fd);
	if (rc) {
		std::cerr << "staprun: " << load_error(rc, name_) << "\n";
		return false;
	}
	loaded_ = true;
	return true;
}

bool Session::receive()
{
	std::string err = ctl_.receive(queue_);
	if (!err.empty()) {
		std::cerr << "staprun: " << err << "\n";
		return false;
	}
	return true;
}

void Session::handle(const Message& m)
{
	switch (m.type) {
	case STP_MSG_WARNING:
		if (!o_.suppress_warnings)
			std::cerr << m.payload << std::flush;
		break;
	case STP_MSG_ERROR:
		std::cerr << m.payload << std::flush;
		break;
	case STP_MSG_REQUEST_EXIT:
		verbose("the script asked to end");
		exit_requested_ = true;
		break;
	case STP_MSG_FLUSHED:
		flush_pending_ = false;
		reader_.release_up_to(payload_as<stp_msg_flushed>(m).watermark);
		break;
	default:
		break;
	}
}

// Handles messages until one of this type arrives.
bool Session::wait_for(uint32_t type, Message& reply)
{
	for (;;) {
		while (!queue_.empty()) {
			Message m = std::move(queue_.front());
			queue_.erase(queue_.begin());
			if (m.type == type) {
				reply = std::move(m);
				return true;
			}
			handle(m);
		}
		if (!receive())
			return false;
	}
}

bool Session::connect()
{
	std::string dir = module_debugfs_dir(name_);
	std::string err = ctl_.open(dir + "/" + STP_CTL_FILE);
	if (err.empty())
		err = ctl_.send(STP_MSG_TRANSPORT_INFO);
	if (!err.empty()) {
		std::cerr << "staprun: " << err << "\n";
		return false;
	}
	Message m;
	if (!wait_for(STP_MSG_TRANSPORT_INFO, m))
		return false;
	transport_ = payload_as<stp_msg_transport_info>(m);
	if (transport_.version != STP_PROTOCOL_VERSION) {
		std::cerr << "staprun: the module speaks protocol version " << transport_.version
			  << ", this staprun " << STP_PROTOCOL_VERSION << "\n";
		return false;
	}
	verbose("transport: " + std::to_string(transport_.ncpus) + " cpus, " +
		std::to_string(transport_.n_subbufs) + " x " +
		std::to_string(transport_.subbuf_size) + " bytes per cpu" +
		(transport_.bulk ? ", bulk mode" : ""));
	TraceConfig cfg;
	cfg.dir = dir;
	cfg.ncpus = transport_.ncpus;
	cfg.subbuf_size = transport_.subbuf_size;
	cfg.bulk = transport_.bulk != 0;
	cfg.output = expand_output_name(o_.output_file, std::time(nullptr));
	cfg.verbose = o_.verbose;
	err = reader_.open(cfg);
	if (!err.empty()) {
		std::cerr << "staprun: " << err << "\n";
		return false;
	}
	reader_.start();
	return true;
}

bool Session::start()
{
	stp_msg_start s{};
	if (have_target_)
		s.target = target_.pid();
	else if (o_.target_pid > 0)
		s.target = static_cast<int32_t>(o_.target_pid);
	std::string err = ctl_.send(STP_MSG_START, {reinterpret_cast<const char*>(&s), sizeof(s)});
	if (!err.empty()) {
		std::cerr << "staprun: " << err << "\n";
		return false;
	}
	started_ = true;
	Message m;
	if (!wait_for(STP_MSG_STARTED, m))
		return false;
	int32_t rc = payload_as<stp_msg_status>(m).status;
	if (rc != 0) {
		std::cerr << "staprun: the module failed to start: " << std::strerror(-rc) << "\n";
		return false;
	}
	verbose("probes started");
	return true;
}

void Session::main_loop()
{
	using clock = std::chrono::steady_clock;
	const auto interval = std::chrono::milliseconds(o_.reader_timeout_ms);
	constexpr auto kRecheck = std::chrono::milliseconds(10);
	auto next_flush = clock::now() + interval;
	auto flush_sent = clock::now();
	pollfd fds[2] = {{ctl_.fd(), POLLIN, 0}, {sigfd_, POLLIN, 0}};

	for (const Message& m : queue_)
		handle(m);
	queue_.clear();
	while (!exit_requested_) {
		auto now = clock::now();
		if (now >= next_flush) {
			/*
			 * Pushes partly filled buffers out; FLUSHED says how
			 * far.  Each push ends a sub-buffer early, so none while
			 * the reader is still writing out the last one's output
			 * (e.g. into a slow pipe): pushes would then fill the
			 * buffers with nearly empty sub-buffers and output would
			 * be lost with most of the space unused.  (A reply lost
			 * to a full control channel is not waited for longer
			 * than a second.)
			 */
			bool waiting = flush_pending_ && now - flush_sent < std::chrono::seconds(1);
			if (waiting || !reader_.caught_up()) {
				next_flush = now + std::min(interval, kRecheck);
			} else {
				if (!ctl_.send(STP_MSG_FLUSH).empty())
					break;
				flush_pending_ = true;
				flush_sent = now;
				next_flush = now + interval;
			}
		}
		auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(next_flush - now);
		int n = poll(fds, 2, static_cast<int>(wait.count()) + 1);
		if (n < 0 && errno != EINTR)
			break;
		if (n <= 0)
			continue;
		if (fds[1].revents & POLLIN) {
			signalfd_siginfo si;
			if (::read(sigfd_, &si, sizeof(si)) == sizeof(si)) {
				if (si.ssi_signo != SIGCHLD) {
					verbose(std::string("got ") + strsignal(si.ssi_signo) +
						", ending the script");
					exit_requested_ = true;
				} else if (have_target_ && target_.finished()) {
					verbose("the command ended, ending the script");
					exit_requested_ = true;
				}
			}
		}
		if (fds[0].revents & (POLLIN | POLLERR | POLLHUP)) {
			if (!receive())
				break;
			for (const Message& m : queue_)
				handle(m);
			queue_.clear();
		}
	}
}

// Ends the session: end probes run, everything written is drained.
void Session::stop()
{
	started_ = false;
	std::string err = ctl_.send(STP_MSG_EXIT);
	Message m;
	if (err.empty() && wait_for(STP_MSG_EXITED, m)) {
		exited_ = payload_as<stp_msg_exited>(m);
		if (exited_.status)
			status_ = 1;
	} else {
		if (!err.empty())
			std::cerr << "staprun: " << err << "\n";
		status_ = 1;
	}
	reader_.finish();
	std::string out_err = reader_.output_error();
	if (!out_err.empty()) {
		std::cerr << "staprun: " << out_err << "\n";
		status_ = 1;
	}
	verbose("ended: " + std::to_string(reader_.records()) + " records, " +
		std::to_string(exited_.errors) + " errors, " + std::to_string(exited_.skipped) +
		" skipped probes, " + std::to_string(exited_.dropped) + " bytes lost");
}

void Session::unload()
{
	reader_.close();
	ctl_.close();
	if (!loaded_)
		return;
	loaded_ = false;
	verbose("removing module " + name_);
	int rc = unload_module(name_);
	if (rc) {
		std::cerr << "staprun: cannot remove module " << name_ << ": " << std::strerror(rc)
			  << "\n";
		status_ = 1;
	}
}

int Session::run()
{
	if (!prepare())
		return 1;
	sigset_t mask;
	sigemptyset(&mask);
	for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGCHLD})
		sigaddset(&mask, sig);
	sigprocmask(SIG_BLOCK, &mask, nullptr);
	signal(SIGPIPE, SIG_IGN);
	sigfd_ = signalfd(-1, &mask, SFD_CLOEXEC);
	if (sigfd_ < 0)
		return fail(std::string("signalfd: ") + std::strerror(errno));
	if (!o_.target_command.empty()) {
		std::string err = target_.spawn(o_.target_command);
		if (!err.empty())
			return fail(err);
		have_target_ = true;
	}
	if (!load() || !connect() || !start())
		return fail("");
	if (have_target_)
		target_.release();
	main_loop();
	stop();
	unload();
	return status_;
}

} // namespace

int run_module(const Options& options)
{
	for (auto [set, opt] : {std::pair{options.load_and_detach, "-L"},
				{options.attach, "-A"},
				{options.daemon, "-D"},
				{options.rename, "-R"}}) {
		if (set) {
			std::cerr << "staprun: " << opt << " is not supported yet\n";
			return 1;
		}
	}
	Session s(options);
	return s.run();
}

int delete_module(const Options& options)
{
	std::string name = options.module;
	if (module_loaded(name) == false) {
		std::cerr << "staprun: no module named '" << name << "' is loaded\n";
		return 1;
	}
	int rc = unload_module(name);
	if (rc) {
		std::cerr << "staprun: cannot remove module " << name << ": " << std::strerror(rc)
			  << "\n";
		return 1;
	}
	return 0;
}

} // namespace staprun
