// Helpers for the pass 2 unit tests: parse a script and a small tapset
// library from text, elaborate them, and look at the result.
#pragma once

#include "diag/diagnostics.h"
#include "diag/source_manager.h"
#include "elaborate/elaborate.h"
#include "elaborate/program_printer.h"
#include "parse/parse_context.h"
#include "parse/parser.h"
#include "probes/probe_registry.h"

#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace stap::test
{

// A tapset file for the library: its name and its text.
using LibraryFile = std::pair<std::string, std::string>;

// One elaboration: owns everything the result's locations refer to.
struct Elaborated {
	SourceManager sources;
	Diagnostics diags{sources};
	ParseEnvironment env;
	ast::Program program;
	std::vector<std::unique_ptr<ast::File>> library;
	ProbeRegistry registry = make_builtin_registry();
	ElaboratedProgram result;

	[[nodiscard]] bool ok() const { return !diags.has_errors(); }

	// Every diagnostic, one "file:line:col: kind: message" line each;
	// notes follow as "  note: ...".
	[[nodiscard]] std::string messages() const
	{
		std::string out;
		for (const Diagnostic& d : diags.all()) {
			out += sources.describe(d.loc) + ": " + diag_kind_label(d.kind) + ": " +
			       d.message + "\n";
			for (const DiagNote& n : d.notes)
				out += "  note: " + n.message + "\n";
		}
		return out;
	}
	// Just the errors' messages, without locations.
	[[nodiscard]] std::string errors() const
	{
		std::string out;
		for (const Diagnostic& d : diags.all())
			if (d.is_error())
				out += d.message + "\n";
		return out;
	}
	[[nodiscard]] std::string printed(bool verbose = false) const
	{
		std::ostringstream out;
		print_elaborated(out, result, verbose);
		return out.str();
	}

	[[nodiscard]] const ast::GlobalVar* global(std::string_view name) const
	{
		for (const ast::GlobalVar* g : result.globals)
			if (g->name == name)
				return g;
		return nullptr;
	}
	[[nodiscard]] const ast::Function* function(std::string_view name) const
	{
		for (const ast::Function* f : result.functions)
			if (f->name == name)
				return f;
		return nullptr;
	}
	// A local of the handler of derived probe `probe`.
	[[nodiscard]] const ast::VarDecl* local(std::size_t probe, std::string_view name) const
	{
		for (const auto& l : result.probes.at(probe)->handler->locals)
			if (l->name == name)
				return l.get();
		return nullptr;
	}
	// How many library files are still in the library (not pulled in).
	[[nodiscard]] std::size_t unpulled() const
	{
		std::size_t n = 0;
		for (const auto& f : library)
			n += f != nullptr;
		return n;
	}
};

inline std::unique_ptr<Elaborated> elaborate_script(std::string_view script,
						    const std::vector<LibraryFile>& library = {},
						    ElaborateOptions options = {})
{
	auto e = std::make_unique<Elaborated>();
	e->env.guru_mode = true; // embedded C in test scripts
	ParseContext ctx(e->sources, e->diags, e->env);
	for (const auto& [name, text] : library)
		e->library.push_back(
			parse_file(ctx, e->sources.add_file(name, text), FileKind::Tapset));
	e->program.files.push_back(parse_file(
		ctx, e->sources.add_file("t.stp", std::string(script)), FileKind::Script));
	if (e->diags.has_errors())
		return e; // a parse error: the test's own mistake
	ElaborateInput input{e->sources,  e->diags, e->program, e->library,
			     e->registry, nullptr,  options};
	e->result = elaborate(input);
	return e;
}

inline ElaborateOptions unoptimized()
{
	ElaborateOptions o;
	o.optimize = false;
	return o;
}

} // namespace stap::test
