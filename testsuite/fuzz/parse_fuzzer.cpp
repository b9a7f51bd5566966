// libFuzzer harness for pass 1: any bytes as a script must produce either a
// tree or diagnostics -- never a crash, a hang or unbounded memory.  A script
// that parses without errors must also survive the round trip: printed,
// reparsed and printed again, the text is unchanged, and a deep clone prints
// the same.  A failed check aborts, which libFuzzer reports as a crash.
//
// Built with libFuzzer by -DSTAP_FUZZ=ON (clang); replay_main.cpp replays the
// regression corpus in every build.
#include "diag/diagnostics.h"
#include "diag/source_manager.h"
#include "parse/parse_context.h"
#include "parse/parser.h"
#include "parse/printer.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>

namespace
{

using namespace stap;

// A small macro library, so that inputs can exercise library macros too.
constexpr const char* kLibrary = "@define lib_zero %( 0 %)\n"
				 "@define lib_add(a, b) %( ((@a) + (@b)) %)\n"
				 "%( arch == \"x86_64\" %? @define lib_arch %( \"x86\" %) %)\n";

ParseEnvironment environment()
{
	ParseEnvironment env;
	env.kernel_release = "6.1.0-56-cloud-amd64";
	env.kernel_version = "6.1.0";
	env.guru_mode = true;
	env.kernel_config = [](const std::string& name) {
		return name == "CONFIG_KPROBES" ? std::string("y") : std::string();
	};
	env.script_args = {"5", "kernel.function(\"f\")", "\"s\""};
	return env;
}

struct Result {
	bool ok = false;
	std::string printed;
	std::string cloned;
};

Result parse_and_print(const std::string& text)
{
	SourceManager sources;
	Diagnostics diags(sources);
	ParseEnvironment env = environment();
	ParseContext ctx(sources, diags, env);
	MacroTable library;
	parse_macro_file(ctx, sources.add_file("lib.stpm", kLibrary), library);
	auto file = parse_file(ctx, sources.add_file("fuzz.stp", text), FileKind::Script, &library);

	std::ostringstream rendered; // exercises the rendering of every diagnostic
	diags.emit(rendered);

	Result r;
	r.ok = !diags.has_errors();
	std::ostringstream printed;
	print_file(printed, *file);
	r.printed = printed.str();

	std::ostringstream cloned;
	for (const auto& p : file->probes)
		print_statement(cloned, *p->clone()->body);
	for (const auto& f : file->functions)
		if (f->body)
			print_statement(cloned, *f->clone()->body);
	std::ostringstream original;
	for (const auto& p : file->probes)
		print_statement(original, *p->body);
	for (const auto& f : file->functions)
		if (f->body)
			print_statement(original, *f->body);
	if (original.str() != cloned.str()) {
		std::fprintf(stderr, "clone prints differently:\n%s\n---\n%s\n",
			     original.str().c_str(), cloned.str().c_str());
		std::abort();
	}
	return r;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
	std::string text(reinterpret_cast<const char*>(data), size);
	Result first = parse_and_print(text);
	if (!first.ok)
		return 0;
	Result second = parse_and_print(first.printed);
	if (!second.ok || second.printed != first.printed) {
		std::fprintf(stderr, "round trip failed:\n%s\n---\n%s\n", first.printed.c_str(),
			     second.printed.c_str());
		std::abort();
	}
	return 0;
}
