// Helpers for the pass 3 unit tests: a script through passes 1-3, giving
// the generated C and the diagnostics.
#pragma once

#include "codegen/elaborated_input.h"
#include "codegen/module_input.h"
#include "diag/diagnostics.h"
#include "diag/source_manager.h"
#include "elaborate/elaborate.h"
#include "parse/parse_context.h"
#include "parse/parser.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace stap::test
{

struct Generated {
	SourceManager sources;
	Diagnostics diags{sources};
	ParseEnvironment env;
	ast::Program program;
	std::vector<std::unique_ptr<ast::File>> library;
	ProbeRegistry registry = make_builtin_registry();
	ElaboratedProgram elaborated;
	GeneratedModule module;

	// "file:line:col: message" of every error, one a line.
	[[nodiscard]] std::string messages() const
	{
		std::string out;
		for (const Diagnostic& d : diags.all())
			if (d.is_error())
				out += sources.describe(d.loc) + ": " + d.message + "\n";
		return out;
	}
	[[nodiscard]] const std::string& c() const { return module.c_source; }
	[[nodiscard]] bool has(std::string_view text) const
	{
		return module.c_source.find(text) != std::string::npos;
	}
};

// Generates the module of `script` (file t.stp), with `tapsets` as the
// library (files lib0.stp, lib1.stp, ...).
inline std::unique_ptr<Generated> generate(std::string_view script,
					   codegen::CodegenOptions options = {},
					   const std::vector<std::string>& tapsets = {})
{
	auto g = std::make_unique<Generated>();
	g->env.guru_mode = true;
	ParseContext ctx(g->sources, g->diags, g->env);
	for (std::size_t i = 0; i < tapsets.size(); ++i) {
		std::uint32_t id =
			g->sources.add_file("lib" + std::to_string(i) + ".stp", tapsets[i]);
		g->library.push_back(parse_file(ctx, id, FileKind::Tapset, nullptr));
	}
	std::uint32_t id = g->sources.add_file("t.stp", std::string(script));
	g->program.files.push_back(parse_file(ctx, id, FileKind::Script, nullptr));
	if (g->diags.has_errors())
		return g;
	// Without the optimiser (stap -u): what the tests write is what is
	// generated.
	ElaborateOptions eo;
	eo.optimize = false;
	eo.guru_mode = true;
	ElaborateInput input{g->sources,  g->diags, g->program, g->library,
			     g->registry, nullptr,  eo};
	g->elaborated = elaborate(input);
	if (g->diags.has_errors())
		return g;
	g->module = codegen::generate_module(codegen::module_input(g->elaborated), options,
					     g->sources, g->diags);
	return g;
}

} // namespace stap::test
