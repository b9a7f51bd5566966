#include "elaborate/declarations.h"

namespace stap
{

void Declarations::index(ast::File& file)
{
	for (auto& g : file.globals)
		globals_[g->name].push_back(g.get());
	for (auto& f : file.functions)
		functions_[f->name].push_back(f.get());
	for (auto& a : file.aliases)
		aliases_.push_back(a.get());
}

void Declarations::add_program_file(ast::File& file)
{
	files_[&file] = FileState{nullptr, true};
	index(file);
}

void Declarations::add_library_file(std::unique_ptr<ast::File>& slot)
{
	files_[slot.get()] = FileState{&slot, false};
	library_sources_.insert(slot->source);
	index(*slot);
}

bool Declarations::in_program(const ast::File& file) const
{
	auto it = files_.find(&file);
	return it != files_.end() && it->second.in_program;
}

bool Declarations::is_library_file(const ast::File& file) const
{
	auto it = files_.find(&file);
	return it != files_.end() && it->second.slot != nullptr;
}

bool Declarations::pull(const ast::File& file, ast::Program& program)
{
	auto it = files_.find(&file);
	if (it == files_.end() || it->second.in_program)
		return false;
	it->second.in_program = true;
	program.files.push_back(std::move(*it->second.slot));
	return true;
}

ast::GlobalVar* Declarations::find_global(std::string_view name, const ast::File* from) const
{
	auto it = globals_.find(std::string(name));
	if (it == globals_.end())
		return nullptr;
	ast::GlobalVar* library = nullptr;
	ast::GlobalVar* program = nullptr;
	for (ast::GlobalVar* g : it->second) {
		if (g->is_private) {
			if (g->file == from)
				return g;
			continue;
		}
		if (in_program(*g->file)) {
			if (program == nullptr)
				program = g;
		} else if (library == nullptr) {
			library = g;
		}
	}
	return program != nullptr ? program : library;
}

std::vector<ast::Function*> Declarations::find_functions(std::string_view name,
							 const ast::File* from) const
{
	std::vector<ast::Function*> found;
	auto it = functions_.find(std::string(name));
	if (it != functions_.end())
		for (ast::Function* f : it->second)
			if (visible(f->file, f->is_private, from))
				found.push_back(f);
	return found;
}

std::vector<std::string> Declarations::global_names(const ast::File* from) const
{
	std::vector<std::string> names;
	for (const auto& [name, list] : globals_)
		for (const ast::GlobalVar* g : list)
			if (visible(g->file, g->is_private, from)) {
				names.push_back(name);
				break;
			}
	return names;
}

std::vector<std::string> Declarations::function_names(const ast::File* from) const
{
	std::vector<std::string> names;
	for (const auto& [name, list] : functions_)
		for (const ast::Function* f : list)
			if (visible(f->file, f->is_private, from)) {
				names.push_back(name);
				break;
			}
	return names;
}

} // namespace stap
