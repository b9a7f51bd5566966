// The script's functions in the module: their C names, the overload
// dispatchers that `next` needs, and embedded-C functions with their
// macros (runtime/embedded.h describes the conventions).  Script functions'
// bodies are BodyEmitter's.
#include "codegen/body_emitter.h"
#include "codegen/c_string.h"
#include "codegen/module_parts.h"
#include "codegen/name_set.h"
#include "parse/ast_visitor.h"

#include <set>

namespace stap::codegen
{

namespace
{

class NextFinder : public ast::ConstVisitor<NextFinder>
{
public:
	using ConstVisitor::visit;
	void visit(const ast::Next&) { found = true; }
	bool found = false;
};

bool function_nexts(const ast::Function& f)
{
	if (f.embedded)
		return f.embedded->code.find("STAP_NEXT") != std::string::npos;
	NextFinder finder;
	if (f.body)
		finder.visit(*f.body);
	return finder.found;
}

// STAP_GLOBAL_GET_x/SET_x for the globals an embedded-C function names in
// its pragma comments, appended to `defines`; returns their #undefs.
std::string global_accessors(const ModuleContext& m, const ast::EmbeddedPragmas& pragmas,
			     std::string& defines)
{
	std::string undef;
	std::set<std::string> done;
	auto accessor = [&](const std::string& name, bool set) {
		const GlobalInfo* g = m.global_named(name);
		std::string macro =
			std::string(set ? "STAP_GLOBAL_SET_" : "STAP_GLOBAL_GET_") + name;
		if (g == nullptr || !done.insert(macro).second)
			return;
		const ast::GlobalVar& d = *g->decl;
		bool str = d.type == ast::Type::String;
		std::string params, keys;
		for (std::size_t i = 0; i < d.index_types.size(); ++i) {
			std::string k = "k" + std::to_string(i);
			params += (i != 0 ? ", " : "") + k;
			keys += std::string(i != 0 ? ", " : "") +
				(d.index_types[i] == ast::Type::String ? "{.s = (" : "{.l = (") +
				k + ")}";
		}
		std::string def;
		switch (g->kind) {
		case GlobalKind::Long:
		case GlobalKind::String:
			if (!set)
				def = macro + "() (" + g->c_name + ")";
			else if (str)
				def = macro + "(v) stp_strlcpy(" + g->c_name +
				      ", (v), MAXSTRINGLEN)";
			else
				def = macro + "(v) (" + g->c_name + " = (v))";
			break;
		case GlobalKind::Map:
			if (!set)
				def = macro + "(" + params + ") stp_map_get_" +
				      (str ? "string" : "long") + "(" + g->c_name + ", STP_KEYS(" +
				      keys + "))";
			else
				def = macro + "(" + params + ", v) ({ if (stp_map_check(c, &" +
				      g->desc + ", stp_map_set_" + (str ? "string" : "long") + "(" +
				      g->c_name + ", STP_KEYS(" + keys +
				      "), (v)), c->last_stmt)) goto out; })";
			break;
		default:
			return; // aggregates have no accessors
		}
		defines += "#define " + def + "\n";
		undef += "#undef " + macro + "\n";
	};
	for (const std::string& name : pragmas.reads)
		accessor(name, false);
	for (const std::string& name : pragmas.writes) {
		accessor(name, false);
		accessor(name, true);
	}
	return undef;
}

} // namespace

void collect_functions(ModuleContext& m, const ModuleInput& in)
{
	NameSet names;
	for (const ast::Function* f : in.functions) {
		FunctionInfo info;
		info.decl = f;
		std::string base = names.make(c_identifier_part(f->name));
		info.c_name = "function_" + base;
		info.frame = "f_" + base;
		info.locals_struct = "function_" + base + "_locals";
		m.functions.emplace(f, std::move(info));
	}
	// Overloaded functions, and functions that say `next`, are called
	// through a dispatcher that runs the overloads in order.
	for (const ast::Function* f : in.functions) {
		std::vector<const ast::Function*> chain =
			in.overloads ? in.overloads(*f) : std::vector<const ast::Function*>{f};
		if (chain.empty() || chain.front() != f)
			continue;
		bool nexts = chain.size() > 1;
		for (const ast::Function* g : chain)
			nexts = nexts || function_nexts(*g);
		if (!nexts)
			continue;
		for (const ast::Function* g : chain) {
			auto it = m.functions.find(g);
			if (it != m.functions.end())
				it->second.nexts = true;
		}
		FunctionInfo& head = m.functions.at(f);
		head.chain = chain;
		head.dispatcher = head.c_name + "__call";
	}
}

std::string embedded_function_definition(const ModuleContext& m, const FunctionInfo& f)
{
	const ast::Function& fn = *f.decl;
	std::string s;
	if (fn.type == ast::Type::Long) {
		s += "#define STAP_RETVALUE rv\n";
		s += "#define STAP_RETURN(v) do { rv = (v); goto out; } while (0)\n";
	} else if (fn.type == ast::Type::String) {
		s += "#define STAP_RETVALUE rv\n";
		s += "#define STAP_RETURN(v) do { stp_strlcpy(rv, (v), MAXSTRINGLEN); goto out; } "
		     "while (0)\n";
	} else {
		s += "#define STAP_RETURN(...) goto out\n";
	}
	if (f.nexts)
		s += "#define STAP_NEXT do { *nexted = true; goto out; } while (0)\n";
	std::string undef = global_accessors(m, fn.embedded->pragmas, s);
	s += function_signature(f, m) + "\n{\n";
	if (fn.type == ast::Type::Long)
		s += "\ts64 rv = 0;\n\n";
	else if (fn.type == ast::Type::String)
		s += "\trv[0] = '\\0';\n";
	s += "\t{\n" + fn.embedded->code + "\n\t}\n\tgoto out;\nout:\n";
	s += fn.type == ast::Type::Long ? "\treturn rv;\n}\n" : "\treturn;\n}\n";
	if (fn.type != ast::Type::Unknown)
		s += "#undef STAP_RETVALUE\n";
	s += "#undef STAP_RETURN\n";
	if (f.nexts)
		s += "#undef STAP_NEXT\n";
	return s + undef;
}

std::string dispatcher_definition(const ModuleContext& m, const FunctionInfo& f)
{
	const ast::Function& fn = *f.decl;
	FunctionInfo head = f;
	head.c_name = f.dispatcher;
	head.nexts = false;
	std::string sig = function_signature(head, m);
	// The dispatcher takes the parameters under their script names.
	std::string args;
	for (const auto& p : fn.params)
		args += ", " + (fn.embedded ? "STAP_ARG_" + p->name : param_name(*p));
	std::string s = sig + "\n{\n\tbool nexted = false;\n";
	if (fn.type == ast::Type::Long)
		s += "\ts64 rv = 0;\n";
	s += "\n";
	std::string rv_arg = fn.type == ast::Type::String ? ", rv" : "";
	for (const ast::Function* g : f.chain) {
		const FunctionInfo& gi = m.function(g);
		std::string call = gi.c_name + "(c" + rv_arg + ", &nexted" + args + ")";
		if (fn.type == ast::Type::Long)
			call = "rv = " + call;
		s += "\t" + call + ";\n";
		s += "\tif (!nexted)\n\t\tgoto out;\n\tnexted = false;\n";
	}
	s += "\tstp_error(c, \"next: no more overloads of function '" + fn.name + "'\");\nout:\n";
	s += fn.type == ast::Type::Long ? "\treturn rv;\n}\n" : "\treturn;\n}\n";
	return s;
}

} // namespace stap::codegen
