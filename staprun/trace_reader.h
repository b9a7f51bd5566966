// Drains a module's per-CPU trace files (complete relay sub-buffers) on a
// thread of its own, so that output keeps flowing while the control
// channel is busy, e.g. while the begin or end probes run.
//
// Ordinary output: records from all CPUs are merged in sequence order,
// up to the watermark of the latest FLUSHED (or EXITED) message, and
// written to stdout or -o FILE.  Bulk mode: each CPU's raw records go to
// its own file, for stap-merge.
#pragma once

#include "output.h"
#include "record_stream.h"

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace staprun
{

struct TraceConfig {
	std::string dir;    // the module's debugfs directory
	unsigned ncpus = 0; // trace0 .. trace<ncpus-1>, absent ones skipped
	size_t subbuf_size = 0;
	bool bulk = false;
	std::string output; // -o FILE after expansion; "" for stdout
	int verbose = 0;
};

class TraceReader
{
public:
	TraceReader() = default;
	TraceReader(const TraceReader&) = delete;
	TraceReader& operator=(const TraceReader&) = delete;
	~TraceReader();

	// Opens the trace files and the outputs.  "" or an error.
	std::string open(const TraceConfig& config);
	void start();
	// Everything up to watermark is readable: drain, then write it out.
	void release_up_to(uint64_t watermark);
	// Whether everything up to the latest watermark has been written
	// out, so that asking the module to flush again wastes no buffer
	// space on a reader that is behind.
	bool caught_up();
	// The module has stopped: drain everything, write it all, stop.
	void finish();
	// Closes the trace files (they pin the module).
	void close();

	uint64_t records() const { return records_; }
	std::string output_error() const;

private:
	struct Cpu {
		int fd = -1;
		unsigned cpu = 0;
		RecordParser parser;
		OutputFile bulk_out;
	};

	void run();
	void drain();
	void emit(uint64_t watermark, bool all);
	void wake();

	TraceConfig config_;
	std::vector<Cpu> cpus_;
	std::vector<char> buf_;
	OutputFile out_;
	Merger merger_;
	std::thread thread_;
	int wake_fd_ = -1;
	std::mutex mutex_; // guards pending_, written_ and finishing_
	uint64_t pending_ = 0;
	uint64_t written_ = 0; // the watermark last written out
	bool finishing_ = false;
	std::atomic<uint64_t> records_{0};
};

} // namespace staprun
