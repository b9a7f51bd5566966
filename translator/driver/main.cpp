// stap: the translator/driver.  Parses the command line and runs the passes.
#include "driver/codegen_pass.h"
#include "driver/elaborate_pass.h"
#include "driver/listing.h"
#include "driver/options.h"
#include "driver/parse_pass.h"
#include "driver/pass_manager.h"
#include "driver/session.h"

#include <cstdlib>
#include <iostream>
#include <unistd.h>

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
	if (!stap::wants_listing(opts) && !opts.script_file && !opts.script_text) {
		std::cerr << "stap: a script must be specified.\n"
			  << "Try 'stap --help' for more information.\n";
		return 1;
	}

	stap::Session session(cmdline.options, std::cout, std::cerr);
	session.diags.set_color(opts.color == "always" ||
				(opts.color == "auto" && isatty(STDERR_FILENO) != 0));
	if (stap::wants_listing(opts)) {
		int status = stap::run_listing(session);
		std::cout.flush();
		std::exit(status);
	}
	stap::PassManager passes;
	passes.add(stap::make_parse_pass());
	passes.add(stap::make_elaborate_pass());
	passes.add(stap::make_codegen_pass());
	int status = passes.run(session);
	// Exit without destroying the session: freeing a large AST node by
	// node is a measurable part of a run, and the system reclaims it all.
	std::cout.flush();
	std::exit(status);
}
