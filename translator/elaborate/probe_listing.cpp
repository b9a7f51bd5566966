#include "elaborate/probe_listing.h"

#include "elaborate/elaboration.h"
#include "elaborate/probe_expander.h"
#include "elaborate/program_printer.h"
#include "elaborate/resolver.h"
#include "elaborate/type_checker.h"
#include "parse/printer.h"

#include <algorithm>
#include <map>
#include <set>

namespace stap
{

namespace
{

// An input like `input` whose diagnostics go to `sink`, unoptimised.
ElaborateInput quiet_input(const ElaborateInput& input, Diagnostics& sink)
{
	ElaborateInput quiet{input.sources,  sink,         input.program, input.library,
			     input.registry, input.typing, input.options};
	quiet.options.optimize = false;
	return quiet;
}

// The point a match stands for: the tree's names with the pattern's
// arguments, then any alias suffix.
std::unique_ptr<ast::ProbePoint> matched_point(const ProbeMatchTree::Match& m,
					       const ast::ProbePoint& pattern)
{
	auto point = std::make_unique<ast::ProbePoint>();
	point->loc = pattern.loc;
	for (std::size_t i = 0; i < m.path.size(); ++i) {
		ast::ProbePointComponent c;
		c.name = m.path[i]->name;
		c.loc = m.sources[i]->loc;
		if (m.path[i]->arg != ArgKind::None)
			c.arg = ast::clone_ptr(m.sources[i]->arg);
		point->components.push_back(std::move(c));
	}
	for (std::size_t i = m.consumed; i < pattern.components.size(); ++i)
		point->components.push_back(pattern.components[i].clone());
	return point;
}

} // namespace

std::vector<ListedProbe> list_probe_points(const ElaborateInput& input,
					   const ast::ProbePoint& pattern, bool with_variables)
{
	Diagnostics sink(input.sources);
	ElaborateInput quiet = quiet_input(input, sink);
	Elaboration e(quiet);
	prepare(e);
	e.pending_probes.clear(); // only the listed points are elaborated
	Resolver resolver(e);
	ProbeExpander expander(e, resolver);

	ProbeMatchTree::Result result = e.tree.match(pattern);
	std::map<std::string, std::unique_ptr<ast::ProbePoint>> candidates;
	for (const ProbeMatchTree::Match& m : result.matches) {
		auto point = matched_point(m, pattern);
		std::string text = to_string(*point);
		candidates.emplace(std::move(text), std::move(point));
	}

	ast::File listing; // the file the synthetic probes "come from"
	std::map<std::string, std::vector<const ast::Probe*>> resolved;
	for (auto& [text, point] : candidates) {
		auto probe = std::make_unique<ast::Probe>();
		probe->loc = pattern.loc;
		probe->file = &listing;
		probe->body = std::make_unique<ast::Block>();
		probe->points.push_back(std::move(point));
		const std::size_t errors = sink.error_count();
		const std::size_t handlers = e.product.handlers.size();
		expander.expand(*probe);
		resolve_queued(e, expander, resolver);
		if (sink.error_count() != errors || e.product.handlers.size() == handlers)
			continue;
		auto& list = resolved[text];
		for (std::size_t i = handlers; i < e.product.handlers.size(); ++i)
			list.push_back(e.product.handlers[i].get());
		listing.probes.push_back(std::move(probe));
	}
	if (with_variables)
		check_types(e, false);

	std::vector<ListedProbe> listed;
	for (const auto& [text, handlers] : resolved) {
		ListedProbe entry{text, {}};
		if (with_variables) {
			std::set<std::string> names;
			for (const ast::Probe* h : handlers)
				for (const auto& local : h->locals)
					if (names.insert(local->name).second)
						entry.variables.push_back(
							describe_variable(*local));
			std::sort(entry.variables.begin(), entry.variables.end());
		}
		listed.push_back(std::move(entry));
	}
	return listed;
}

std::vector<std::string> list_library_functions(const ElaborateInput& input)
{
	Diagnostics sink(input.sources);
	ElaborateInput quiet = quiet_input(input, sink);
	Elaboration e(quiet);
	prepare(e);
	std::vector<const ast::File*> library;
	for (const auto& slot : input.library)
		if (slot)
			library.push_back(slot.get());
	for (const ast::File* file : library)
		e.pull(*file);
	for (const ast::File* file : library)
		for (const auto& f : file->functions)
			e.use(*f);
	{
		Resolver resolver(e);
		ProbeExpander expander(e, resolver);
		resolve_queued(e, expander, resolver);
	}
	check_types(e, false);

	std::vector<std::string> lines;
	for (const ast::File* file : library)
		for (const auto& f : file->functions) {
			if (f->is_private || f->name.starts_with('_'))
				continue;
			std::string line = describe_function(*f);
			if (f->embedded && f->embedded->pragmas.unprivileged)
				line += " /* unprivileged */";
			if (f->embedded && f->embedded->pragmas.myproc_unprivileged)
				line += " /* myproc-unprivileged */";
			lines.push_back(std::move(line));
		}
	std::sort(lines.begin(), lines.end());
	lines.erase(std::unique(lines.begin(), lines.end()), lines.end());
	return lines;
}

std::vector<std::string> list_library_aliases(const ElaborateInput& input)
{
	std::vector<std::string> lines;
	for (const auto& slot : input.library) {
		if (!slot)
			continue;
		for (const auto& a : slot->aliases) {
			std::string name = to_string(*a->name);
			if (name.starts_with('_'))
				continue;
			std::string line = name + (a->prologue ? " = " : " += ");
			for (std::size_t i = 0; i < a->targets.size(); ++i)
				line += (i > 0 ? ", " : "") + to_string(*a->targets[i]);
			lines.push_back(std::move(line));
		}
	}
	std::sort(lines.begin(), lines.end());
	lines.erase(std::unique(lines.begin(), lines.end()), lines.end());
	return lines;
}

} // namespace stap
