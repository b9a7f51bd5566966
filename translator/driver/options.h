// stap's command line, with SystemTap's option spellings (stap(1)).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace stap
{

struct Options {
	// What to run.
	std::optional<std::string> script_file; // FILENAME, or "-" for stdin
	std::optional<std::string> script_text; // -e SCRIPT
	std::vector<std::string> extra_scripts; // -E SCRIPT (repeatable)
	std::vector<std::string> script_args;   // $1 @1 ...

	// Passes and verbosity.
	int last_pass = 5;                 // -p NUM
	int verbose = 0;                   // -v, repeatable
	std::array<int, 5> pass_verbose{}; // --vp ABCDE, added to `verbose`

	// Translation.
	std::vector<std::string> include_dirs;    // -I DIR
	std::vector<std::string> defines;         // -D NAME[=VALUE]
	std::vector<std::string> make_defines;    // -B NAME=VALUE
	std::vector<std::string> global_settings; // -G NAME=VALUE
	std::vector<std::string> modinfo;         // --modinfo NAME=VALUE
	std::string kernel_release;               // -r RELEASE or -r /DIR
	std::string module_name;                  // -m NAME
	std::string runtime_dir;                  // -R DIR
	bool guru_mode = false;                   // -g
	bool unoptimized = false;                 // -u
	bool suppress_warnings = false;           // -w
	bool warnings_as_errors = false;          // -W
	bool keep_tmpdir = false;                 // -k
	bool skip_badvars = false;                // --skip-badvars
	bool suppress_handler_errors = false;     // --suppress-handler-errors
	bool suppress_time_limits = false;        // --suppress-time-limits
	std::string privilege = "stapdev";        // --privilege / --unprivileged
	std::string compatible;                   // --compatible VERSION
	// Developer option: FILE is the generated C (passes 1-3 are skipped);
	// for runtime work and measurements with hand-written modules.
	std::string c_source_file; // --c-source FILE

	// Listing instead of running.
	std::optional<std::string> list_probes; // -l PROBE
	bool list_with_vars = false;            // -L PROBE (list_probes holds PROBE)
	bool dump_probe_types = false;
	bool dump_probe_aliases = false;
	bool dump_functions = false;

	// Pass 5.
	std::string output_file;          // -o FILE
	std::string target_command;       // -c CMD
	long target_pid = 0;              // -x PID
	int buffer_size_mb = 0;           // -s NUM (0: module default)
	bool bulk_mode = false;           // -b
	bool detach = false;              // -F
	int timeout_seconds = 0;          // -T TIMEOUT
	std::vector<std::string> remotes; // --remote URL

	// Caching.
	bool disable_cache = false; // --disable-cache
	bool poison_cache = false;  // --poison-cache
	bool clean_cache = false;   // --clean-cache

	std::string color = "auto"; // --color[=WHEN]

	bool show_help = false;    // -h --help
	bool show_version = false; // -V --version

	// Effective verbosity of pass `pass` (1-5).
	[[nodiscard]] int verbosity(int pass) const
	{
		return verbose + (pass >= 1 && pass <= 5 ? pass_verbose[pass - 1] : 0);
	}
};

// Result of parsing: either options, or an error message for the user
// ("invalid option ..."), already phrased.
struct ParsedCommandLine {
	Options options;
	std::string error; // empty on success
};

ParsedCommandLine parse_command_line(int argc, const char* const argv[]);

// The text of `stap --help` and `stap --version`.
std::string help_text();
std::string version_text();

} // namespace stap
