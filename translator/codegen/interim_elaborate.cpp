// TEMPORARY: see interim_elaborate.h.
#include "codegen/interim_elaborate.h"

#include "codegen/format_string.h"
#include "parse/ast_visitor.h"
#include "parse/printer.h"

#include <map>
#include <set>

namespace stap::codegen
{

namespace
{

using ast::Type;

struct Scope {
	std::vector<std::unique_ptr<ast::VarDecl>>* locals = nullptr;
	ast::Function* function = nullptr;
	bool condition = false; // a probe condition: globals only
};

class Interim
{
public:
	Interim(ast::Program& p, std::vector<std::unique_ptr<ast::File>>& lib, Diagnostics& d)
	    : program_(p), library_(lib), diags_(d)
	{
	}

	bool run(InterimProgram& out);

private:
	// ---- resolution ----
	ast::GlobalVar* find_global(const std::string& name);
	ast::Function* find_function(const std::string& name, std::size_t arity);
	void pull(std::unique_ptr<ast::File>& slot);
	void resolve_expr(ast::Expr* e, Scope& s);
	void resolve_stmt(ast::Stmt* st, Scope& s);
	ast::VarDecl* lookup(const std::string& name, Scope& s, const SourceLocation& loc,
			     bool create = true);
	void use_function(ast::Function* f);

	// ---- types ----
	bool set_type(ast::VarDecl* v, Type t);
	void want(ast::Expr* e, Type t);
	Type infer(ast::Expr* e);
	void infer_stmt(ast::Stmt* st, ast::Function* fn);
	void index_types(ast::VarDecl* v, const std::vector<ast::ExprPtr>& indexes);

	ast::Program& program_;
	std::vector<std::unique_ptr<ast::File>>& library_;
	Diagnostics& diags_;
	std::vector<ast::Function*> functions_;
	std::set<ast::Function*> used_functions_;
	std::vector<ast::GlobalVar*> globals_;
	std::set<ast::GlobalVar*> used_globals_;
	std::vector<ast::Probe*> probes_;
	bool changed_ = false;
};

void Interim::pull(std::unique_ptr<ast::File>& slot)
{
	program_.files.push_back(std::move(slot));
	for (auto& p : program_.files.back()->probes)
		probes_.push_back(p.get());
}

ast::GlobalVar* Interim::find_global(const std::string& name)
{
	for (auto& f : program_.files)
		for (auto& g : f->globals)
			if (g->name == name)
				return g.get();
	for (auto& slot : library_) {
		if (!slot)
			continue;
		for (auto& g : slot->globals)
			if (g->name == name) {
				ast::GlobalVar* found = g.get();
				pull(slot);
				return found;
			}
	}
	return nullptr;
}

ast::Function* Interim::find_function(const std::string& name, std::size_t arity)
{
	for (auto& f : program_.files)
		for (auto& fn : f->functions)
			if (fn->name == name && fn->params.size() == arity)
				return fn.get();
	for (auto& slot : library_) {
		if (!slot)
			continue;
		for (auto& fn : slot->functions)
			if (fn->name == name && fn->params.size() == arity) {
				ast::Function* found = fn.get();
				pull(slot);
				return found;
			}
	}
	return nullptr;
}

void Interim::use_function(ast::Function* f)
{
	if (!used_functions_.insert(f).second)
		return;
	functions_.push_back(f);
	for (auto& p : f->params)
		if (p->declared_type != Type::Unknown)
			p->type = p->declared_type;
	if (f->declared_type != Type::Unknown)
		f->type = f->declared_type;
	Scope s;
	s.locals = &f->locals;
	s.function = f;
	if (f->body)
		resolve_stmt(f->body.get(), s);
	if (f->embedded)
		for (const auto& names : {f->embedded->pragmas.reads, f->embedded->pragmas.writes})
			for (const std::string& n : names)
				if (ast::GlobalVar* g = find_global(n);
				    g && used_globals_.insert(g).second)
					globals_.push_back(g);
}

ast::VarDecl* Interim::lookup(const std::string& name, Scope& s, const SourceLocation& loc,
			      bool create)
{
	if (s.function != nullptr)
		for (auto& p : s.function->params)
			if (p->name == name)
				return p.get();
	if (s.locals != nullptr)
		for (auto& l : *s.locals)
			if (l->name == name)
				return l.get();
	if (ast::GlobalVar* g = find_global(name)) {
		if (used_globals_.insert(g).second)
			globals_.push_back(g);
		return g;
	}
	if (!create || s.locals == nullptr) {
		diags_.error(DiagKind::SemanticError, loc, "unresolved symbol '" + name + "'");
		return nullptr;
	}
	auto v = std::make_unique<ast::VarDecl>(ast::VarDecl::Scope::Local);
	v->name = name;
	v->loc = loc;
	v->arity = 0;
	s.locals->push_back(std::move(v));
	return s.locals->back().get();
}

void Interim::resolve_expr(ast::Expr* e, Scope& s)
{
	if (e == nullptr)
		return;
	struct Walker : ast::Visitor<Walker> {
		using Visitor::visit;
		Interim& self;
		Scope& scope;
		Walker(Interim& i, Scope& sc) : self(i), scope(sc) {}
		void visit(ast::Symbol& sym)
		{
			sym.referent = self.lookup(sym.name, scope, sym.loc);
		}
		void visit(ast::FunctionCall& call)
		{
			Visitor::visit(call);
			call.referent = self.find_function(call.name, call.args.size());
			if (call.referent == nullptr)
				self.diags_.error(DiagKind::SemanticError, call.loc,
						  "unresolved function call '" + call.name + "'");
			else
				self.use_function(call.referent);
		}
		void visit(ast::EmbeddedExpr& ee)
		{
			for (const auto& names : {ee.code.pragmas.reads, ee.code.pragmas.writes})
				for (const std::string& n : names)
					self.lookup(n, scope, ee.loc, false);
		}
	};
	Walker w(*this, s);
	w.visit(*e);
}

void Interim::resolve_stmt(ast::Stmt* st, Scope& s)
{
	if (st == nullptr)
		return;
	struct Walker : ast::Visitor<Walker> {
		using Visitor::visit;
		Interim& self;
		Scope& scope;
		Walker(Interim& i, Scope& sc) : self(i), scope(sc) {}
		void visit(ast::ExprStmt& e) { self.resolve_expr(e.expr.get(), scope); }
		void visit(ast::If& i)
		{
			self.resolve_expr(i.cond.get(), scope);
			self.resolve_stmt(i.then_stmt.get(), scope);
			self.resolve_stmt(i.else_stmt.get(), scope);
		}
		void visit(ast::While& w)
		{
			self.resolve_expr(w.cond.get(), scope);
			self.resolve_stmt(w.body.get(), scope);
		}
		void visit(ast::For& f)
		{
			self.resolve_expr(f.init.get(), scope);
			self.resolve_expr(f.cond.get(), scope);
			self.resolve_expr(f.step.get(), scope);
			self.resolve_stmt(f.body.get(), scope);
		}
		void visit(ast::Foreach& f)
		{
			self.resolve_expr(f.array.get(), scope);
			if (f.value)
				self.resolve_expr(f.value.get(), scope);
			for (auto& k : f.keys)
				self.resolve_expr(k.get(), scope);
			for (auto& r : f.restriction)
				self.resolve_expr(r.get(), scope);
			self.resolve_expr(f.limit.get(), scope);
			self.resolve_stmt(f.body.get(), scope);
		}
		void visit(ast::Delete& d) { self.resolve_expr(d.target.get(), scope); }
		void visit(ast::Return& r) { self.resolve_expr(r.value.get(), scope); }
		void visit(ast::TryCatch& t)
		{
			self.resolve_stmt(t.try_block.get(), scope);
			if (t.catch_var)
				self.resolve_expr(t.catch_var.get(), scope);
			self.resolve_stmt(t.catch_block.get(), scope);
		}
	};
	Walker w(*this, s);
	w.visit(*st);
}

// ---- types -------------------------------------------------------------------------

bool Interim::set_type(ast::VarDecl* v, Type t)
{
	if (v == nullptr || t == Type::Unknown || v->type == t)
		return false;
	if (v->type != Type::Unknown) {
		if (!(v->type == Type::Stats || t == Type::Stats))
			diags_.error(DiagKind::SemanticError, v->loc,
				     "type mismatch for '" + v->name + "': " +
					     ast::type_name(v->type) + " vs. " + ast::type_name(t));
		return false;
	}
	v->type = t;
	changed_ = true;
	return true;
}

static ast::VarDecl* decl_of(ast::Expr* e)
{
	if (auto* s = ast::as<ast::Symbol>(e))
		return s->referent;
	if (auto* i = ast::as<ast::ArrayIndex>(e))
		if (auto* s = ast::as<ast::Symbol>(i->base.get()))
			return s->referent;
	return nullptr;
}

void Interim::want(ast::Expr* e, Type t)
{
	if (e == nullptr || t == Type::Unknown)
		return;
	if (ast::VarDecl* v = decl_of(e))
		set_type(v, t);
	if (auto* c = ast::as<ast::FunctionCall>(e);
	    c && c->referent && c->referent->type == Type::Unknown) {
		c->referent->type = t;
		changed_ = true;
	}
}

void Interim::index_types(ast::VarDecl* v, const std::vector<ast::ExprPtr>& indexes)
{
	if (v == nullptr)
		return;
	if (v->arity <= 0) {
		v->arity = static_cast<int>(indexes.size());
		changed_ = true;
	}
	if (v->index_types.size() < indexes.size())
		v->index_types.resize(indexes.size(), Type::Unknown);
	for (std::size_t i = 0; i < indexes.size(); ++i) {
		if (!indexes[i])
			continue;
		Type t = infer(indexes[i].get());
		if (t != Type::Unknown && v->index_types[i] == Type::Unknown) {
			v->index_types[i] = t;
			changed_ = true;
		} else if (t == Type::Unknown && v->index_types[i] != Type::Unknown) {
			want(indexes[i].get(), v->index_types[i]);
		}
	}
}

Type Interim::infer(ast::Expr* e)
{
	if (e == nullptr)
		return Type::Unknown;
	using K = ast::ExprKind;
	Type t = Type::Unknown;
	switch (e->kind) {
	case K::IntLiteral:
		t = Type::Long;
		break;
	case K::StringLiteral:
		t = Type::String;
		break;
	case K::Symbol: {
		auto* s = static_cast<ast::Symbol*>(e);
		t = s->referent ? s->referent->type : Type::Unknown;
		break;
	}
	case K::ArrayIndex: {
		auto* i = static_cast<ast::ArrayIndex*>(e);
		if (ast::as<ast::HistogramOp>(i->base.get()) != nullptr) {
			infer(i->base.get());
			for (auto& x : i->indexes)
				want(x.get(), Type::Long), infer(x.get());
			t = Type::Long;
			break;
		}
		ast::VarDecl* v = decl_of(e);
		index_types(v, i->indexes);
		t = v ? v->type : Type::Unknown;
		break;
	}
	case K::FunctionCall: {
		auto* c = static_cast<ast::FunctionCall*>(e);
		for (std::size_t i = 0; i < c->args.size(); ++i) {
			Type at = infer(c->args[i].get());
			if (c->referent && i < c->referent->params.size()) {
				ast::VarDecl* p = c->referent->params[i].get();
				set_type(p, at);
				want(c->args[i].get(), p->type);
			}
		}
		t = c->referent ? c->referent->type : Type::Unknown;
		break;
	}
	case K::PrintFormat: {
		auto* p = static_cast<ast::PrintFormat*>(e);
		std::vector<FormatArg> spec;
		if (p->style == ast::PrintFormat::Style::Printf)
			if (auto parsed = parse_format(p->format->value);
			    std::holds_alternative<FormatSpec>(parsed))
				spec = std::get<FormatSpec>(parsed).args;
		for (std::size_t i = 0; i < p->args.size(); ++i) {
			infer(p->args[i].get());
			if (i < spec.size())
				want(p->args[i].get(),
				     spec[i] == FormatArg::String ? Type::String : Type::Long);
		}
		t = p->to_string ? Type::String : Type::Unknown;
		break;
	}
	case K::Unary: {
		auto* u = static_cast<ast::Unary*>(e);
		infer(u->operand.get());
		want(u->operand.get(), Type::Long);
		t = Type::Long;
		break;
	}
	case K::IncDec: {
		auto* u = static_cast<ast::IncDec*>(e);
		infer(u->operand.get());
		want(u->operand.get(), Type::Long);
		t = Type::Long;
		break;
	}
	case K::Binary: {
		auto* b = static_cast<ast::Binary*>(e);
		Type l = infer(b->lhs.get());
		Type r = infer(b->rhs.get());
		if (b->op == ast::Binary::Op::Concat) {
			want(b->lhs.get(), Type::String);
			want(b->rhs.get(), Type::String);
			t = Type::String;
		} else if (ast::is_comparison(b->op)) {
			want(b->lhs.get(), r);
			want(b->rhs.get(), l);
			t = Type::Long;
		} else {
			want(b->lhs.get(), Type::Long);
			want(b->rhs.get(), Type::Long);
			t = Type::Long;
		}
		break;
	}
	case K::RegexMatch: {
		auto* r = static_cast<ast::RegexMatch*>(e);
		infer(r->lhs.get());
		want(r->lhs.get(), Type::String);
		t = Type::Long;
		break;
	}
	case K::Ternary: {
		auto* x = static_cast<ast::Ternary*>(e);
		infer(x->cond.get());
		Type a = infer(x->then_expr.get());
		Type b = infer(x->else_expr.get());
		want(x->then_expr.get(), b);
		want(x->else_expr.get(), a);
		t = a != Type::Unknown ? a : b;
		break;
	}
	case K::Assignment: {
		auto* a = static_cast<ast::Assignment*>(e);
		Type l = infer(a->lhs.get());
		Type r = infer(a->rhs.get());
		using Op = ast::Assignment::Op;
		if (a->op == Op::Accumulate) {
			want(a->lhs.get(), Type::Stats);
			want(a->rhs.get(), Type::Long);
			t = Type::Long;
		} else if (a->op == Op::ConcatAssign) {
			want(a->lhs.get(), Type::String);
			want(a->rhs.get(), Type::String);
			t = Type::String;
		} else if (a->op == Op::Assign) {
			want(a->lhs.get(), r);
			want(a->rhs.get(), l);
			t = r != Type::Unknown ? r : l;
		} else {
			want(a->lhs.get(), Type::Long);
			want(a->rhs.get(), Type::Long);
			t = Type::Long;
		}
		break;
	}
	case K::InArray: {
		auto* in = static_cast<ast::InArray*>(e);
		index_types(decl_of(in->key.get()), in->key->indexes);
		t = Type::Long;
		break;
	}
	case K::StatOp: {
		auto* s = static_cast<ast::StatOp*>(e);
		infer(s->operand.get());
		want(s->operand.get(), Type::Stats);
		t = Type::Long;
		break;
	}
	case K::HistogramOp: {
		auto* h = static_cast<ast::HistogramOp*>(e);
		infer(h->operand.get());
		want(h->operand.get(), Type::Stats);
		break;
	}
	case K::EmbeddedExpr:
		t = static_cast<ast::EmbeddedExpr*>(e)->code.pragmas.string_value ? Type::String
										  : Type::Long;
		break;
	case K::MemoryRead:
		infer(static_cast<ast::MemoryRead*>(e)->address.get());
		t = Type::Long;
		break;
	default:
		break;
	}
	e->type = t;
	return t;
}

void Interim::infer_stmt(ast::Stmt* st, ast::Function* fn)
{
	if (st == nullptr)
		return;
	using K = ast::StmtKind;
	switch (st->kind) {
	case K::Block:
		for (auto& s : static_cast<ast::Block*>(st)->statements)
			infer_stmt(s.get(), fn);
		break;
	case K::ExprStmt:
		infer(static_cast<ast::ExprStmt*>(st)->expr.get());
		break;
	case K::If: {
		auto* i = static_cast<ast::If*>(st);
		infer(i->cond.get());
		infer_stmt(i->then_stmt.get(), fn);
		infer_stmt(i->else_stmt.get(), fn);
		break;
	}
	case K::While: {
		auto* w = static_cast<ast::While*>(st);
		infer(w->cond.get());
		infer_stmt(w->body.get(), fn);
		break;
	}
	case K::For: {
		auto* f = static_cast<ast::For*>(st);
		infer(f->init.get());
		infer(f->cond.get());
		infer(f->step.get());
		infer_stmt(f->body.get(), fn);
		break;
	}
	case K::Foreach: {
		auto* f = static_cast<ast::Foreach*>(st);
		ast::VarDecl* arr = decl_of(f->array.get());
		if (auto* h = ast::as<ast::HistogramOp>(f->array.get())) {
			infer(h);
			for (auto& k : f->keys)
				want(k.get(), Type::Long);
		} else if (arr != nullptr) {
			if (arr->arity <= 0) {
				arr->arity = static_cast<int>(f->keys.size());
				changed_ = true;
			}
			arr->index_types.resize(f->keys.size(), Type::Unknown);
			for (std::size_t i = 0; i < f->keys.size(); ++i) {
				ast::VarDecl* k = f->keys[i]->referent;
				if (k && k->type != Type::Unknown &&
				    arr->index_types[i] == Type::Unknown) {
					arr->index_types[i] = k->type;
					changed_ = true;
				}
				set_type(k, arr->index_types[i]);
			}
			if (f->value && arr->type != Type::Stats)
				set_type(f->value->referent, arr->type);
		}
		for (auto& r : f->restriction)
			infer(r.get());
		infer(f->limit.get());
		infer_stmt(f->body.get(), fn);
		break;
	}
	case K::Delete:
		infer(static_cast<ast::Delete*>(st)->target.get());
		break;
	case K::Return: {
		auto* r = static_cast<ast::Return*>(st);
		Type t = infer(r->value.get());
		if (fn != nullptr && r->value) {
			if (fn->type == Type::Unknown && t != Type::Unknown) {
				fn->type = t;
				changed_ = true;
			}
			want(r->value.get(), fn->type);
		}
		break;
	}
	case K::TryCatch: {
		auto* t = static_cast<ast::TryCatch*>(st);
		infer_stmt(t->try_block.get(), fn);
		if (t->catch_var)
			set_type(t->catch_var->referent, Type::String);
		infer_stmt(t->catch_block.get(), fn);
		break;
	}
	default:
		break;
	}
}

std::string pp_of(const ast::ProbePoint& p)
{
	std::string s;
	for (const auto& c : p.components) {
		if (!s.empty())
			s += ".";
		s += c.name;
		if (c.arg)
			s += "(" + to_string(*c.arg) + ")";
	}
	return s;
}

std::int64_t int_arg(const ast::ProbePointComponent& c)
{
	if (const auto* n = ast::as<ast::IntLiteral>(c.arg.get()))
		return n->value;
	return 0;
}

// The interim registry: issue 4's families.
bool derive(const ast::ProbePoint& p, InterimProbe& out, Diagnostics& diags)
{
	const auto& c = p.components;
	const std::string& first = c[0].name;
	if (c.size() == 1 && (first == "begin" || first == "end" || first == "error")) {
		out.kind = first == "begin" ? InterimProbe::Kind::Begin
			   : first == "end" ? InterimProbe::Kind::End
					    : InterimProbe::Kind::Error;
		out.seq = int_arg(c[0]);
		return true;
	}
	if (c.size() == 1 && first == "never") {
		out.kind = InterimProbe::Kind::Never;
		return true;
	}
	if (first == "timer" && c.size() >= 2) {
		const std::string& unit = c[1].name;
		if (unit == "profile") {
			out.kind = InterimProbe::Kind::Profile;
			return true;
		}
		static const std::map<std::string, std::uint64_t> scale = {
			{"ns", 1},       {"nsec", 1},       {"us", 1000},      {"usec", 1000},
			{"ms", 1000000}, {"msec", 1000000}, {"s", 1000000000}, {"sec", 1000000000}};
		out.kind = InterimProbe::Kind::Timer;
		auto n = static_cast<std::uint64_t>(int_arg(c[1]));
		std::uint64_t m = c.size() >= 3 ? static_cast<std::uint64_t>(int_arg(c[2])) : 0;
		if (unit == "jiffies") {
			out.jiffies = true;
			out.period = n;
			out.randomize = m;
			return true;
		}
		if (unit == "hz") {
			out.period = n ? 1000000000 / n : 0;
			return true;
		}
		if (auto it = scale.find(unit); it != scale.end()) {
			out.period = n * it->second;
			out.randomize = m * it->second;
			return true;
		}
	}
	diags.error(DiagKind::SemanticError, p.loc,
		    "probe point '" + pp_of(p) + "' is not supported by the interim pass 2");
	return false;
}

bool Interim::run(InterimProgram& out)
{
	for (auto& f : program_.files)
		for (auto& p : f->probes)
			probes_.push_back(p.get());
	// Resolve every probe (pulled tapset files add theirs to the queue).
	for (std::size_t i = 0; i < probes_.size(); ++i) {
		ast::Probe* p = probes_[i];
		Scope s;
		s.locals = &p->locals;
		for (auto& point : p->points)
			if (point->condition) {
				Scope cs;
				cs.condition = true;
				resolve_expr(point->condition.get(), cs);
			}
		resolve_stmt(p->body.get(), s);
	}
	// Overloads: the functions of one name and arity, in declaration
	// order (the user's files come first in the program).
	auto chains = std::make_shared<
		std::map<const ast::Function*, std::vector<const ast::Function*>>>();
	for (std::size_t i = 0; i < functions_.size(); ++i) {
		ast::Function* fn = functions_[i];
		std::vector<const ast::Function*> chain;
		for (auto& g : program_.files)
			for (auto& gn : g->functions)
				if (gn->name == fn->name && gn->params.size() == fn->params.size())
					chain.push_back(gn.get());
		for (const ast::Function* o : chain) {
			(*chains)[o] = chain;
			use_function(const_cast<ast::Function*>(o));
		}
	}
	for (int round = 0; round < 50; ++round) {
		changed_ = false;
		for (auto& [f, chain] : *chains)
			for (const ast::Function* o : chain) {
				auto* g = const_cast<ast::Function*>(o);
				if (g->type == Type::Unknown && f->type != Type::Unknown) {
					g->type = f->type;
					changed_ = true;
				}
				for (std::size_t p = 0; p < g->params.size(); ++p)
					set_type(g->params[p].get(), f->params[p]->type);
			}
		for (ast::Probe* p : probes_) {
			infer_stmt(p->body.get(), nullptr);
			for (auto& point : p->points)
				infer(point->condition.get());
		}
		for (ast::Function* f : functions_)
			if (f->body)
				infer_stmt(f->body.get(), f);
		if (!changed_)
			break;
	}
	for (ast::GlobalVar* g : globals_) {
		if (g->init && g->type == Type::Unknown)
			g->type = g->init->kind == ast::ExprKind::StringLiteral ? Type::String
										: Type::Long;
		if (g->type == Type::Unknown)
			g->type = Type::Long;
		if (g->arity < 0)
			g->arity = 0;
		for (Type& t : g->index_types)
			if (t == Type::Unknown)
				t = Type::Long;
	}
	for (ast::Probe* p : probes_)
		for (auto& l : p->locals)
			if (l->type == Type::Unknown)
				l->type = Type::Long;
	for (ast::Function* f : functions_) {
		for (auto& l : f->locals)
			if (l->type == Type::Unknown)
				l->type = Type::Long;
		for (auto& prm : f->params)
			if (prm->type == Type::Unknown)
				prm->type = Type::Long;
	}

	ModuleInput& in = out.input;
	for (ast::GlobalVar* g : globals_)
		in.globals.push_back(g);
	for (ast::Function* f : functions_)
		in.functions.push_back(f);
	for (auto& f : program_.files)
		for (const ast::EmbeddedCode& e : f->embedded)
			in.embeds.push_back(&e);
	for (ast::Probe* p : probes_)
		for (auto& point : p->points) {
			auto probe = std::make_unique<InterimProbe>();
			if (!derive(*point, *probe, diags_))
				continue;
			// The probe's identity for EmitContext; never dereferenced
			// as a DerivedProbe.
			const auto* key = reinterpret_cast<const DerivedProbe*>(probe.get());
			in.probes.push_back({key, p, pp_of(*point)});
			out.probes.push_back(std::move(probe));
		}
	in.overloads = [chains](const ast::Function& f) {
		auto it = chains->find(&f);
		return it == chains->end() ? std::vector<const ast::Function*>{&f} : it->second;
	};
	in.register_probes = [&out](EmitContext& ctx) {
		for (const auto& p : out.probes) {
			const auto& key = *reinterpret_cast<const DerivedProbe*>(p.get());
			switch (p->kind) {
			case InterimProbe::Kind::Begin:
				ctx.add_begin(key, p->seq);
				break;
			case InterimProbe::Kind::End:
				ctx.add_end(key, p->seq);
				break;
			case InterimProbe::Kind::Error:
				ctx.add_error(key, p->seq);
				break;
			case InterimProbe::Kind::Timer:
				ctx.add_timer(key, p->period, p->randomize, p->jiffies);
				break;
			case InterimProbe::Kind::Profile:
				ctx.add_profile_timer(key);
				break;
			case InterimProbe::Kind::Never:
				break;
			}
		}
	};
	return !diags_.has_errors();
}

} // namespace

bool interim_elaborate(ast::Program& program, std::vector<std::unique_ptr<ast::File>>& library,
		       Diagnostics& diags, InterimProgram& out)
{
	return Interim(program, library, diags).run(out);
}

} // namespace stap::codegen
