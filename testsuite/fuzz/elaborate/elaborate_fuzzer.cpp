// libFuzzer harness for pass 2: any bytes as a script, parsed and then
// elaborated against a small tapset library (testsuite/semtapset), with the
// optimiser on and off.  Pass 2 must report problems as diagnostics and never
// crash, hang or exhaust memory.  When it reports no error, the product must
// hold what code generation relies on (elaborate/elaborated_program.h):
// every symbol and call resolved, every variable typed, every derived probe
// with a handler and its global access computed.  A failed check aborts,
// which libFuzzer reports as a crash.
//
// Built with libFuzzer by -DSTAP_FUZZ=ON (clang); replay_main.cpp replays
// the regression corpus (elaborate/corpus/) in every build.
#include "diag/diagnostics.h"
#include "diag/source_manager.h"
#include "elaborate/elaborate.h"
#include "elaborate/program_printer.h"
#include "parse/ast_visitor.h"
#include "parse/parse_context.h"
#include "parse/parser.h"
#include "parse/tapset_library.h"
#include "probes/probe_registry.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#ifndef STAP_FUZZ_TAPSET_DIR
#error "STAP_FUZZ_TAPSET_DIR must name the test tapset directory"
#endif

namespace
{

using namespace stap;

[[noreturn]] void fail(const std::string& what)
{
	std::fprintf(stderr, "elaborate_fuzzer: %s\n", what.c_str());
	std::abort();
}

// The test library's files, read once: (path, text).
const std::vector<std::pair<std::string, std::string>>& library_texts()
{
	static const auto texts = [] {
		std::vector<std::pair<std::string, std::string>> list;
		TapsetSearch search;
		search.dirs = {STAP_FUZZ_TAPSET_DIR};
		search.arch = "x86_64";
		for (const std::string& path : find_tapset_files(search)) {
			std::ifstream in(path, std::ios::binary);
			std::ostringstream text;
			text << in.rdbuf();
			list.emplace_back(path, text.str());
		}
		if (list.empty())
			fail("no test tapset files in " STAP_FUZZ_TAPSET_DIR);
		return list;
	}();
	return texts;
}

// Checks what a successful elaboration promises.
class ProductCheck : public ast::ConstVisitor<ProductCheck>
{
public:
	using ConstVisitor::visit;
	void visit(const ast::Symbol& s)
	{
		if (s.referent == nullptr)
			fail("symbol '" + s.name + "' without a referent");
	}
	void visit(const ast::FunctionCall& c)
	{
		if (c.referent == nullptr)
			fail("call of '" + c.name + "' without a referent");
		ConstVisitor::visit(c);
	}
	void visit(const ast::Defined&) { fail("@defined left after pass 2"); }
	void visit(const ast::ProbeWrite&) { fail("@probewrite left after pass 2"); }

	static void decls(const std::vector<std::unique_ptr<ast::VarDecl>>& list)
	{
		for (const auto& d : list)
			if (d->type == ast::Type::Unknown || d->arity != 0)
				fail("local '" + d->name + "' untyped or not a scalar");
	}
};

void check_product(const ElaboratedProgram& p)
{
	ProductCheck check;
	for (const ast::GlobalVar* g : p.globals)
		if (g->type == ast::Type::Unknown && g->arity >= 0)
			fail("global '" + g->name + "' untyped");
	for (const ast::Function* f : p.functions) {
		ProductCheck::decls(f->locals);
		if (f->body)
			check.visit(*f->body);
		(void)p.access(*f);
		if (p.overloads(*f).empty())
			fail("function '" + f->name + "' in no overload set");
	}
	for (const auto& d : p.probes) {
		if (d->handler == nullptr)
			fail("derived probe without a handler");
		(void)p.access(*d->handler);
	}
	for (const auto& h : p.handlers) {
		ProductCheck::decls(h->locals);
		check.visit(*h->body);
		if (h->points.size() != 1)
			fail("handler without its point");
		if (h->points.front()->condition)
			check.visit(*h->points.front()->condition);
	}
}

void elaborate_once(const std::string& text, bool optimize)
{
	SourceManager sources;
	Diagnostics diags(sources);
	ParseEnvironment env;
	env.kernel_release = "6.1.0-56-cloud-amd64";
	env.kernel_version = "6.1.0";
	env.guru_mode = true;
	env.script_args = {"5", "begin", "\"s\""};
	ParseContext ctx(sources, diags, env);
	MacroTable macros;
	std::vector<std::unique_ptr<ast::File>> library;
	for (const auto& [path, source] : library_texts()) {
		std::uint32_t id = sources.add_file(path, source);
		if (path.ends_with(".stpm"))
			parse_macro_file(ctx, id, macros);
		else
			library.push_back(parse_file(ctx, id, FileKind::Tapset, &macros));
	}
	if (diags.has_errors())
		fail("the test tapset library does not parse");
	ast::Program program;
	program.files.push_back(
		parse_file(ctx, sources.add_file("fuzz.stp", text), FileKind::Script, &macros));
	if (diags.has_errors())
		return; // pass 1's harness covers what does not parse

	static const ProbeRegistry registry = make_builtin_registry();
	ElaborateOptions options;
	options.optimize = optimize;
	options.guru_mode = true;
	options.verbosity = 1;
	ElaborateInput input{sources, diags, program, library, registry, nullptr, options};
	ElaboratedProgram product = elaborate(input);

	std::ostringstream out; // renders every diagnostic and the product
	diags.emit(out);
	print_elaborated(out, product, true);
	if (!diags.has_errors())
		check_product(product);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
	std::string text(reinterpret_cast<const char*>(data), size);
	elaborate_once(text, true);
	elaborate_once(text, false);
	return 0;
}
