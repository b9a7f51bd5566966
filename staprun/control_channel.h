// The control channel to a module (runtime/protocol.h): framed messages
// over its debugfs file "ctl".
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace staprun
{

struct Message {
	uint32_t type = 0;
	std::string payload;
};

// Splits the byte stream read from ctl into messages.
class MessageParser
{
public:
	void feed(std::string_view bytes);
	std::optional<Message> next();
	bool corrupt() const { return corrupt_; }

private:
	std::string buffer_;
	bool corrupt_ = false;
};

class ControlChannel
{
public:
	ControlChannel() = default;
	ControlChannel(const ControlChannel&) = delete;
	ControlChannel& operator=(const ControlChannel&) = delete;
	~ControlChannel();

	// "" or an error message.
	std::string open(const std::string& path);
	void close();
	int fd() const { return fd_; }

	// Sends one message; the module handles it before this returns.
	std::string send(uint32_t type, std::string_view payload = {});
	// Reads what is there (blocking until something is) into messages.
	std::string receive(std::vector<Message>& out);

private:
	int fd_ = -1;
	MessageParser parser_;
};

// A message's payload as a protocol struct (zero-filled if short).
template <typename T>
T payload_as(const Message& m)
{
	T t{};
	std::memcpy(&t, m.payload.data(), std::min(sizeof(T), m.payload.size()));
	return t;
}

} // namespace staprun
