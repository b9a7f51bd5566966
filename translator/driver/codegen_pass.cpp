#include "driver/codegen_pass.h"

#include "codegen/interim_elaborate.h"
#include "codegen/module_input.h"

#include <memory>

namespace stap
{

namespace
{

// TEMPORARY: the interim pass 2's product, alive for the rest of the run.
std::unique_ptr<codegen::InterimProgram>& interim()
{
	static std::unique_ptr<codegen::InterimProgram> program;
	return program;
}

std::string script_name(const Session& s)
{
	if (s.options.script_file)
		return *s.options.script_file;
	return "<input>";
}

bool run_codegen(Session& s)
{
	if (!interim())
		return false;
	codegen::CodegenOptions opts;
	opts.module_name = s.options.module_name;
	opts.script_name = script_name(s);
	opts.defines = s.options.defines;
	opts.bulk = s.options.bulk_mode;
	opts.buffer_size_mb = s.options.buffer_size_mb;
	s.generated = codegen::generate_module(interim()->input, opts, s.sources, s.diags);
	return !s.diags.has_errors();
}

} // namespace

Pass make_codegen_pass()
{
	return Pass{3,
		    "translate",
		    "translation failed",
		    run_codegen,
		    [](Session& s) {
			    s.out << s.generated.c_source;
			    s.out.flush();
		    },
		    [](Session& s) {
			    return "translated to C into \"" + s.generated.module_name + ".c\"";
		    }};
}

Pass make_interim_elaborate_pass()
{
	return Pass{2,
		    "elaborate",
		    "analysis failed",
		    [](Session& s) {
			    interim() = std::make_unique<codegen::InterimProgram>();
			    return codegen::interim_elaborate(s.program, s.library.files(), s.diags,
							      *interim());
		    },
		    [](Session& s) {
			    s.out << "# pass 2 (interim): resolved "
				  << interim()->input.probes.size() << " probes\n";
		    },
		    nullptr};
}

} // namespace stap
