#include "driver/elaborate_pass.h"

#include "elaborate/program_printer.h"

namespace stap
{

namespace
{

bool run(Session& s)
{
	ElaborateInput input = elaborate_input(s);
	s.elaborated = elaborate(input);
	return !s.diags.has_errors();
}

void print(Session& s)
{
	print_elaborated(s.out, s.elaborated, s.options.verbosity(2) > 0);
}

std::string summary(Session& s)
{
	const ElaboratedProgram& p = s.elaborated;
	auto count = [](std::size_t n, const char* what) {
		return std::to_string(n) + " " + what + (n == 1 ? "" : "s");
	};
	return "analyzed script: " + count(p.probes.size(), "probe") + ", " +
	       count(p.functions.size(), "function") + ", " + count(p.embeds.size(), "embed") +
	       ", " + count(p.globals.size(), "global");
}

} // namespace

ElaborateOptions elaborate_options(const Options& options)
{
	ElaborateOptions o;
	o.optimize = !options.unoptimized;
	o.guru_mode = options.guru_mode;
	o.verbosity = options.verbosity(2);
	return o;
}

ElaborateInput elaborate_input(Session& s)
{
	return ElaborateInput{s.sources,
			      s.diags,
			      s.program,
			      s.library.files(),
			      s.probe_families,
			      nullptr,
			      elaborate_options(s.options)};
}

Pass make_elaborate_pass()
{
	return Pass{2, "elaborate", "analysis failed", run, print, summary};
}

} // namespace stap
