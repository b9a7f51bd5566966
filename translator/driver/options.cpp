#include "driver/options.h"

#include "driver/install_paths.h"

#include <boost/program_options.hpp>
#include <elfutils/libdwfl.h>

#include <algorithm>
#include <charconv>
#include <functional>
#include <sstream>
#include <stdexcept>

namespace stap
{

namespace po = boost::program_options;

namespace
{

// A user-facing complaint about the command line.
struct UsageError : std::runtime_error {
	using std::runtime_error::runtime_error;
};

long parse_number(const std::string& text, const char* what, long lo, long hi)
{
	long value = 0;
	const char* end = text.data() + text.size();
	auto [ptr, ec] = std::from_chars(text.data(), end, value);
	if (ec != std::errc() || ptr != end || value < lo || value > hi)
		throw UsageError("invalid " + std::string(what) + " '" + text + "' (should be " +
				 std::to_string(lo) + "-" + std::to_string(hi) + ")");
	return value;
}

using Apply = std::function<void(Options&, const std::string&)>;

// One option: its Boost spelling ("long,s"), its argument name (nullptr for
// a flag, "[=WHEN]"-style options use `implicit`), its help, and what it does.
struct OptionSpec {
	const char* names;
	const char* arg;
	const char* help;
	Apply apply;
	const char* implicit = nullptr;
};

const std::vector<OptionSpec>& option_specs()
{
	static const std::vector<OptionSpec> specs = {
		{"help,h", nullptr, "show this help",
		 [](Options& o, auto&) { o.show_help = true; }},
		{"version,V", nullptr, "show version",
		 [](Options& o, auto&) { o.show_version = true; }},
		{"pass,p", "NUM",
		 "stop after pass NUM (1-5: parse, elaborate, translate, compile, run)",
		 [](Options& o, const std::string& v) {
			 o.last_pass = static_cast<int>(parse_number(v, "pass number", 1, 5));
		 }},
		{"verbose,v", nullptr, "increase verbosity (repeatable)",
		 [](Options& o, auto&) { ++o.verbose; }},
		{"vp", "ABCDE", "increase verbosity per pass",
		 [](Options& o, const std::string& v) {
			 if (v.size() > 5)
				 throw UsageError("invalid --vp argument '" + v +
						  "' (at most 5 digits)");
			 for (std::size_t i = 0; i < v.size(); ++i) {
				 if (v[i] < '0' || v[i] > '9')
					 throw UsageError("invalid --vp argument '" + v + "'");
				 o.pass_verbose[i] += v[i] - '0';
			 }
		 }},
		{"keep,k", nullptr, "keep the temporary build directory",
		 [](Options& o, auto&) { o.keep_tmpdir = true; }},
		{"guru,g", nullptr, "guru mode: allow embedded C",
		 [](Options& o, auto&) { o.guru_mode = true; }},
		{"unoptimized,u", nullptr, "disable unused-code elision and other optimisations",
		 [](Options& o, auto&) { o.unoptimized = true; }},
		{"suppress-warnings,w", nullptr, "suppress warnings",
		 [](Options& o, auto&) { o.suppress_warnings = true; }},
		{"warnings-as-errors,W", nullptr, "treat warnings as errors",
		 [](Options& o, auto&) { o.warnings_as_errors = true; }},
		{"bulk,b", nullptr, "bulk mode: per-CPU output files",
		 [](Options& o, auto&) { o.bulk_mode = true; }},
		{"buffer-size,s", "NUM", "NUM megabyte transport buffers per CPU",
		 [](Options& o, const std::string& v) {
			 o.buffer_size_mb =
				 static_cast<int>(parse_number(v, "buffer size", 1, 4095));
		 }},
		{"include,I", "DIR", "add DIR to the tapset search path",
		 [](Options& o, const std::string& v) { o.include_dirs.push_back(v); }},
		{"define,D", "NAME=VALUE", "add a C preprocessor definition to the module build",
		 [](Options& o, const std::string& v) { o.defines.push_back(v); }},
		{"make-define,B", "NAME=VALUE", "add a make variable to the module build",
		 [](Options& o, const std::string& v) { o.make_defines.push_back(v); }},
		{"global,G", "NAME=VALUE", "set a scalar global when the module starts",
		 [](Options& o, const std::string& v) { o.global_settings.push_back(v); }},
		{"modinfo", "NAME=VALUE", "add a MODULE_INFO entry to the module",
		 [](Options& o, const std::string& v) { o.modinfo.push_back(v); }},
		{"runtime-dir,R", "DIR", "look for the runtime sources in DIR",
		 [](Options& o, const std::string& v) { o.runtime_dir = v; }},
		{"release,r", "RELEASE", "build for kernel RELEASE (or the build tree /DIR)",
		 [](Options& o, const std::string& v) { o.kernel_release = v; }},
		{"module,m", "NAME", "name the generated module NAME",
		 [](Options& o, const std::string& v) { o.module_name = v; }},
		{"output,o", "FILE", "send the script's output to FILE",
		 [](Options& o, const std::string& v) { o.output_file = v; }},
		{"command,c", "CMD", "run CMD with the probes active; exit when it does",
		 [](Options& o, const std::string& v) { o.target_command = v; }},
		{"target-pid,x", "PID", "set target() to PID",
		 [](Options& o, const std::string& v) {
			 o.target_pid = parse_number(v, "process id", 1, 0x7fffffff);
		 }},
		{"script,e", "SCRIPT", "run SCRIPT given on the command line",
		 [](Options& o, const std::string& v) { o.script_text = v; }},
		{"additional-script,E", "SCRIPT", "run SCRIPT in addition to the main script",
		 [](Options& o, const std::string& v) { o.extra_scripts.push_back(v); }},
		{"list,l", "PROBE", "list probe points matching PROBE",
		 [](Options& o, const std::string& v) {
			 o.list_probes = v;
			 o.list_with_vars = false;
		 }},
		{"list-vars,L", "PROBE", "list matching probe points and their context variables",
		 [](Options& o, const std::string& v) {
			 o.list_probes = v;
			 o.list_with_vars = true;
		 }},
		{"detach,F", nullptr, "load the module and detach, leaving the probes running",
		 [](Options& o, auto&) { o.detach = true; }},
		{"timeout,T", "SECONDS", "exit the script after SECONDS",
		 [](Options& o, const std::string& v) {
			 o.timeout_seconds =
				 static_cast<int>(parse_number(v, "timeout", 1, 0x7fffffff));
		 }},
		{"skip-badvars", nullptr, "substitute 0 for unresolvable context variables",
		 [](Options& o, auto&) { o.skip_badvars = true; }},
		{"suppress-handler-errors", nullptr, "ignore run-time errors in probe handlers",
		 [](Options& o, auto&) { o.suppress_handler_errors = true; }},
		{"suppress-time-limits", nullptr,
		 "disable MAXACTION and overload limits (guru mode)",
		 [](Options& o, auto&) { o.suppress_time_limits = true; }},
		{"privilege", "LEVEL", "check the script against stapusr, stapsys or stapdev",
		 [](Options& o, const std::string& v) {
			 if (v != "stapusr" && v != "stapsys" && v != "stapdev")
				 throw UsageError("invalid privilege level '" + v +
						  "' (should be stapusr, stapsys or stapdev)");
			 o.privilege = v;
		 },
		 "stapusr"},
		{"unprivileged", nullptr, "same as --privilege=stapusr",
		 [](Options& o, auto&) { o.privilege = "stapusr"; }},
		{"compatible", "VERSION", "accept the language of an older SystemTap VERSION",
		 [](Options& o, const std::string& v) { o.compatible = v; }},
		{"dump-probe-types", nullptr, "list the supported probe types",
		 [](Options& o, auto&) { o.dump_probe_types = true; }},
		{"dump-probe-aliases", nullptr, "list the probe aliases of the tapset library",
		 [](Options& o, auto&) { o.dump_probe_aliases = true; }},
		{"dump-functions", nullptr, "list the functions of the tapset library",
		 [](Options& o, auto&) { o.dump_functions = true; }},
		{"disable-cache", nullptr,
		 "neither read nor write the module cache (the per-kernel runtime is still cached)",
		 [](Options& o, auto&) { o.disable_cache = true; }},
		{"poison-cache", nullptr, "ignore cached modules but store new ones",
		 [](Options& o, auto&) { o.poison_cache = true; }},
		{"clean-cache", nullptr, "prune the module cache and exit",
		 [](Options& o, auto&) { o.clean_cache = true; }},
		{"c-source", "FILE",
		 "developer option: use FILE as the generated C, skipping passes 1-3",
		 [](Options& o, const std::string& v) { o.c_source_file = v; }},
		{"remote", "URL", "run pass 5 on URL (qemu[:RELEASE] boots a disposable VM)",
		 [](Options& o, const std::string& v) { o.remotes.push_back(v); }},
		{"color", "WHEN", "colour diagnostics: never, always or auto",
		 [](Options& o, const std::string& v) {
			 if (v != "never" && v != "always" && v != "auto")
				 throw UsageError("invalid --color argument '" + v + "'");
			 o.color = v;
		 },
		 "always"},
		{"colour", "WHEN", "same as --color",
		 [](Options& o, const std::string& v) { o.color = v; }, "always"},
	};
	return specs;
}

po::options_description make_description()
{
	po::options_description desc("Options");
	for (const OptionSpec& spec : option_specs()) {
		if (spec.arg == nullptr) {
			desc.add_options()(spec.names,
					   po::value<std::vector<std::string>>()->zero_tokens(),
					   spec.help);
		} else {
			auto* value = po::value<std::string>()->value_name(spec.arg);
			if (spec.implicit)
				value->implicit_value(spec.implicit);
			desc.add_options()(spec.names, value, spec.help);
		}
	}
	return desc;
}

const OptionSpec* find_spec(const std::string& key)
{
	for (const OptionSpec& spec : option_specs()) {
		std::string names = spec.names;
		if (names.substr(0, names.find(',')) == key)
			return &spec;
	}
	return nullptr;
}

// Whether the option token `arg` ("--name", "-x" or a run of short options)
// takes the next token as its value.  Long names may be abbreviated, as
// Boost accepts them.
bool takes_next_token(const std::string& arg)
{
	auto separate_value = [](const OptionSpec& s) { return s.arg && !s.implicit; };
	if (arg.starts_with("--")) {
		if (arg.find('=') != std::string::npos)
			return false;
		std::string name = arg.substr(2);
		const OptionSpec* match = nullptr;
		for (const OptionSpec& spec : option_specs()) {
			std::string names = spec.names;
			std::string long_name = names.substr(0, names.find(','));
			if (long_name == name)
				return separate_value(spec);
			if (long_name.starts_with(name))
				match = match ? nullptr : &spec; // ambiguous: Boost complains
		}
		return match && separate_value(*match);
	}
	// -vkp4: flags until the first option with a value, which takes the
	// rest of the token, or the next token if there is no rest.
	for (std::size_t i = 1; i < arg.size(); ++i) {
		for (const OptionSpec& spec : option_specs()) {
			std::string names = spec.names;
			std::size_t comma = names.find(',');
			if (comma == std::string::npos ||
			    names.substr(comma + 1) != std::string(1, arg[i]))
				continue;
			if (separate_value(spec))
				return i + 1 == arg.size();
			break;
		}
	}
	return false;
}

// stap reads options only up to the script name (or, with -e, the first
// argument): everything after it belongs to the script as $1, $2, ...
// Returns the index of the first such token (a "--" there is not part of
// them).
int first_positional(int argc, const char* const argv[])
{
	int i = 1;
	while (i < argc) {
		std::string a = argv[i];
		if (a == "--" || a.size() < 2 || a[0] != '-')
			return i;
		i += takes_next_token(a) ? 2 : 1;
	}
	return std::min(i, argc);
}

} // namespace

ParsedCommandLine parse_command_line(int argc, const char* const argv[])
{
	ParsedCommandLine result;
	Options& opts = result.options;
	try {
		po::options_description desc = make_description();
		auto style = po::command_line_style::unix_style;
		int split = first_positional(argc, argv);
		po::parsed_options parsed =
			po::command_line_parser(split, argv).options(desc).style(style).run();
		int rest = split < argc && std::string(argv[split]) == "--" ? split + 1 : split;
		std::vector<std::string> positional(argv + rest, argv + argc);
		for (const po::option& opt : parsed.options) {
			const OptionSpec* spec = find_spec(opt.string_key);
			if (spec == nullptr)
				throw UsageError("invalid option '" + opt.string_key + "'");
			std::string value;
			if (!opt.value.empty())
				value = opt.value.front();
			else if (spec->implicit)
				value = spec->implicit; // "--color" alone means "--color=always"
			spec->apply(opts, value);
		}
		auto it = positional.begin();
		if (!opts.script_text && !opts.list_probes && it != positional.end())
			opts.script_file = *it++;
		opts.script_args.assign(it, positional.end());
	} catch (const UsageError& e) {
		result.error = e.what();
	} catch (const po::error& e) {
		result.error = e.what();
	}
	return result;
}

std::string help_text()
{
	InstallPaths paths = locate_install_paths();
	std::ostringstream out;
	out << "Usage: stap [options] FILE [ARGS ...]       Run script in file.\n"
	       "   or: stap [options] -                     Run script on stdin.\n"
	       "   or: stap [options] -e SCRIPT [ARGS ...]  Run given script.\n"
	       "   or: stap [options] -l PROBE              List matching probes.\n"
	       "   or: stap [options] -L PROBE              List matching probes and "
	       "local variables.\n\n";
	out << make_description();
	out << "\nTapset directory: " << paths.tapset_dir
	    << "\nRuntime directory: " << paths.runtime_dir << "\n";
	return out.str();
}

std::string version_text()
{
	std::ostringstream out;
	const char* elfutils = dwfl_version(nullptr);
	out << "stapforge translator/driver (version " STAP_VERSION "/"
	    << (elfutils ? elfutils : "unknown") << ", SystemTap language 5.0)\n"
	    << "A SystemTap-compatible kernel probing toolchain.\n"
	    << "This is free software; see the source for copying conditions.\n";
	return out.str();
}

} // namespace stap
