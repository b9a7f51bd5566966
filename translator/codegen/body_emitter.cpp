// Handler and function frames, storage and control flow of a body (see
// body_emitter.h); expressions and statements are in expr_emitter.cpp and
// stmt_emitter.cpp.
#include "codegen/body_emitter.h"

#include "codegen/c_string.h"

namespace stap::codegen
{

BodyEmitter::BodyEmitter(ModuleContext& module, std::string locals_struct,
			 std::string locals_access)
    : m_(module), locals_struct_(std::move(locals_struct)), locals_access_(std::move(locals_access))
{
}

// ---- storage -----------------------------------------------------------------------

std::string BodyEmitter::new_long_temp()
{
	std::string t = "t" + std::to_string(++long_temps_);
	c_locals_.push_back("s64 " + t);
	return t;
}

std::string BodyEmitter::new_string_temp()
{
	std::size_t i = string_temps_used_++;
	std::string name = "tmp" + std::to_string(i);
	if (i >= string_temps_) {
		++string_temps_;
		fields_.emplace_back("char " + name + "[MAXSTRINGLEN]", name);
		field_names_.insert(name);
	}
	return "l->" + name;
}

std::string BodyEmitter::new_string_slot()
{
	std::string name = "key" + std::to_string(++cursors_);
	fields_.emplace_back("char " + name + "[MAXSTRINGLEN]", name);
	field_names_.insert(name);
	return "l->" + name;
}

std::string BodyEmitter::new_cursor(const std::string& type, const std::string& prefix)
{
	std::string name = prefix + std::to_string(++cursors_);
	std::string decl = type;
	if (decl.back() != '*')
		decl += ' ';
	c_locals_.push_back(decl + name);
	return name;
}

std::string BodyEmitter::local_field(const ast::VarDecl& v)
{
	auto it = local_names_.find(&v);
	if (it != local_names_.end())
		return it->second;
	// Script names get a prefix: they can then never clash with the
	// temporaries, C keywords or kernel macros (`current`, `linux`).
	std::string base = "l_" + c_identifier_part(v.name);
	std::string name = base;
	for (int n = 2; field_names_.count(name) != 0; ++n)
		name = base + "_" + std::to_string(n);
	field_names_.insert(name);
	if (v.type == ast::Type::String)
		fields_.emplace_back("char " + name + "[MAXSTRINGLEN]", name);
	else
		fields_.emplace_back("s64 " + name, name);
	local_names_.emplace(&v, name);
	return name;
}

std::string BodyEmitter::var_lvalue(const ast::VarDecl& v)
{
	if (const GlobalInfo* g = m_.global(&v))
		return g->c_name;
	return "l->" + local_field(v);
}

void BodyEmitter::init_local(const ast::VarDecl& v)
{
	if (v.arity > 0 || v.type == ast::Type::Stats)
		return;
	std::string lv = var_lvalue(v);
	if (v.type == ast::Type::String)
		w_.line(lv + "[0] = '\\0';");
	else
		w_.line(lv + " = 0;");
}

std::string BodyEmitter::locals_definition() const
{
	if (fields_.empty())
		return "";
	std::string s = "struct " + locals_struct_ + " {\n";
	for (const auto& [decl, name] : fields_)
		s += "\t" + decl + ";\n";
	return s + "};\n";
}

// ---- control -----------------------------------------------------------------------

std::string BodyEmitter::new_label(const std::string& prefix)
{
	return prefix + "_" + std::to_string(++labels_);
}

void BodyEmitter::fail_goto()
{
	w_.line("goto " + current_error_label() + ";");
	used_labels_.insert(current_error_label());
}

void BodyEmitter::jump_on_error()
{
	w_.line("if (unlikely(c->last_error))");
	w_.indent();
	fail_goto();
	w_.dedent();
}

void BodyEmitter::set_location(const SourceLocation& loc)
{
	w_.line("c->last_stmt = " + m_.location(loc) + ";");
}

// ---- frames ------------------------------------------------------------------------

std::string BodyEmitter::frame_head(const std::string& signature, const std::string& locals_init)
{
	std::string s = signature + "\n{\n";
	if (!fields_.empty())
		s += "\tstruct " + locals_struct_ + " *l" + locals_init + ";\n";
	return s;
}

std::string BodyEmitter::c_local_decls() const
{
	std::string s;
	for (const std::string& d : c_locals_)
		s += "\t" + d + ";\n";
	return s;
}

std::string BodyEmitter::emit_handler(const ast::Probe& handler, const std::string& c_name)
{
	error_labels_ = {"out"};
	w_.indent();
	// A condition on the probe point: the handler does nothing while it
	// is false.  It only reads globals.
	for (const auto& point : handler.points)
		if (point->condition) {
			CValue cond = condition(*point->condition);
			w_.line("if (!(" + cond.code + "))");
			w_.line("\treturn;");
		}
	for (const auto& v : handler.locals)
		init_local(*v);
	if (handler.body)
		block(*handler.body);
	w_.dedent();

	std::string s = frame_head("static void " + c_name + "(struct stp_context *c)",
				   " = " + locals_access_);
	s += c_local_decls();
	if (!c_locals_.empty() || !fields_.empty())
		s += "\n";
	s += w_.text();
	if (used_labels_.count("out") != 0)
		s += "out:\n\treturn;\n";
	return s + "}\n";
}

std::string BodyEmitter::emit_function(const FunctionInfo& info)
{
	function_ = &info;
	const ast::Function& f = *info.decl;
	error_labels_ = {"out"};
	used_labels_.insert("out");
	w_.indent();
	for (const auto& p : f.params) {
		std::string lv = var_lvalue(*p);
		if (p->type == ast::Type::String)
			w_.line("stp_strlcpy(" + lv + ", " + param_name(*p) + ", MAXSTRINGLEN);");
		else
			w_.line(lv + " = " + param_name(*p) + ";");
	}
	for (const auto& v : f.locals)
		init_local(*v);
	if (f.body)
		block(*f.body);
	w_.dedent();

	std::string ret = f.type == ast::Type::Long ? "rv" : "";
	std::string s = frame_head(function_signature(info, m_), "");
	if (f.type == ast::Type::Long)
		s += "\ts64 rv = 0;\n";
	s += c_local_decls();
	s += "\n";
	if (f.type == ast::Type::String)
		s += "\trv[0] = '\\0';\n";
	s += "\tif (stp_nest_enter(c, c->last_stmt))\n\t\treturn" + (ret.empty() ? "" : " " + ret) +
	     ";\n";
	if (!fields_.empty())
		s += "\tl = " + locals_access_ + ";\n";
	s += w_.text();
	s += "out:\n\tstp_nest_exit(c);\n";
	s += ret.empty() ? "\treturn;\n" : "\treturn rv;\n";
	return s + "}\n";
}

// ---- signatures --------------------------------------------------------------------

std::string param_name(const ast::VarDecl& p)
{
	return "p_" + c_identifier_part(p.name);
}

std::string function_signature(const FunctionInfo& info, const ModuleContext&)
{
	const ast::Function& f = *info.decl;
	bool embedded = f.embedded.has_value();
	std::string s = "static ";
	s += f.type == ast::Type::Long ? "s64 " : "void ";
	s += info.c_name + "(struct stp_context *c";
	if (f.type == ast::Type::String)
		s += ", char *rv";
	if (info.nexts)
		s += ", bool *nexted";
	for (const auto& p : f.params) {
		s += p->type == ast::Type::String ? ", const char *" : ", s64 ";
		s += embedded ? "STAP_ARG_" + p->name : param_name(*p);
	}
	return s + ")";
}

} // namespace stap::codegen
