// Records of the runtime's trace files and their merge in sequence order.
#include "record_stream.h"

#include "runtime/protocol.h"

#include <gtest/gtest.h>

namespace
{

std::string record(uint64_t seq, uint32_t cpu, const std::string& data)
{
	stp_record_hdr hdr{seq, static_cast<uint32_t>(data.size()), cpu};
	return std::string(reinterpret_cast<const char*>(&hdr), sizeof(hdr)) + data;
}

TEST(RecordParser, SplitsRecordsArrivingInPieces)
{
	std::string stream = record(1, 0, "hello ") + record(5, 0, "") + record(9, 0, "world\n");
	staprun::RecordParser p;
	std::vector<staprun::Record> got;
	for (char c : stream) {
		p.feed(std::string_view(&c, 1));
		while (auto r = p.next())
			got.push_back(*r);
	}
	ASSERT_EQ(got.size(), 3u);
	EXPECT_EQ(got[0].seq, 1u);
	EXPECT_EQ(got[0].data, "hello ");
	EXPECT_EQ(got[1].data, "");
	EXPECT_EQ(got[2].seq, 9u);
	EXPECT_EQ(got[2].data, "world\n");
	EXPECT_EQ(p.pending(), 0u);
	EXPECT_FALSE(p.corrupt());
}

TEST(RecordParser, KeepsBinaryDataAndPartialRecords)
{
	std::string data("a\0b\xff", 4);
	std::string s = record(7, 3, data);
	staprun::RecordParser p;
	p.feed(s.substr(0, 10));
	EXPECT_FALSE(p.next().has_value());
	EXPECT_EQ(p.pending(), 10u);
	p.feed(s.substr(10));
	auto r = p.next();
	ASSERT_TRUE(r.has_value());
	EXPECT_EQ(r->data, data);
	EXPECT_EQ(r->cpu, 3u);
}

TEST(RecordParser, RejectsAbsurdLengths)
{
	stp_record_hdr hdr{1, staprun::kMaxRecordData + 1, 0};
	staprun::RecordParser p;
	p.feed(std::string(reinterpret_cast<const char*>(&hdr), sizeof(hdr)));
	EXPECT_FALSE(p.next().has_value());
	EXPECT_TRUE(p.corrupt());
}

TEST(Merger, ReleasesInSequenceOrderUpToTheWatermark)
{
	staprun::Merger m;
	m.add({4, 1, "d"});
	m.add({1, 0, "a"});
	m.add({3, 0, "c"});
	m.add({7, 1, "g"});
	auto first = m.release(3);
	ASSERT_EQ(first.size(), 2u);
	EXPECT_EQ(first[0].data, "a");
	EXPECT_EQ(first[1].data, "c");
	EXPECT_EQ(m.held(), 2u);
	m.add({2, 1, "b"}); // late, but the caller promised it could not be
	auto rest = m.release_all();
	ASSERT_EQ(rest.size(), 3u);
	EXPECT_EQ(rest[0].data, "b");
	EXPECT_EQ(rest[1].data, "d");
	EXPECT_EQ(rest[2].data, "g");
	EXPECT_TRUE(m.release(100).empty());
}

} // namespace
