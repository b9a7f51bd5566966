#include "elaborate/elaboration.h"

namespace stap
{

Elaboration::Elaboration(const ElaborateInput& in)
    : input(in), sources(in.sources), diags(in.diags), options(in.options)
{
}

void Elaboration::adopt(ast::File& file)
{
	for (const ast::EmbeddedCode& code : file.embedded) {
		product.embeds.push_back(&code);
		pending_embeds.emplace_back(&code, &file);
	}
	for (auto& p : file.probes)
		pending_probes.push_back(p.get());
}

void Elaboration::pull(const ast::File& file)
{
	if (decls.pull(file, input.program))
		adopt(*input.program.files.back());
}

bool Elaboration::is_library_code(SourceLocation loc) const
{
	while (loc.expansion != nullptr && loc.valid() && sources.name(loc.file).ends_with(".stpm"))
		loc = loc.expansion->site;
	return decls.is_library_source(loc.file);
}

void Elaboration::use(ast::Function& function)
{
	if (used_.insert(&function).second) {
		product.functions.push_back(&function);
		pending_functions.push_back(&function);
	}
}

void Elaboration::use(ast::GlobalVar& global)
{
	if (used_.insert(&global).second)
		product.globals.push_back(&global);
}

} // namespace stap
