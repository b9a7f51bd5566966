// Helpers for the pass 1 unit tests: parse text, look at the diagnostics and
// the printed tree.
#pragma once

#include "diag/diagnostics.h"
#include "diag/source_manager.h"
#include "parse/ast.h"
#include "parse/parse_context.h"
#include "parse/parser.h"
#include "parse/printer.h"

#include <memory>
#include <sstream>
#include <string>
#include <string_view>

namespace stap::test
{

// One parse: owns everything the AST's locations refer to.
struct Parsed {
	explicit Parsed(ParseEnvironment environment) : env(std::move(environment)) {}

	SourceManager sources;
	Diagnostics diags{sources};
	ParseEnvironment env;
	std::unique_ptr<ast::File> file;

	// Every diagnostic as rendered for the user.
	[[nodiscard]] std::string errors()
	{
		std::ostringstream out;
		for (const Diagnostic& d : diags.all())
			diags.render(out, d);
		return out.str();
	}
	// Only the first lines ("file:line:col: kind: message") of the errors.
	[[nodiscard]] std::string messages()
	{
		std::string out;
		for (const Diagnostic& d : diags.all())
			out += sources.describe(d.loc) + ": " + diag_kind_label(d.kind) + ": " +
			       d.message + "\n";
		return out;
	}
	[[nodiscard]] std::string printed() const
	{
		std::ostringstream out;
		print_file(out, *file);
		return out.str();
	}
	[[nodiscard]] bool ok() const { return !diags.has_errors(); }
};

inline std::unique_ptr<Parsed> parse(std::string_view text, ParseEnvironment env = {},
				     FileKind kind = FileKind::Script,
				     const MacroTable* macros = nullptr)
{
	auto p = std::make_unique<Parsed>(std::move(env));
	ParseContext ctx(p->sources, p->diags, p->env);
	std::uint32_t id = p->sources.add_file("t.stp", std::string(text));
	p->file = parse_file(ctx, id, kind, macros);
	return p;
}

// The first statement of the first probe.
inline const ast::Stmt& first_statement(const Parsed& p)
{
	return *p.file->probes.at(0)->body->statements.at(0);
}

// The canonical text of an expression: "probe begin { EXPR }" parsed and the
// expression printed back.  Empty if it does not parse.
inline std::string expr(std::string_view text)
{
	auto p = parse("probe begin { " + std::string(text) + " }");
	if (!p->ok() || p->file->probes.empty() || p->file->probes[0]->body->statements.size() != 1)
		return "<error: " + p->messages() + ">";
	const auto* s = ast::as<ast::ExprStmt>(&first_statement(*p));
	return s != nullptr ? to_string(*s->expr) : "<not an expression>";
}

} // namespace stap::test
