// Where the script's output goes: stdout, -o FILE, or in bulk mode one
// file per CPU.
#pragma once

#include <ctime>
#include <string>
#include <string_view>

namespace staprun
{

// -o FILE may hold strftime(3) conversions, expanded once at start.
std::string expand_output_name(const std::string& pattern, std::time_t now);
// Bulk mode's per-CPU file: FILE_cpuN (stpd_cpuN without -o).
std::string bulk_file_name(const std::string& base, unsigned cpu);

class OutputFile
{
public:
	OutputFile() = default;
	OutputFile(const OutputFile&) = delete;
	OutputFile& operator=(const OutputFile&) = delete;
	OutputFile(OutputFile&& other) noexcept;
	OutputFile& operator=(OutputFile&& other) noexcept;
	~OutputFile();

	// "" means stdout.  Returns "" or an error.
	std::string open(const std::string& path);
	// Writes everything; after a write error (say, a closed pipe) further
	// output is discarded, so that draining the module goes on.
	void write(std::string_view data);
	const std::string& error() const { return error_; }

private:
	int fd_ = -1;
	bool owned_ = false;
	std::string error_;
};

} // namespace staprun
