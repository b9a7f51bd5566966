#include "output.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace staprun
{

std::string expand_output_name(const std::string& pattern, std::time_t now)
{
	if (pattern.find('%') == std::string::npos)
		return pattern;
	std::tm tm{};
	localtime_r(&now, &tm);
	char buf[4096];
	// The pattern is the user's -o argument, as with stap -o.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	size_t n = std::strftime(buf, sizeof(buf), pattern.c_str(), &tm);
#pragma GCC diagnostic pop
	return n ? std::string(buf, n) : pattern;
}

std::string bulk_file_name(const std::string& base, unsigned cpu)
{
	return (base.empty() ? std::string("stpd") : base) + "_cpu" + std::to_string(cpu);
}

OutputFile::OutputFile(OutputFile&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), owned_(std::exchange(other.owned_, false)),
      error_(std::move(other.error_))
{
}

OutputFile& OutputFile::operator=(OutputFile&& other) noexcept
{
	if (this != &other) {
		if (owned_ && fd_ >= 0)
			::close(fd_);
		fd_ = std::exchange(other.fd_, -1);
		owned_ = std::exchange(other.owned_, false);
		error_ = std::move(other.error_);
	}
	return *this;
}

OutputFile::~OutputFile()
{
	if (owned_ && fd_ >= 0)
		::close(fd_);
}

std::string OutputFile::open(const std::string& path)
{
	if (path.empty()) {
		fd_ = STDOUT_FILENO;
		owned_ = false;
		return "";
	}
	fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	if (fd_ < 0)
		return "cannot open output file " + path + ": " + std::strerror(errno);
	owned_ = true;
	return "";
}

void OutputFile::write(std::string_view data)
{
	while (!data.empty() && error_.empty()) {
		ssize_t n = ::write(fd_, data.data(), data.size());
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			error_ = std::string("output write failed: ") + std::strerror(errno);
			return;
		}
		data.remove_prefix(static_cast<size_t>(n));
	}
}

} // namespace staprun
