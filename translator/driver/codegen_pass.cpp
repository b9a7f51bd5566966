#include "driver/codegen_pass.h"

#include "codegen/elaborated_input.h"

namespace stap
{

namespace
{

bool run(Session& s)
{
	codegen::CodegenOptions opts;
	opts.module_name = s.options.module_name;
	opts.script_name = s.options.script_file ? *s.options.script_file : "<input>";
	opts.defines = s.options.defines;
	opts.bulk = s.options.bulk_mode;
	opts.buffer_size_mb = s.options.buffer_size_mb;
	s.generated = codegen::generate_module(codegen::module_input(s.elaborated), opts, s.sources,
					       s.diags);
	return !s.diags.has_errors();
}

void print(Session& s)
{
	s.out << s.generated.c_source;
	s.out.flush();
}

std::string summary(Session& s)
{
	return "translated to C into \"" + s.generated.module_name + ".c\"";
}

} // namespace

Pass make_codegen_pass()
{
	return Pass{3, "translate", "translation failed", run, print, summary};
}

} // namespace stap
