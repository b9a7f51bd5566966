#include "record_stream.h"

#include "runtime/protocol.h"

#include <cstring>

namespace staprun
{

void RecordParser::feed(std::string_view bytes)
{
	if (offset_ > 0 && offset_ == buffer_.size()) {
		buffer_.clear();
		offset_ = 0;
	}
	buffer_.append(bytes);
}

std::optional<Record> RecordParser::next()
{
	if (corrupt_ || pending() < sizeof(stp_record_hdr))
		return std::nullopt;
	stp_record_hdr hdr;
	std::memcpy(&hdr, buffer_.data() + offset_, sizeof(hdr));
	if (hdr.len > kMaxRecordData) {
		corrupt_ = true;
		return std::nullopt;
	}
	if (pending() < sizeof(hdr) + hdr.len)
		return std::nullopt;
	Record r;
	r.seq = hdr.seq;
	r.cpu = hdr.cpu;
	r.data.assign(buffer_, offset_ + sizeof(hdr), hdr.len);
	offset_ += sizeof(hdr) + hdr.len;
	// Keep the buffer from growing without bound across many records.
	if (offset_ > (1u << 20)) {
		buffer_.erase(0, offset_);
		offset_ = 0;
	}
	return r;
}

void Merger::add(Record r)
{
	uint64_t seq = r.seq;
	records_.insert_or_assign(seq, std::move(r));
}

std::vector<Record> Merger::release(uint64_t watermark)
{
	std::vector<Record> out;
	auto end = records_.upper_bound(watermark);
	for (auto it = records_.begin(); it != end; ++it)
		out.push_back(std::move(it->second));
	records_.erase(records_.begin(), end);
	return out;
}

std::vector<Record> Merger::release_all()
{
	std::vector<Record> out;
	out.reserve(records_.size());
	for (auto& [seq, r] : records_)
		out.push_back(std::move(r));
	records_.clear();
	return out;
}

} // namespace staprun
