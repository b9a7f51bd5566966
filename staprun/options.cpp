#include "options.h"

#include <boost/program_options.hpp>

#include <algorithm>
#include <charconv>
#include <sstream>
#include <stdexcept>

namespace staprun
{

namespace po = boost::program_options;

namespace
{

struct UsageError : std::runtime_error {
	using std::runtime_error::runtime_error;
};

long parse_number(const std::string& text, const char* what, long lo, long hi)
{
	long value = 0;
	const char* end = text.data() + text.size();
	auto [ptr, ec] = std::from_chars(text.data(), end, value);
	if (ec != std::errc() || ptr != end || value < lo || value > hi)
		throw UsageError("invalid " + std::string(what) + " '" + text + "'");
	return value;
}

po::options_description make_description()
{
	po::options_description desc("Options");
	auto flag = [] { return po::value<std::vector<std::string>>()->zero_tokens(); };
	desc.add_options()("help,h", flag(), "show this help")("version,V", flag(), "show version")(
		"verbose,v", flag(), "verbose mode (repeatable)")(
		"suppress-warnings,w", flag(), "suppress warnings from the script")(
		"command,c", po::value<std::string>()->value_name("CMD"),
		"run CMD; exit when it does; target() is its pid")(
		"target-pid,x", po::value<std::string>()->value_name("PID"),
		"set target() to PID")("output,o", po::value<std::string>()->value_name("FILE"),
				       "send output to FILE (bulk mode: FILE_cpuN)")(
		"buffer-size,b", po::value<std::string>()->value_name("MB"),
		"transport buffer size in MB (1-4095)")(
		"load-detach,L", flag(), "load the module and start probes, then detach")(
		"attach,A", flag(), "attach to a loaded module")("delete,d", flag(),
								 "remove a detached module")(
		"daemon,D", flag(), "run in the background as a daemon")(
		"rename,R", flag(), "rename the module to a unique name before loading")(
		"color,C", po::value<std::string>()->value_name("WHEN"),
		"colour messages: never, always or auto")(
		"timeout,T", po::value<std::string>()->value_name("MS"),
		"longest wait before draining the trace buffers");
	return desc;
}

// Whether option token `arg` takes the next token as its value.
bool takes_separate_value(const std::string& arg)
{
	static const std::vector<std::string> long_with_value = {
		"--command", "--target-pid", "--output", "--buffer-size", "--color", "--timeout"};
	if (arg.size() == 2 && arg[0] == '-' && arg[1] != '-')
		return std::string("cxobCT").find(arg[1]) != std::string::npos;
	return std::find(long_with_value.begin(), long_with_value.end(), arg) !=
	       long_with_value.end();
}

// Options end at the module name (or "--"); what follows are module
// settings, even if they look like options.  Returns the index of the
// module name.
int first_positional(int argc, const char* const argv[])
{
	int i = 1;
	while (i < argc) {
		std::string a = argv[i];
		if (a == "--")
			return i;
		if (a.size() < 2 || a[0] != '-')
			return i;
		i += takes_separate_value(a) ? 2 : 1;
	}
	return std::min(i, argc);
}

void apply(Options& o, const std::string& key, const std::string& v)
{
	if (key == "help")
		o.show_help = true;
	else if (key == "version")
		o.show_version = true;
	else if (key == "verbose")
		++o.verbose;
	else if (key == "suppress-warnings")
		o.suppress_warnings = true;
	else if (key == "command")
		o.target_command = v;
	else if (key == "target-pid")
		o.target_pid = parse_number(v, "process id", 1, 0x7fffffff);
	else if (key == "output")
		o.output_file = v;
	else if (key == "buffer-size")
		o.buffer_size_mb = static_cast<int>(parse_number(v, "buffer size", 1, 4095));
	else if (key == "load-detach")
		o.load_and_detach = true;
	else if (key == "attach")
		o.attach = true;
	else if (key == "delete")
		o.delete_module = true;
	else if (key == "daemon")
		o.daemon = true;
	else if (key == "rename")
		o.rename = true;
	else if (key == "color") {
		if (v != "never" && v != "always" && v != "auto")
			throw UsageError("invalid -C argument '" + v + "'");
		o.color = v;
	} else if (key == "timeout")
		o.reader_timeout_ms = static_cast<int>(parse_number(v, "timeout", 1, 0x7fffffff));
	else
		throw UsageError("invalid option '" + key + "'");
}

} // namespace

ParsedCommandLine parse_command_line(int argc, const char* const argv[])
{
	ParsedCommandLine result;
	int split = first_positional(argc, argv);
	try {
		po::parsed_options parsed = po::command_line_parser(split, argv)
						    .options(make_description())
						    .style(po::command_line_style::unix_style &
							   ~po::command_line_style::allow_guessing)
						    .run();
		for (const po::option& opt : parsed.options)
			apply(result.options, opt.string_key,
			      opt.value.empty() ? std::string() : opt.value.front());
	} catch (const UsageError& e) {
		result.error = e.what();
	} catch (const po::error& e) {
		result.error = e.what();
	}
	int first = split < argc && std::string(argv[split]) == "--" ? split + 1 : split;
	if (result.error.empty() && first < argc) {
		result.options.module = argv[first];
		result.options.module_args.assign(argv + first + 1, argv + argc);
	}
	return result;
}

std::string help_text()
{
	std::ostringstream out;
	out << "Usage: staprun [options] MODULE [MODULE-OPTIONS]\n"
	       "Load a module built by stap, run it and print its output.\n\n"
	    << make_description()
	    << "\nMODULE-OPTIONS are NAME=VALUE settings of the script's global variables.\n";
	return out.str();
}

} // namespace staprun
