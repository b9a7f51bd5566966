// stap: the translator/driver.  Parses the command line and runs the passes.
#include "driver/options.h"

#include <iostream>

int main(int argc, char** argv)
{
	stap::ParsedCommandLine cmdline = stap::parse_command_line(argc, argv);
	if (!cmdline.error.empty()) {
		std::cerr << "stap: " << cmdline.error << "\n"
			  << "Try 'stap --help' for more information.\n";
		return 1;
	}
	const stap::Options& opts = cmdline.options;
	if (opts.show_help) {
		std::cout << stap::help_text();
		return 0;
	}
	if (opts.show_version) {
		std::cout << stap::version_text();
		return 0;
	}
	if (!opts.script_file && !opts.script_text && !opts.list_probes) {
		std::cerr << "stap: a script must be specified.\n"
			  << "Try 'stap --help' for more information.\n";
		return 1;
	}
	std::cerr << "stap: the translation passes are not built yet.\n";
	return 1;
}
