#include "driver/codegen_pass.h"

#include "codegen/elaborated_input.h"

#include <utility>

namespace stap
{

namespace
{

bool run(Session& s)
{
	codegen::CodegenOptions opts;
	// The driver named the module (-m NAME, else from the module cache key).
	opts.module_name = s.module.name.empty() ? s.options.module_name : s.module.name;
	opts.script_name = s.options.script_file ? *s.options.script_file : "<input>";
	opts.defines = s.options.defines;
	opts.bulk = s.options.bulk_mode;
	opts.buffer_size_mb = s.options.buffer_size_mb;
	GeneratedModule generated = codegen::generate_module(codegen::module_input(s.elaborated),
							     opts, s.sources, s.diags);
	if (s.diags.has_errors())
		return false;
	s.module.c_source = std::move(generated.c_source);
	s.module.name = std::move(generated.module_name);
	// A warning in generated C is a translator bug: fail the build rather
	// than load code the compiler doubted (as stap does).
	s.module.cflags.emplace_back("-Werror");
	return true;
}

void print(Session& s)
{
	s.out << s.module.c_source;
	s.out.flush();
}

std::string summary(Session& s)
{
	return "translated to C into \"" + s.module.name + ".c\"";
}

} // namespace

Pass make_codegen_pass()
{
	return Pass{3, "translate", "translation failed", run, print, summary};
}

} // namespace stap
