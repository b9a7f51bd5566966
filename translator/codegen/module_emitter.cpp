// Pass 3: one module's C, in the layout docs/runtime-api.md prescribes
// ("The layout of a generated module"): limits, globals in lock order,
// locals, functions, handlers, probe objects with their lock tables, the
// families' tables and the descriptor.
#include "codegen/body_emitter.h"
#include "codegen/c_string.h"
#include "codegen/lock_analysis.h"
#include "codegen/module_input.h"
#include "parse/ast_visitor.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <map>
#include <set>

namespace stap::codegen
{

namespace
{

constexpr std::uint32_t kDefaultMaxStringLen = 128;

// The MAXSTRINGLEN the module is built with (-D MAXSTRINGLEN=N).
std::uint32_t effective_maxstringlen(const std::vector<std::string>& defines)
{
	std::uint32_t v = kDefaultMaxStringLen;
	for (const std::string& d : defines)
		if (d.starts_with("MAXSTRINGLEN=")) {
			char* end = nullptr;
			unsigned long n = std::strtoul(d.c_str() + 13, &end, 0);
			if (end != nullptr && *end == '\0' && n >= 2 && n <= 65536)
				v = static_cast<std::uint32_t>(n);
		}
	return v;
}

const ast::VarDecl* aggregate_decl(const ast::Expr* operand)
{
	if (const auto* idx = ast::as<ast::ArrayIndex>(operand))
		operand = idx->base.get();
	if (const auto* s = ast::as<ast::Symbol>(operand))
		return s->referent;
	return nullptr;
}

// What each aggregate gathers, from its @hist_* and @variance uses.
class StatUses : public ast::ConstVisitor<StatUses>
{
public:
	using ConstVisitor::visit;
	explicit StatUses(ModuleContext& m) : m_(m) {}

	void visit(const ast::HistogramOp& h)
	{
		ConstVisitor::visit(h);
		const ast::VarDecl* v = aggregate_decl(h.operand.get());
		auto it = m_.globals.find(v);
		if (it == m_.globals.end())
			return;
		GlobalInfo& g = it->second;
		HistSpec spec;
		spec.present = true;
		spec.shape = h.shape;
		if (h.shape == ast::HistogramOp::Shape::Linear) {
			if (h.params.size() != 3) {
				m_.error(h.loc,
					 "@hist_linear takes an aggregate, a start, a stop and "
					 "an interval");
				return;
			}
			spec.start = h.params[0];
			spec.stop = h.params[1];
			spec.interval = h.params[2];
			if (spec.interval <= 0) {
				m_.error(h.loc, "the interval of @hist_linear must be positive");
				return;
			}
			if (spec.stop <= spec.start) {
				m_.error(h.loc, "the stop of @hist_linear must be above its start");
				return;
			}
			if ((spec.stop - spec.start) / spec.interval > 65534) {
				m_.error(h.loc, "@hist_linear would have more than 65536 buckets");
				return;
			}
		}
		if (!g.hist.present) {
			g.hist = spec;
			return;
		}
		if (g.hist.shape != spec.shape || g.hist.start != spec.start ||
		    g.hist.stop != spec.stop || g.hist.interval != spec.interval)
			m_.error(h.loc, "aggregate '" + g.decl->name +
						"' is used with two different histograms; keep one "
						"histogram per aggregate");
	}
	void visit(const ast::StatOp& s)
	{
		ConstVisitor::visit(s);
		if (s.bit_shift) {
			auto it = m_.globals.find(aggregate_decl(s.operand.get()));
			if (it != m_.globals.end())
				it->second.bit_shift = static_cast<std::uint8_t>(*s.bit_shift);
		}
	}

private:
	ModuleContext& m_;
};

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

// Unique C names from script names.
class NameSet
{
public:
	std::string make(const std::string& base)
	{
		std::string name = base;
		for (int n = 2; !used_.insert(name).second; ++n)
			name = base + "__" + std::to_string(n);
		return name;
	}

private:
	std::set<std::string> used_;
};

std::string type_enum(ast::Type t)
{
	return t == ast::Type::String  ? "STP_TYPE_STRING"
	       : t == ast::Type::Stats ? "STP_TYPE_STAT"
				       : "STP_TYPE_LONG";
}

std::string hist_fields(const GlobalInfo& g)
{
	std::string s;
	if (!g.hist.present)
		s = ".hist = STP_HIST_NONE";
	else if (g.hist.shape == ast::HistogramOp::Shape::Log)
		s = ".hist = STP_HIST_LOG";
	else
		s = ".hist = STP_HIST_LINEAR, .start = " + std::to_string(g.hist.start) +
		    ", .stop = " + std::to_string(g.hist.stop) +
		    ", .interval = " + std::to_string(g.hist.interval);
	if (g.bit_shift != 0)
		s += ", .bit_shift = " + std::to_string(g.bit_shift);
	return s;
}

std::string hash_name(const std::string& text)
{
	std::uint64_t h = 14695981039346656037ull; // FNV-1a
	for (unsigned char c : text) {
		h ^= c;
		h *= 1099511628211ull;
	}
	char buf[32];
	std::snprintf(buf, sizeof buf, "stap_%016" PRIx64, h);
	return buf;
}

class ModuleEmitter
{
public:
	ModuleEmitter(const ModuleInput& in, const CodegenOptions& opts,
		      const SourceManager& sources, Diagnostics& diags)
	    : in_(in), opts_(opts), m_(sources, diags, effective_maxstringlen(opts.defines))
	{
	}

	GeneratedModule run();

private:
	void collect_globals();
	void collect_functions();
	std::string header() const;
	std::string globals_text() const;
	std::string embedded_function(const FunctionInfo& f) const;
	// STAP_GLOBAL_GET_x/SET_x for the globals an embedded-C function names
	// in its pragma comments, appended to `defines`; returns their #undefs.
	std::string global_accessors(const ast::EmbeddedPragmas& pragmas,
				     std::string& defines) const;
	std::string dispatcher(const FunctionInfo& f) const;
	std::string lock_table(const std::string& name, const LockSet& locks) const;
	bool uses_embedded() const;

	const ModuleInput& in_;
	const CodegenOptions& opts_;
	ModuleContext m_;
	std::vector<const ast::Function*> function_order_;
};

void ModuleEmitter::collect_globals()
{
	NameSet names;
	for (const ast::GlobalVar* decl : in_.globals) {
		GlobalInfo g;
		g.decl = decl;
		if (decl->arity > 0)
			g.kind = decl->type == ast::Type::Stats ? GlobalKind::StatMap
								: GlobalKind::Map;
		else if (decl->type == ast::Type::Stats)
			g.kind = GlobalKind::Stat;
		else if (decl->type == ast::Type::String)
			g.kind = GlobalKind::String;
		else
			g.kind = GlobalKind::Long;
		if (decl->arity > 9)
			m_.error(decl->loc, "array '" + decl->name + "' has more than 9 indexes");
		std::string base = names.make(c_identifier_part(decl->name));
		g.c_name = "g_" + base;
		g.enum_name = "G_" + base;
		g.desc = g.c_name + "_desc";
		g.index = m_.global_order.size();
		auto [it, inserted] = m_.globals.emplace(decl, std::move(g));
		if (inserted)
			m_.global_order.push_back(&it->second);
	}
	StatUses uses(m_);
	for (const ProbeInput& p : in_.probes)
		if (p.handler != nullptr && p.handler->body)
			uses.visit(*p.handler->body);
	for (const ast::Function* f : in_.functions)
		if (f->body)
			uses.visit(*f->body);
}

void ModuleEmitter::collect_functions()
{
	NameSet names;
	for (const ast::Function* f : in_.functions) {
		FunctionInfo info;
		info.decl = f;
		std::string base = names.make(c_identifier_part(f->name));
		info.c_name = "function_" + base;
		info.frame = "f_" + base;
		info.locals_struct = "function_" + base + "_locals";
		m_.functions.emplace(f, std::move(info));
		function_order_.push_back(f);
	}
	// Overloaded functions, and functions that say `next`, are called
	// through a dispatcher that runs the overloads in order.
	for (const ast::Function* f : in_.functions) {
		std::vector<const ast::Function*> chain =
			in_.overloads ? in_.overloads(*f) : std::vector<const ast::Function*>{f};
		if (chain.empty() || chain.front() != f)
			continue;
		bool nexts = chain.size() > 1;
		for (const ast::Function* g : chain)
			nexts = nexts || function_nexts(*g);
		if (!nexts)
			continue;
		for (const ast::Function* g : chain) {
			auto it = m_.functions.find(g);
			if (it != m_.functions.end())
				it->second.nexts = true;
		}
		FunctionInfo& head = m_.functions.at(f);
		head.chain = chain;
		head.dispatcher = head.c_name + "__call";
	}
}

bool ModuleEmitter::uses_embedded() const
{
	if (!in_.embeds.empty())
		return true;
	return std::any_of(in_.functions.begin(), in_.functions.end(),
			   [](const ast::Function* f) { return f->embedded.has_value(); });
}

std::string ModuleEmitter::header() const
{
	std::string s = "/* Generated by stapforge";
	if (!opts_.script_name.empty())
		s += " from " + c_comment_text(opts_.script_name);
	s += ". */\n";
	for (const std::string& d : opts_.defines) {
		auto eq = d.find('=');
		std::string name = d.substr(0, eq);
		std::string value = eq == std::string::npos ? "1" : d.substr(eq + 1);
		s += "#define " + name + " " + value + "\n";
	}
	if (opts_.buffer_size_mb > 0)
		s += "#define STP_BUFSIZE " + std::to_string(opts_.buffer_size_mb) + "\n";
	s += "#include \"runtime.h\"\n#include \"script_limits.h\"\n";
	if (uses_embedded())
		s += "#include \"embedded.h\"\n";
	return s;
}

std::string ModuleEmitter::globals_text() const
{
	if (m_.global_order.empty())
		return "";
	std::string s = "\n/* Globals, in lock order. */\nenum {";
	for (const GlobalInfo* g : m_.global_order)
		s += " " + g->enum_name + ",";
	s += " G__N };\n\n";

	std::set<std::string> seen_names;
	std::set<std::string> duplicate_names;
	for (const GlobalInfo* g : m_.global_order)
		if (!seen_names.insert(g->decl->name).second)
			duplicate_names.insert(g->decl->name);

	for (const GlobalInfo* g : m_.global_order) {
		const ast::GlobalVar& d = *g->decl;
		// staprun can set every scalar global (NAME=VALUE) whose name is
		// a valid, unambiguous parameter name.
		bool param = !d.is_private && duplicate_names.count(d.name) == 0 &&
			     c_identifier_part(d.name) == d.name;
		switch (g->kind) {
		case GlobalKind::Long: {
			s += "static s64 " + g->c_name;
			if (const auto* lit = ast::as<ast::IntLiteral>(d.init.get()))
				s += " = " + c_int_literal(lit->value);
			s += ";\n";
			if (param)
				s += "STP_PARAM_LONG(" + d.name + ", " + g->c_name + ");\n";
			break;
		}
		case GlobalKind::String: {
			s += "static char " + g->c_name + "[MAXSTRINGLEN]";
			if (const auto* lit = ast::as<ast::StringLiteral>(d.init.get()))
				s += " = " +
				     c_string_literal(lit->value.substr(0, m_.maxstringlen - 1));
			s += ";\n";
			if (param)
				s += "STP_PARAM_STRING(" + d.name + ", " + g->c_name + ");\n";
			break;
		}
		case GlobalKind::Stat:
			s += "static struct stp_pstat *" + g->c_name + ";\n";
			s += "static const struct stp_stat_desc " + g->desc + " = {" +
			     hist_fields(*g) + "};\n";
			break;
		case GlobalKind::Map:
		case GlobalKind::StatMap: {
			s += std::string("static struct ") +
			     (g->kind == GlobalKind::Map ? "stp_map *" : "stp_pmap *") + g->c_name +
			     ";\n";
			s += "static const struct stp_map_desc " + g->desc + " = {\n";
			s += "\t.name = " + c_string_literal(d.name) + ",\n";
			s += "\t.nkeys = " + std::to_string(d.index_types.size()) + ",\n";
			s += "\t.key_types = {";
			for (std::size_t i = 0; i < d.index_types.size(); ++i)
				s += (i != 0 ? ", " : "") + type_enum(d.index_types[i]);
			s += "},\n";
			s += "\t.value_type = " + type_enum(d.type) + ",\n";
			if (d.wrap)
				s += "\t.wrap = 1,\n";
			if (d.size)
				s += "\t.max_entries = " + std::to_string(*d.size) + ",\n";
			if (g->kind == GlobalKind::StatMap)
				s += "\t.stat = {" + hist_fields(*g) + "},\n";
			s += "};\n";
			break;
		}
		}
	}
	s += "\nstatic const struct stp_global_desc globals[G__N] = {\n";
	for (const GlobalInfo* g : m_.global_order) {
		s += "\t[" + g->enum_name + "] = {.name = " + c_string_literal(g->decl->name) +
		     ", .kind = ";
		switch (g->kind) {
		case GlobalKind::Long:
		case GlobalKind::String:
			s += "STP_GLOBAL_SCALAR},\n";
			break;
		case GlobalKind::Map:
			s += "STP_GLOBAL_MAP, .map = &" + g->desc + ", .ptr = &" + g->c_name +
			     "},\n";
			break;
		case GlobalKind::Stat:
			s += "STP_GLOBAL_STAT, .stat = &" + g->desc + ", .ptr = &" + g->c_name +
			     "},\n";
			break;
		case GlobalKind::StatMap:
			s += "STP_GLOBAL_STAT_MAP, .map = &" + g->desc + ", .ptr = &" + g->c_name +
			     "},\n";
			break;
		}
	}
	return s + "};\n";
}

std::string ModuleEmitter::embedded_function(const FunctionInfo& f) const
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
	std::string undef = global_accessors(fn.embedded->pragmas, s);
	s += function_signature(f, m_) + "\n{\n";
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

std::string ModuleEmitter::global_accessors(const ast::EmbeddedPragmas& pragmas,
					    std::string& defines) const
{
	std::string undef;
	std::set<std::string> done;
	auto accessor = [&](const std::string& name, bool set) {
		const GlobalInfo* g = m_.global_named(name);
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
		std::string m;
		switch (g->kind) {
		case GlobalKind::Long:
		case GlobalKind::String:
			if (!set)
				m = macro + "() (" + g->c_name + ")";
			else if (str)
				m = macro + "(v) stp_strlcpy(" + g->c_name + ", (v), MAXSTRINGLEN)";
			else
				m = macro + "(v) (" + g->c_name + " = (v))";
			break;
		case GlobalKind::Map:
			if (!set)
				m = macro + "(" + params + ") stp_map_get_" +
				    (str ? "string" : "long") + "(" + g->c_name + ", STP_KEYS(" +
				    keys + "))";
			else
				m = macro + "(" + params + ", v) ({ if (stp_map_check(c, &" +
				    g->desc + ", stp_map_set_" + (str ? "string" : "long") + "(" +
				    g->c_name + ", STP_KEYS(" + keys +
				    "), (v)), c->last_stmt)) goto out; })";
			break;
		default:
			return; // aggregates have no accessors
		}
		defines += "#define " + m + "\n";
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

std::string ModuleEmitter::dispatcher(const FunctionInfo& f) const
{
	const ast::Function& fn = *f.decl;
	FunctionInfo head = f;
	head.c_name = f.dispatcher;
	head.nexts = false;
	std::string sig = function_signature(head, m_);
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
		const FunctionInfo& gi = m_.function(g);
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

std::string ModuleEmitter::lock_table(const std::string& name, const LockSet& locks) const
{
	std::vector<std::pair<std::size_t, bool>> refs;
	for (auto [decl, write] : locks)
		if (const GlobalInfo* g = m_.global(decl))
			refs.emplace_back(g->index, write);
	std::sort(refs.begin(), refs.end());
	if (refs.empty())
		return "";
	std::string s = "static const struct stp_lock_ref " + name + "[] = {";
	for (std::size_t i = 0; i < refs.size(); ++i)
		s += std::string(i != 0 ? ", " : "") + "{" +
		     m_.global_order[refs[i].first]->enum_name + ", " +
		     (refs[i].second ? "1" : "0") + "}";
	return s + "};\n";
}

std::string seq_table(const std::string& name, std::vector<EmitContext::SeqEntry> entries,
		      const EmitContext& ctx)
{
	if (entries.empty())
		return "";
	// The runtime runs them by sequence; program order breaks ties.
	std::stable_sort(entries.begin(), entries.end(),
			 [](const auto& a, const auto& b) { return a.seq < b.seq; });
	std::string s = "static const struct stp_probe *const " + name + "[] = {";
	for (std::size_t i = 0; i < entries.size(); ++i)
		s += std::string(i != 0 ? ", " : "") + "&" + ctx.objects.at(entries[i].probe);
	return s + "};\n";
}

GeneratedModule ModuleEmitter::run()
{
	collect_globals();
	collect_functions();

	// The families enter their probes in the tables.
	EmitContext ctx;
	for (std::size_t i = 0; i < in_.probes.size(); ++i)
		ctx.objects.emplace(in_.probes[i].probe, "p_" + std::to_string(i));
	if (in_.register_probes)
		in_.register_probes(ctx);

	// Handlers of the probes that run (a `never` probe runs none).
	std::vector<const ast::Probe*> handlers;
	std::map<const ast::Probe*, std::size_t> handler_index;
	for (const ProbeInput& p : in_.probes)
		if (ctx.used.count(p.probe) != 0 && handler_index.count(p.handler) == 0) {
			handler_index.emplace(p.handler, handlers.size());
			handlers.push_back(p.handler);
		}

	std::string locals_structs, functions, handler_text;
	std::string probe_union, frame_union;
	for (const ast::Function* f : function_order_) {
		const FunctionInfo& info = m_.functions.at(f);
		if (f->embedded) {
			functions += "\n" + embedded_function(info);
			continue;
		}
		BodyEmitter body(m_, info.locals_struct,
				 "&STP_LOCALS(c)->frame[c->nesting - 1]." + info.frame);
		functions += "\n" + body.emit_function(info);
		if (body.has_locals()) {
			locals_structs += body.locals_definition();
			frame_union +=
				"\t\tstruct " + info.locals_struct + " " + info.frame + ";\n";
		}
	}
	for (std::size_t i = 0; i < handlers.size(); ++i) {
		std::string n = std::to_string(i);
		BodyEmitter body(m_, "probe_" + n + "_locals", "&STP_LOCALS(c)->probe.p" + n);
		std::string text = body.emit_handler(*handlers[i], "probe_" + n);
		std::string pp;
		for (const ProbeInput& p : in_.probes)
			if (p.handler == handlers[i]) {
				pp = p.pp;
				break;
			}
		handler_text += "\n/* probe " + c_comment_text(pp) + " */\n" + text;
		if (body.has_locals()) {
			locals_structs += body.locals_definition();
			probe_union += "\t\tstruct probe_" + n + "_locals p" + n + ";\n";
		}
	}

	std::string text = header();
	for (const ast::EmbeddedCode* e : in_.embeds)
		text += "\n" + e->code + "\n";
	text += globals_text();
	std::string regexes = m_.regex_definitions();
	if (!regexes.empty())
		text += "\n" + regexes;
	bool have_locals = !probe_union.empty() || !frame_union.empty();
	if (have_locals) {
		text += "\n/* Locals of handlers and function frames (per CPU). */\n" +
			locals_structs;
		text += "struct stp_locals {\n";
		if (!probe_union.empty())
			text += "\tunion {\n" + probe_union + "\t} probe;\n";
		if (!frame_union.empty())
			text += "\tunion {\n" + frame_union + "\t} frame[MAXNESTING];\n";
		text += "};\n#define STP_LOCALS(c) ((struct stp_locals *)(c)->locals)\n";
	}
	if (!function_order_.empty()) {
		text += "\n";
		for (const ast::Function* f : function_order_)
			text += function_signature(m_.functions.at(f), m_) + ";\n";
		for (const ast::Function* f : function_order_) {
			const FunctionInfo& info = m_.functions.at(f);
			if (!info.dispatcher.empty()) {
				FunctionInfo head = info;
				head.c_name = info.dispatcher;
				head.nexts = false;
				text += function_signature(head, m_) + ";\n";
			}
		}
	}
	text += functions;
	for (const ast::Function* f : function_order_)
		if (!m_.functions.at(f).dispatcher.empty())
			text += "\n" + dispatcher(m_.functions.at(f));
	text += handler_text;

	// Probe objects and their lock tables.
	LockAnalysis locks(
		[this](const ast::Function& f) {
			return in_.overloads ? in_.overloads(f)
					     : std::vector<const ast::Function*>{&f};
		},
		[this](const std::string& name) -> const ast::VarDecl* {
			const GlobalInfo* g = m_.global_named(name);
			return g == nullptr ? nullptr : g->decl;
		});
	text += "\n";
	std::vector<bool> has_locks(handlers.size());
	for (std::size_t i = 0; i < handlers.size(); ++i) {
		std::string table = lock_table("probe_" + std::to_string(i) + "_locks",
					       locks.handler_locks(*handlers[i]));
		has_locks[i] = !table.empty();
		text += table;
	}
	for (const ProbeInput& p : in_.probes) {
		if (ctx.used.count(p.probe) == 0)
			continue;
		std::size_t h = handler_index.at(p.handler);
		std::string hn = "probe_" + std::to_string(h);
		text += "static const struct stp_probe " + ctx.objects.at(p.probe) + " = {\n";
		text += "\t.pp = " + c_string_literal(p.pp) + ",\n";
		text += "\t.handler = " + hn + ",\n";
		if (has_locks[h]) {
			text += "\t.locks = " + hn + "_locks,\n";
			text += "\t.nlocks = ARRAY_SIZE(" + hn + "_locks),\n";
		}
		if (auto it = ctx.seqs.find(p.probe); it != ctx.seqs.end() && it->second != 0)
			text += "\t.seq = " + c_int_literal(it->second) + ",\n";
		text += "};\n";
	}
	if (!ctx.tables.lines().empty())
		text += "\n" + ctx.tables.text();

	// The descriptor's tables.
	text += "\n";
	text += seq_table("begin_probes", ctx.begin, ctx);
	text += seq_table("end_probes", ctx.end, ctx);
	text += seq_table("error_probes", ctx.error, ctx);
	if (!ctx.timers.empty()) {
		text += "static const struct stp_timer_desc timers[] = {\n";
		for (const auto& t : ctx.timers) {
			text += "\t{.probe = &" + ctx.objects.at(t.probe);
			if (t.period != 0)
				text += ", .period = " + std::to_string(t.period);
			if (t.randomize != 0)
				text += ", .randomize = " + std::to_string(t.randomize);
			if (t.profile)
				text += ", .kind = STP_TIMER_PROFILE";
			if (t.jiffies)
				text += ", .flags = STP_TIMER_JIFFIES";
			text += "},\n";
		}
		text += "};\n";
	}
	std::vector<std::string> providers;
	bool runtime_globals = std::any_of(
		m_.global_order.begin(), m_.global_order.end(), [](const GlobalInfo* g) {
			return g->kind != GlobalKind::Long && g->kind != GlobalKind::String;
		});
	if (runtime_globals)
		providers.push_back("&stp_globals_provider");
	if (!ctx.timers.empty())
		providers.push_back("&stp_timer_provider");
	for (const std::string& p : ctx.providers)
		if (std::find(providers.begin(), providers.end(), p) == providers.end())
			providers.push_back(p);
	if (!providers.empty()) {
		text += "static const struct stp_provider *const providers[] = {";
		for (std::size_t i = 0; i < providers.size(); ++i)
			text += (i != 0 ? ", " : "") + providers[i];
		text += "};\n";
	}

	text += "\nconst struct stp_module_desc stp_module = {\n\tSTP_MODULE_LIMITS,\n";
	if (have_locals)
		text += "\t.locals_size = sizeof(struct stp_locals),\n";
	if (opts_.bulk)
		text += "\t.flags = STP_MODULE_BULK,\n";
	auto table = [&text](const std::string& field, const std::string& name, bool present,
			     const std::string& count) {
		if (!present)
			return;
		text += "\t." + field + " = " + name + ",\n\t.n" + field + " = " + count + ",\n";
	};
	table("providers", "providers", !providers.empty(), "ARRAY_SIZE(providers)");
	table("globals", "globals", !m_.global_order.empty(), "G__N");
	table("begin", "begin_probes", !ctx.begin.empty(), "ARRAY_SIZE(begin_probes)");
	table("end", "end_probes", !ctx.end.empty(), "ARRAY_SIZE(end_probes)");
	table("error", "error_probes", !ctx.error.empty(), "ARRAY_SIZE(error_probes)");
	table("timers", "timers", !ctx.timers.empty(), "ARRAY_SIZE(timers)");
	text += "};\n";

	GeneratedModule out;
	out.c_source = std::move(text);
	out.module_name = opts_.module_name.empty() ? hash_name(out.c_source) : opts_.module_name;
	return out;
}

} // namespace

GeneratedModule generate_module(const ModuleInput& input, const CodegenOptions& options,
				const SourceManager& sources, Diagnostics& diags)
{
	return ModuleEmitter(input, options, sources, diags).run();
}

} // namespace stap::codegen
