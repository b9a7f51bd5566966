// stap: the translator/driver.  Parses the command line and runs the passes.
#include "build/build_pass.h"
#include "build/subprocess.h"
#include "driver/cache_lookup.h"
#include "driver/clean_cache.h"
#include "driver/codegen_pass.h"
#include "driver/elaborate_pass.h"
#include "driver/listing.h"
#include "driver/options.h"
#include "driver/parse_pass.h"
#include "driver/pass_manager.h"
#include "driver/remote.h"
#include "driver/run_pass.h"
#include "driver/session.h"

#include <cstdlib>
#include <iostream>
#include <sstream>
#include <unistd.h>

namespace
{

int usage_error(const std::string& msg)
{
	std::cerr << "stap: " << msg << "\n"
		  << "Try 'stap --help' for more information.\n";
	return 1;
}

} // namespace

int main(int argc, char** argv)
{
	stap::ParsedCommandLine cmdline = stap::parse_command_line(argc, argv);
	if (!cmdline.error.empty())
		return usage_error(cmdline.error);
	stap::Options& opts = cmdline.options;
	if (opts.show_help) {
		std::cout << stap::help_text();
		return 0;
	}
	if (opts.show_version) {
		std::cout << stap::version_text();
		return 0;
	}
	if (opts.clean_cache)
		return stap::clean_caches(opts.verbose, std::cerr);
	if (!stap::wants_listing(opts) && !opts.script_file && !opts.script_text &&
	    opts.c_source_file.empty())
		return usage_error("a script must be specified.");
	if (!opts.c_source_file.empty() && opts.last_pass < 3)
		return usage_error(
			"--c-source stands in for passes 1-3: use it with -p3 or later.");
	if (opts.detach) {
		std::cerr << "stap: -F (load and detach) is not supported yet.\n";
		return 1;
	}
	stap::RemoteTarget remote;
	std::string error;
	if (!stap::parse_remotes(opts.remotes, remote, error))
		return usage_error(error);
	if (remote.qemu) {
		// The module is built for the kernel the VM boots: --remote's,
		// else -r's, else the newest installed.
		std::string spec =
			remote.kernel_spec.empty() ? opts.kernel_release : remote.kernel_spec;
		std::string release =
			stap::resolve_vm_kernel(stap::locate_install_paths(), spec, error);
		if (release.empty()) {
			std::cerr << "stap: --remote=qemu: " << error << "\n";
			return 1;
		}
		if (!opts.kernel_release.empty() && opts.kernel_release != release) {
			std::cerr << "stap: -r " << opts.kernel_release
				  << " and --remote=" << opts.remotes.front() << " (kernel "
				  << release << ") name different kernels.\n";
			return 1;
		}
		opts.kernel_release = release;
	}
	if (opts.script_file && *opts.script_file == "-") {
		// Read once, here: the module cache key and pass 1 see the same
		// text (pass 1 calls both -e and stdin "<input>").
		std::ostringstream text;
		text << std::cin.rdbuf();
		opts.script_text = text.str();
		opts.script_file.reset();
	}

	stap::catch_interruptions();
	stap::Session session(opts, std::cout, std::cerr);
	session.diags.set_color(opts.color == "always" ||
				(opts.color == "auto" && isatty(STDERR_FILENO) != 0));
	if (stap::wants_listing(opts)) {
		int status = stap::run_listing(session);
		std::cout.flush();
		std::exit(status);
	}
	bool cached = session.setup_error.empty() && opts.last_pass >= 3 &&
		      stap::identify_module(session);
	stap::PassManager passes;
	int first = 1;
	if (cached) {
		passes.add(stap::make_cached_c_pass());
		passes.add(stap::make_cached_ko_pass());
		first = 3;
	} else if (!opts.c_source_file.empty()) {
		passes.add(stap::make_c_source_pass());
		passes.add(stap::make_build_pass());
		first = 3;
	} else {
		passes.add(stap::make_parse_pass());
		passes.add(stap::make_elaborate_pass());
		passes.add(stap::make_codegen_pass());
		passes.add(stap::make_build_pass());
	}
	passes.add(stap::make_run_pass(remote));
	int status = passes.run(session, first);
	session.finish_temp_dir();
	if (int sig = stap::interruption(); sig != 0)
		status = 128 + sig;
	// Exit without destroying the session: freeing a large AST node by
	// node is a measurable part of a run, and the system reclaims it all.
	std::cout.flush();
	std::exit(status);
}
