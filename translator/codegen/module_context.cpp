#include "codegen/module_context.h"

#include "codegen/c_string.h"
#include "codegen/source_token.h"
#include "diag/diagnostics.h"

#include <stdexcept>

namespace stap::codegen
{

ModuleContext::ModuleContext(const SourceManager& s, Diagnostics& d, std::uint32_t msl)
    : sources(s), diags(d), maxstringlen(msl)
{
}

const GlobalInfo* ModuleContext::global(const ast::VarDecl* decl) const
{
	if (decl == nullptr || decl->scope != ast::VarDecl::Scope::Global)
		return nullptr;
	auto it = globals.find(decl);
	return it == globals.end() ? nullptr : &it->second;
}

const GlobalInfo* ModuleContext::global_named(const std::string& name) const
{
	for (const GlobalInfo* g : global_order)
		if (g->decl->name == name)
			return g;
	return nullptr;
}

const FunctionInfo& ModuleContext::function(const ast::Function* f) const
{
	auto it = functions.find(f);
	if (it == functions.end())
		throw std::logic_error("code generation: function '" + f->name +
				       "' is not in the program");
	return it->second;
}

std::string ModuleContext::location(const SourceLocation& loc)
{
	return c_string_literal(describe_token(sources, loc));
}

std::string ModuleContext::regex(const std::string& pattern, const SourceLocation& loc)
{
	auto it = regex_names_.find(pattern);
	if (it != regex_names_.end())
		return it->second;
	auto compiled = compile_regex(pattern);
	if (auto* err = std::get_if<RegexError>(&compiled)) {
		error(loc, "invalid regular expression '" + pattern + "': " + err->message);
		regex_names_.emplace(pattern, "");
		return "";
	}
	std::string name = "re_" + std::to_string(regexes_.size());
	regexes_.emplace_back(name, std::move(std::get<RegexDfa>(compiled)));
	regex_names_.emplace(pattern, name);
	return name;
}

std::string ModuleContext::regex_definitions() const
{
	std::string s;
	for (const auto& [name, dfa] : regexes_) {
		std::string pattern;
		for (const auto& [p, n] : regex_names_)
			if (n == name)
				pattern = p;
		s += "/* " + c_comment_text(pattern) + " */\n";
		s += emit_regex_c(dfa, name);
	}
	return s;
}

void ModuleContext::error(const SourceLocation& loc, const std::string& message)
{
	diags.error(DiagKind::SemanticError, loc, message);
}

} // namespace stap::codegen
