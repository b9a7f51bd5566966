#include "driver/parse_pass.h"

#include "parse/parser.h"
#include "parse/printer.h"

#include <fstream>
#include <iostream>
#include <sstream>

namespace stap
{

namespace
{

// Registers the user's scripts with the source manager; false (reported) if
// a file cannot be read.
bool add_user_sources(Session& s, std::vector<std::uint32_t>& ids)
{
	const Options& o = s.options;
	if (o.script_text) {
		ids.push_back(s.sources.add_file("<input>", *o.script_text));
	} else if (o.script_file) {
		std::ostringstream text;
		if (*o.script_file == "-") {
			text << std::cin.rdbuf();
			ids.push_back(s.sources.add_file("<input>", text.str()));
		} else {
			std::ifstream in(*o.script_file, std::ios::binary);
			if (!in) {
				s.diags.error(DiagKind::Error, {},
					      "cannot open script file '" + *o.script_file + "'");
				return false;
			}
			text << in.rdbuf();
			ids.push_back(s.sources.add_file(*o.script_file, text.str()));
		}
	}
	for (const std::string& extra : o.extra_scripts)
		ids.push_back(s.sources.add_file("<input>", extra));
	return true;
}

bool run(Session& s)
{
	ParseContext ctx(s.sources, s.diags, s.parse_env);
	s.library.load(ctx, s.tapset_search());

	std::vector<std::uint32_t> ids;
	if (!add_user_sources(s, ids))
		return false;
	for (std::uint32_t id : ids)
		s.program.files.push_back(
			parse_file(ctx, id, FileKind::Script, &s.library.macros()));
	return !s.diags.has_errors();
}

void print(Session& s)
{
	s.out << "# parse tree dump\n";
	for (const auto& file : s.program.files) {
		s.out << "# file " << file->name << "\n";
		print_file(s.out, *file);
	}
	s.out.flush();
}

std::string summary(Session& s)
{
	return "parsed user script and " +
	       std::to_string(s.library.files().size() + s.library.macro_file_count()) +
	       " library scripts";
}

} // namespace

Pass make_parse_pass()
{
	return Pass{1, "parse", "parse failed", run, print, summary};
}

} // namespace stap
