// Output records as the runtime writes them (runtime/protocol.h: a
// struct stp_record_hdr, then the data), and their merging across CPUs in
// sequence order.  Used by staprun for ordinary output and by stap-merge
// for bulk-mode files.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace staprun
{

struct Record {
	uint64_t seq = 0;
	uint32_t cpu = 0;
	std::string data;
};

// Splits one CPU's byte stream into records; bytes may arrive in pieces.
class RecordParser
{
public:
	void feed(std::string_view bytes);
	std::optional<Record> next();
	// Bytes of an incomplete record waiting for the rest.
	size_t pending() const { return buffer_.size() - offset_; }
	// A record announced a length beyond any the runtime writes.
	bool corrupt() const { return corrupt_; }

private:
	std::string buffer_;
	size_t offset_ = 0;
	bool corrupt_ = false;
};

// Holds records from all CPUs and hands them out in sequence order, up to
// a watermark below which no record can still arrive.
class Merger
{
public:
	void add(Record r);
	std::vector<Record> release(uint64_t watermark);
	std::vector<Record> release_all();
	size_t held() const { return records_.size(); }

private:
	std::map<uint64_t, Record> records_;
};

// The largest record data the runtime writes (its print buffer is at most
// 1 MiB); anything larger means the stream is not what we think it is.
inline constexpr uint32_t kMaxRecordData = 1u << 20;

} // namespace staprun
