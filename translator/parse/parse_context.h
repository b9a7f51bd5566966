// What every stage of pass 1 shares: the sources, the diagnostics, the
// facts about the target that the preprocessor tests, and a bound on the
// errors one file may report.
#pragma once

#include "diag/diagnostics.h"
#include "diag/source_manager.h"

#include <functional>
#include <string>
#include <vector>

namespace stap
{

// The values %( %) conditions test (stap(1) PREPROCESSING) and the script
// arguments.  The driver fills it from the command line and the target
// kernel.
struct ParseEnvironment {
	std::string kernel_release;            // kernel_vr: "6.1.0-56-cloud-amd64"
	std::string kernel_version;            // kernel_v:  "6.1.0"
	std::string arch = "x86_64";           // arch
	std::string runtime = "kernel";        // runtime
	std::string systemtap_version = "5.0"; // systemtap_v (--compatible)
	std::string privilege = "stapdev";     // systemtap_privilege
	bool guru_mode = false;                // guru_mode, and embedded C in scripts
	std::function<std::string(const std::string&)> kernel_config; // "CONFIG_X" -> "y"/"m"/""
	std::vector<std::string> script_args;                         // $1 @1 ...
};

class ParseContext
{
public:
	ParseContext(SourceManager& source_manager, Diagnostics& diagnostics,
		     const ParseEnvironment& environment)
	    : sources(source_manager), diags(diagnostics), env(environment)
	{
	}

	SourceManager& sources;
	Diagnostics& diags;
	const ParseEnvironment& env;

	// Reports a parse error.  After kMaxErrorsPerFile errors in the current
	// file, further ones are dropped and gave_up() turns true so that the
	// stages stop early instead of drowning the user.
	Diagnostic* error(SourceLocation loc, std::string message, std::uint32_t length = 1);
	void start_file() { errors_in_file_ = 0; }
	[[nodiscard]] bool gave_up() const { return errors_in_file_ >= kMaxErrorsPerFile; }

	static constexpr unsigned kMaxErrorsPerFile = 50;

	// The SourceManager file holding script argument `index` (1-based, in
	// range), registered on first use so that its tokens have locations.
	std::uint32_t script_arg_file(std::size_t index);

private:
	unsigned errors_in_file_ = 0;
	std::vector<std::uint32_t> script_arg_files_;
};

} // namespace stap
