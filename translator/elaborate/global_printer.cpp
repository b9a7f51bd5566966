#include "elaborate/global_printer.h"

#include "elaborate/global_access.h"
#include "elaborate/probe_expander.h"
#include "elaborate/resolver.h"
#include "elaborate/type_checker.h"
#include "parse/parse_context.h"
#include "parse/parser.h"

#include <algorithm>
#include <sstream>

namespace stap
{

namespace
{

// The printf conversion of one value, and how it is quoted.
std::string conversion(ast::Type t, bool key)
{
	if (t == ast::Type::String)
		return "\\\"%#s\\\"";
	return key ? "%#d" : "%d";
}

constexpr const char* kStatsFormat = " @count=%#d @min=%#d @max=%#d @sum=%#d @avg=%#d\\n";

std::string stats_args(const std::string& of)
{
	std::string args;
	for (const char* op : {"count", "min", "max", "sum", "avg"})
		args += std::string(", @") + op + "(" + of + ")";
	return args;
}

// The script text of the end probe that prints `g`.
std::string printer_for(const ast::GlobalVar& g)
{
	std::ostringstream out;
	const std::string& n = g.name;
	out << "probe end {\n";
	if (g.arity <= 0) {
		if (g.type == ast::Type::Stats)
			out << "if (@count(" << n << ") == 0) printf(\"" << n
			    << " @count=0x0\\n\") else printf(\"" << n << kStatsFormat << "\""
			    << stats_args(n) << ")\n";
		else
			out << "printf(\"" << n << "=" << conversion(g.type, false) << "\\n\", "
			    << n << ")\n";
	} else {
		std::string keys;
		std::string formats;
		for (int i = 0; i < g.arity; ++i) {
			keys += (i > 0 ? ", __idx" : "__idx") + std::to_string(i);
			formats += (i > 0 ? "," : "") +
				   conversion(g.index_types.at(static_cast<std::size_t>(i)), true);
		}
		if (g.type == ast::Type::Stats)
			out << "foreach ([" << keys << "] in " << n << "-) printf(\"" << n << "["
			    << formats << "]" << kStatsFormat << "\", " << keys
			    << stats_args(n + "[" + keys + "]") << ")\n";
		else
			out << "foreach (__val = [" << keys << "] in " << n << "-) printf(\"" << n
			    << "[" << formats << "]=" << conversion(g.type, false) << "\\n\", "
			    << keys << ", __val)\n";
	}
	out << "}\n";
	return out.str();
}

} // namespace

void add_global_printers(Elaboration& e)
{
	if (e.diags.has_errors())
		return;
	ProgramGlobalUse use = program_global_use(e);
	std::vector<ast::GlobalVar*> shown;
	for (ast::GlobalVar* g : e.product.globals)
		if (use.written.contains(g) && !use.read.contains(g) &&
		    g->type != ast::Type::Unknown && !e.decls.is_library_file(*g->file) &&
		    std::count(g->index_types.begin(), g->index_types.end(), ast::Type::Unknown) ==
			    0 &&
		    g->index_types.size() >= static_cast<std::size_t>(std::max(g->arity, 0)))
			shown.push_back(g);
	if (shown.empty())
		return;

	ParseEnvironment env;
	ParseContext ctx(e.sources, e.diags, env);
	Resolver resolver(e);
	ProbeExpander expander(e, resolver);
	for (ast::GlobalVar* g : shown) {
		std::uint32_t id = e.sources.add_file("<global printer>", printer_for(*g));
		auto file = parse_file(ctx, id, FileKind::Tapset);
		for (auto& probe : file->probes) {
			// Resolved as if written next to the global: it may be private.
			probe->file = g->file;
			expander.expand(*probe); // the handler gets copies of it all
		}
	}
	check_types(e, true);
}

} // namespace stap
