// The script's globals in the module: their kinds and C names, what each
// aggregate gathers (its histogram, from the @hist_* uses), and their
// definitions, descriptors and module parameters, in lock order.
#include "codegen/module_parts.h"

#include "codegen/c_string.h"
#include "codegen/name_set.h"
#include "parse/ast_visitor.h"

#include <set>

namespace stap::codegen
{

namespace
{

const ast::VarDecl* aggregate_decl(const ast::Expr* operand)
{
	if (const auto* idx = ast::as<ast::ArrayIndex>(operand))
		operand = idx->base.get();
	if (const auto* s = ast::as<ast::Symbol>(operand))
		return s->referent;
	return nullptr;
}

// What each aggregate gathers, from its @hist_* and @variance uses (and
// foreach sorted by @variance).
class StatUses : public ast::ConstVisitor<StatUses>
{
public:
	using ConstVisitor::visit;
	explicit StatUses(ModuleContext& m) : m_(m) {}

	void visit(const ast::HistogramOp& h)
	{
		ConstVisitor::visit(h);
		GlobalInfo* found = global_of(h.operand.get());
		if (!found)
			return;
		GlobalInfo& g = *found;
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
		GlobalInfo* g =
			s.func == ast::StatFunc::Variance ? global_of(s.operand.get()) : nullptr;
		if (!g)
			return;
		g->variance = true;
		if (s.bit_shift)
			g->bit_shift = static_cast<std::uint8_t>(*s.bit_shift);
	}
	void visit(const ast::Foreach& f)
	{
		ConstVisitor::visit(f);
		if (f.sort_aggregate != ast::StatFunc::Variance)
			return;
		if (GlobalInfo* g = global_of(f.array.get()))
			g->variance = true;
	}

private:
	// The global an aggregate operand (s, or s[k]) names, if any.
	GlobalInfo* global_of(const ast::Expr* operand)
	{
		auto it = m_.globals.find(aggregate_decl(operand));
		return it == m_.globals.end() ? nullptr : &it->second;
	}

	ModuleContext& m_;
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
	if (g.variance)
		s += ", .variance = 1";
	return s;
}

} // namespace

void collect_globals(ModuleContext& m, const ModuleInput& in)
{
	NameSet names;
	for (const ast::GlobalVar* decl : in.globals) {
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
			m.error(decl->loc, "array '" + decl->name + "' has more than 9 indexes");
		std::string base = names.make(c_identifier_part(decl->name));
		g.c_name = "g_" + base;
		g.enum_name = "G_" + base;
		g.desc = g.c_name + "_desc";
		g.index = m.global_order.size();
		auto [it, inserted] = m.globals.emplace(decl, std::move(g));
		if (inserted)
			m.global_order.push_back(&it->second);
	}
	StatUses uses(m);
	for (const ProbeInput& p : in.probes)
		if (p.handler != nullptr && p.handler->body)
			uses.visit(*p.handler->body);
	for (const ast::Function* f : in.functions)
		if (f->body)
			uses.visit(*f->body);
}

std::string globals_definitions(const ModuleContext& m)
{
	if (m.global_order.empty())
		return "";
	std::string s = "\n/* Globals, in lock order. */\nenum {";
	for (const GlobalInfo* g : m.global_order)
		s += " " + g->enum_name + ",";
	s += " G__N };\n\n";

	std::set<std::string> seen_names;
	std::set<std::string> duplicate_names;
	for (const GlobalInfo* g : m.global_order)
		if (!seen_names.insert(g->decl->name).second)
			duplicate_names.insert(g->decl->name);

	for (const GlobalInfo* g : m.global_order) {
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
				     c_string_literal(lit->value.substr(0, m.maxstringlen - 1));
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
	for (const GlobalInfo* g : m.global_order) {
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

} // namespace stap::codegen
