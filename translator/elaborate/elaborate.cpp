#include "elaborate/elaborate.h"

#include "elaborate/elaboration.h"
#include "elaborate/global_access.h"
#include "elaborate/global_printer.h"
#include "elaborate/optimizer.h"
#include "elaborate/probe_expander.h"
#include "elaborate/resolver.h"
#include "elaborate/type_checker.h"
#include "parse/printer.h"

namespace stap
{

namespace
{

// Alias names are plain dotted names: no wildcards, no arguments.
bool valid_alias_name(const ast::ProbeAlias& alias, Diagnostics& diags)
{
	for (const ast::ProbePointComponent& c : alias.name->components) {
		const char* problem = c.has_wildcard() ? "cannot contain wildcards"
				      : c.arg          ? "cannot have arguments"
						       : nullptr;
		if (problem != nullptr) {
			diags.error(DiagKind::SemanticError, c.loc,
				    "probe alias name '" + to_string(*alias.name) + "' " + problem)
				.span(c.length);
			return false;
		}
	}
	return true;
}

} // namespace

void prepare(Elaboration& e)
{
	ast::Program& program = e.input.program;
	const std::size_t user_files = program.files.size();
	for (std::size_t i = 0; i < user_files; ++i)
		e.decls.add_program_file(*program.files[i]);
	for (auto& slot : e.input.library)
		if (slot)
			e.decls.add_library_file(slot);
	for (const auto& provider : e.input.registry.providers())
		for (const ProbePattern& pattern : provider->patterns())
			e.tree.add_pattern(pattern, *provider);
	for (const ast::ProbeAlias* alias : e.decls.aliases())
		if (valid_alias_name(*alias, e.diags))
			e.tree.add_alias(*alias);
	for (std::size_t i = 0; i < user_files; ++i)
		e.adopt(*program.files[i]);
}

void resolve_queued(Elaboration& e, ProbeExpander& expander, Resolver& resolver)
{
	do {
		while (true) {
			if (!e.pending_probes.empty()) {
				ast::Probe* p = e.pending_probes.front();
				e.pending_probes.pop_front();
				expander.expand(*p);
			} else if (!e.pending_functions.empty()) {
				ast::Function* f = e.pending_functions.front();
				e.pending_functions.pop_front();
				resolver.resolve_function(*f);
			} else if (!e.pending_embeds.empty()) {
				auto [code, file] = e.pending_embeds.front();
				e.pending_embeds.pop_front();
				resolver.resolve_pragmas(*code, *file);
			} else {
				break;
			}
		}
	} while (resolver.link_calls());
}

ElaboratedProgram elaborate(const ElaborateInput& input)
{
	Elaboration e(input);
	prepare(e);
	const std::size_t errors_before = e.diags.error_count();
	{
		Resolver resolver(e);
		ProbeExpander expander(e, resolver);
		resolve_queued(e, expander, resolver);
	}
	if (input.options.optimize)
		optimize(e);
	// Unknown types after resolution errors are mostly their echoes.
	check_types(e, e.diags.error_count() == errors_before);
	if (e.product.probes.empty() && !e.diags.has_errors())
		e.diags.error(DiagKind::SemanticError, {}, "no probes found");
	add_global_printers(e);
	analyze_global_access(e);
	return std::move(e.product);
}

} // namespace stap
