#include "driver/listing.h"

#include "driver/elaborate_pass.h"
#include "elaborate/probe_listing.h"
#include "parse/parser.h"

#include <ostream>

namespace stap
{

namespace
{

// The tapset library, parsed as pass 1 parses it.
bool load_library(Session& s)
{
	ParseContext ctx(s.sources, s.diags, s.parse_env);
	s.library.load(ctx, s.tapset_search());
	return !s.diags.has_errors();
}

// -l/-L PROBE: the pattern is parsed as the point of a probe.
int list_points(Session& s)
{
	ParseContext ctx(s.sources, s.diags, s.parse_env);
	std::uint32_t id =
		s.sources.add_file("<probe pattern>", "probe " + *s.options.list_probes + " {}");
	auto file = parse_file(ctx, id, FileKind::Script, &s.library.macros());
	if (s.diags.has_errors() || file->probes.size() != 1 ||
	    file->probes.front()->points.size() != 1) {
		if (!s.diags.has_errors())
			s.diags.error(DiagKind::Error, {},
				      "'" + *s.options.list_probes +
					      "' is not a single probe point");
		return 1;
	}
	ElaborateInput input = elaborate_input(s);
	for (const ListedProbe& p : list_probe_points(input, *file->probes.front()->points.front(),
						      s.options.list_with_vars)) {
		s.out << p.point;
		for (const std::string& v : p.variables)
			s.out << " " << v;
		s.out << "\n";
	}
	return 0;
}

} // namespace

bool wants_listing(const Options& o)
{
	return o.list_probes || o.dump_probe_types || o.dump_probe_aliases || o.dump_functions;
}

int run_listing(Session& s)
{
	int status = 0;
	if (!s.setup_error.empty()) {
		s.err << "stap: " << s.setup_error << "\n";
		return 1;
	}
	if (s.options.dump_probe_types) {
		for (const std::string& p : s.probe_families.pattern_texts())
			s.out << p << "\n";
	} else if (!load_library(s)) {
		status = 1;
	} else if (s.options.list_probes) {
		status = list_points(s);
	} else {
		ElaborateInput input = elaborate_input(s);
		for (const std::string& line : s.options.dump_functions
						       ? list_library_functions(input)
						       : list_library_aliases(input))
			s.out << line << "\n";
	}
	s.out.flush();
	s.diags.emit(s.err);
	return status != 0 || s.diags.has_errors() ? 1 : 0;
}

} // namespace stap
