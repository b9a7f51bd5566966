// The control channel's message framing.
#include "control_channel.h"

#include "runtime/protocol.h"

#include <gtest/gtest.h>

namespace
{

std::string message(uint32_t type, const std::string& payload)
{
	stp_msg_hdr hdr{type, static_cast<uint32_t>(payload.size())};
	return std::string(reinterpret_cast<const char*>(&hdr), sizeof(hdr)) + payload;
}

TEST(MessageParser, FramesMessagesAcrossReads)
{
	std::string s = message(STP_MSG_WARNING, "WARNING: x\n") +
			message(STP_MSG_REQUEST_EXIT, "") + message(STP_MSG_ERROR, "ERROR: y\n");
	staprun::MessageParser p;
	p.feed(s.substr(0, 5));
	EXPECT_FALSE(p.next().has_value());
	p.feed(s.substr(5, 20));
	auto a = p.next();
	ASSERT_TRUE(a.has_value());
	EXPECT_EQ(a->type, static_cast<uint32_t>(STP_MSG_WARNING));
	EXPECT_EQ(a->payload, "WARNING: x\n");
	p.feed(s.substr(25));
	auto b = p.next();
	auto c = p.next();
	ASSERT_TRUE(b.has_value() && c.has_value());
	EXPECT_EQ(b->type, static_cast<uint32_t>(STP_MSG_REQUEST_EXIT));
	EXPECT_EQ(c->payload, "ERROR: y\n");
	EXPECT_FALSE(p.next().has_value());
}

TEST(MessageParser, RejectsOversizedPayloads)
{
	stp_msg_hdr hdr{STP_MSG_ERROR, STP_MSG_MAX_PAYLOAD + 1};
	staprun::MessageParser p;
	p.feed(std::string(reinterpret_cast<const char*>(&hdr), sizeof(hdr)));
	EXPECT_FALSE(p.next().has_value());
	EXPECT_TRUE(p.corrupt());
}

TEST(MessageParser, PayloadAsZeroFillsShortPayloads)
{
	staprun::Message m{STP_MSG_FLUSHED, std::string("\x05", 1)};
	EXPECT_EQ(staprun::payload_as<stp_msg_flushed>(m).watermark, 5u);
	staprun::Message empty{STP_MSG_EXITED, ""};
	EXPECT_EQ(staprun::payload_as<stp_msg_exited>(empty).status, 0);
}

} // namespace
