// staprun: loads a module built by stap, streams its output, unloads it.
#include "options.h"
#include "session.h"

#include <iostream>

int main(int argc, char** argv)
{
	staprun::ParsedCommandLine cmdline = staprun::parse_command_line(argc, argv);
	if (!cmdline.error.empty()) {
		std::cerr << "staprun: " << cmdline.error << "\n"
			  << "Try 'staprun --help' for more information.\n";
		return 1;
	}
	const staprun::Options& opts = cmdline.options;
	if (opts.show_help) {
		std::cout << staprun::help_text();
		return 0;
	}
	if (opts.show_version) {
		std::cout << "staprun (stapforge) " STAP_VERSION "\n";
		return 0;
	}
	if (opts.module.empty()) {
		std::cerr << "staprun: a module must be specified.\n"
			  << "Try 'staprun --help' for more information.\n";
		return 1;
	}
	if (opts.delete_module)
		return staprun::delete_module(opts);
	return staprun::run_module(opts);
}
