#include "control_channel.h"

#include "runtime/protocol.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace staprun
{

void MessageParser::feed(std::string_view bytes)
{
	buffer_.append(bytes);
}

std::optional<Message> MessageParser::next()
{
	if (corrupt_ || buffer_.size() < sizeof(stp_msg_hdr))
		return std::nullopt;
	stp_msg_hdr hdr;
	std::memcpy(&hdr, buffer_.data(), sizeof(hdr));
	if (hdr.len > STP_MSG_MAX_PAYLOAD) {
		corrupt_ = true;
		return std::nullopt;
	}
	if (buffer_.size() < sizeof(hdr) + hdr.len)
		return std::nullopt;
	Message m;
	m.type = hdr.type;
	m.payload = buffer_.substr(sizeof(hdr), hdr.len);
	buffer_.erase(0, sizeof(hdr) + hdr.len);
	return m;
}

ControlChannel::~ControlChannel()
{
	close();
}

std::string ControlChannel::open(const std::string& path)
{
	fd_ = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
	if (fd_ < 0)
		return "cannot open " + path + ": " + std::strerror(errno);
	return "";
}

void ControlChannel::close()
{
	if (fd_ >= 0)
		::close(fd_);
	fd_ = -1;
}

std::string ControlChannel::send(uint32_t type, std::string_view payload)
{
	stp_msg_hdr hdr{type, static_cast<uint32_t>(payload.size())};
	std::string msg(reinterpret_cast<const char*>(&hdr), sizeof(hdr));
	msg.append(payload);
	ssize_t n;
	do
		n = ::write(fd_, msg.data(), msg.size());
	while (n < 0 && errno == EINTR);
	if (n != static_cast<ssize_t>(msg.size()))
		return std::string("control channel write failed: ") +
		       (n < 0 ? std::strerror(errno) : "short write");
	return "";
}

std::string ControlChannel::receive(std::vector<Message>& out)
{
	char buf[8192];
	ssize_t n;
	do
		n = ::read(fd_, buf, sizeof(buf));
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return std::string("control channel read failed: ") + std::strerror(errno);
	if (n == 0)
		return "control channel closed";
	parser_.feed(std::string_view(buf, static_cast<size_t>(n)));
	while (auto m = parser_.next())
		out.push_back(std::move(*m));
	if (parser_.corrupt())
		return "control channel: malformed message";
	return "";
}

} // namespace staprun
