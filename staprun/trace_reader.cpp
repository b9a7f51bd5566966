#include "trace_reader.h"

#include "runtime/protocol.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>

namespace staprun
{

TraceReader::~TraceReader()
{
	close();
	if (wake_fd_ >= 0)
		::close(wake_fd_);
}

void TraceReader::close()
{
	if (thread_.joinable())
		finish();
	for (Cpu& c : cpus_)
		if (c.fd >= 0)
			::close(c.fd);
	cpus_.clear();
}

std::string TraceReader::open(const TraceConfig& config)
{
	config_ = config;
	buf_.resize(std::max<size_t>(config.subbuf_size, size_t{64} * 1024));
	wake_fd_ = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (wake_fd_ < 0)
		return std::string("eventfd: ") + std::strerror(errno);
	for (unsigned i = 0; i < config.ncpus; i++) {
		std::string path = config.dir + "/" + STP_TRACE_BASENAME + std::to_string(i);
		int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
		if (fd < 0) {
			if (errno == ENOENT)
				continue; // an offline CPU
			return "cannot open " + path + ": " + std::strerror(errno);
		}
		Cpu c;
		c.fd = fd;
		c.cpu = i;
		if (config.bulk) {
			std::string name = bulk_file_name(config.output, i);
			std::string err = c.bulk_out.open(name);
			if (!err.empty()) {
				::close(fd);
				return err;
			}
		}
		cpus_.push_back(std::move(c));
	}
	if (cpus_.empty())
		return "no trace files in " + config.dir;
	if (!config.bulk)
		return out_.open(config.output);
	return "";
}

void TraceReader::start()
{
	thread_ = std::thread([this] { run(); });
}

void TraceReader::wake()
{
	uint64_t one = 1;
	[[maybe_unused]] ssize_t n = ::write(wake_fd_, &one, sizeof(one));
}

void TraceReader::release_up_to(uint64_t watermark)
{
	{
		std::lock_guard<std::mutex> lock(mutex_);
		pending_ = std::max(pending_, watermark);
	}
	wake();
}

bool TraceReader::caught_up()
{
	std::lock_guard<std::mutex> lock(mutex_);
	return written_ >= pending_;
}

void TraceReader::finish()
{
	{
		std::lock_guard<std::mutex> lock(mutex_);
		finishing_ = true;
	}
	wake();
	if (thread_.joinable())
		thread_.join();
}

std::string TraceReader::output_error() const
{
	if (!out_.error().empty())
		return out_.error();
	for (const Cpu& c : cpus_)
		if (!c.bulk_out.error().empty())
			return c.bulk_out.error();
	return "";
}

// Reads every complete sub-buffer now available, on every CPU.
void TraceReader::drain()
{
	for (Cpu& c : cpus_) {
		for (;;) {
			ssize_t n = ::read(c.fd, buf_.data(), buf_.size());
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				break; // EAGAIN: nothing complete left
			std::string_view bytes(buf_.data(), static_cast<size_t>(n));
			if (config_.bulk) {
				c.bulk_out.write(bytes);
				continue;
			}
			c.parser.feed(bytes);
			while (auto r = c.parser.next()) {
				records_++;
				merger_.add(std::move(*r));
			}
			if (c.parser.corrupt()) {
				std::cerr << "staprun: malformed output records from cpu " << c.cpu
					  << "; its remaining output is lost\n";
				c.parser = RecordParser();
			}
		}
	}
}

void TraceReader::emit(uint64_t watermark, bool all)
{
	if (config_.bulk)
		return;
	for (const Record& r : all ? merger_.release_all() : merger_.release(watermark))
		out_.write(r.data);
}

void TraceReader::run()
{
	std::vector<pollfd> fds;
	for (const Cpu& c : cpus_)
		fds.push_back({c.fd, POLLIN, 0});
	fds.push_back({wake_fd_, POLLIN, 0});
	for (;;) {
		// The timeout only bounds how long a missed wakeup could delay us.
		poll(fds.data(), fds.size(), 1000);
		uint64_t counter;
		[[maybe_unused]] ssize_t n = ::read(wake_fd_, &counter, sizeof(counter));
		uint64_t watermark;
		bool finishing;
		{
			std::lock_guard<std::mutex> lock(mutex_);
			watermark = pending_;
			finishing = finishing_;
		}
		drain();
		emit(watermark, finishing);
		if (finishing)
			return;
		{
			std::lock_guard<std::mutex> lock(mutex_);
			written_ = std::max(written_, watermark);
		}
	}
}

} // namespace staprun
