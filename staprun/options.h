// staprun's command line, with SystemTap's option spellings (staprun(8)).
#pragma once

#include <string>
#include <vector>

namespace staprun
{

struct Options {
	std::string module;                   // path to NAME.ko, or a module name
	std::vector<std::string> module_args; // NAME=VALUE settings for globals
	int verbose = 0;                      // -v
	bool suppress_warnings = false;       // -w
	std::string target_command;           // -c CMD
	long target_pid = 0;                  // -x PID
	std::string output_file;              // -o FILE
	int buffer_size_mb = 0;               // -b NUM (0: as the module asks)
	bool load_and_detach = false;         // -L
	bool attach = false;                  // -A
	bool delete_module = false;           // -d
	bool daemon = false;                  // -D
	bool rename = false;                  // -R
	std::string color = "auto";           // -C WHEN
	int reader_timeout_ms = 200;          // -T MS
	bool show_help = false;               // -h
	bool show_version = false;            // -V
};

struct ParsedCommandLine {
	Options options;
	std::string error; // empty on success
};

ParsedCommandLine parse_command_line(int argc, const char* const argv[]);
std::string help_text();

} // namespace staprun
