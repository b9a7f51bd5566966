#include "elaborate/optimizer.h"

#include "elaborate/constant_value.h"
#include "elaborate/suggestions.h"
#include "parse/ast_visitor.h"
#include "parse/printer.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

namespace stap
{

namespace
{

using namespace ast;

// ---- What code does ----

// Counts the reads and writes of each variable below a node.  A read is any
// use of the value; a write, being assigned, incremented, deleted, or set by
// foreach or catch.
class UseCounter : public ConstVisitor<UseCounter>
{
public:
	using ConstVisitor::visit;
	void visit(const Symbol& s)
	{
		if (s.referent != nullptr)
			++reads[s.referent];
	}
	void visit(const Assignment& a)
	{
		target(*a.lhs);
		visit(*a.rhs);
	}
	void visit(const IncDec& e) { target(*e.operand); }
	void visit(const Delete& d) { target(*d.target); }
	void visit(const Foreach& f)
	{
		if (f.value)
			write(*f.value);
		for (const auto& k : f.keys)
			write(*k);
		visit(*f.array);
		children(f.restriction);
		child(f.limit);
		visit(*f.body);
	}
	void visit(const TryCatch& t)
	{
		if (t.catch_var)
			write(*t.catch_var);
		visit(*t.try_block);
		visit(*t.catch_block);
	}

	std::unordered_map<const VarDecl*, unsigned> reads;
	std::unordered_map<const VarDecl*, unsigned> writes;

private:
	void write(const Symbol& s)
	{
		if (s.referent != nullptr)
			++writes[s.referent];
	}
	// An assignment target: the variable is written; an array element's
	// indexes are read (and so is a global array itself, which this
	// counter does not need to tell apart).
	void target(const Expr& e)
	{
		if (const auto* s = as<Symbol>(&e)) {
			write(*s);
		} else if (const auto* a = as<ArrayIndex>(&e)) {
			if (const auto* base = as<Symbol>(a->base.get()))
				write(*base);
			children(a->indexes);
		} else {
			visit(e);
		}
	}
};

// Which functions have side effects visible to their callers.
using ImpureSet = std::unordered_set<const Function*>;

// Whether code has side effects.  In `function` (a function's own body, when
// judging the function), writes to its own locals and parameters do not
// count: they are invisible to the caller.
class SideEffects : public ConstVisitor<SideEffects>
{
public:
	SideEffects(const ElaboratedProgram& p, const ImpureSet& impure, const Function* function)
	    : program_(p), impure_(impure), function_(function)
	{
	}
	using ConstVisitor::visit;

	void visit(const Assignment& a)
	{
		note_write(*a.lhs);
		ConstVisitor::visit(a);
	}
	void visit(const IncDec& e)
	{
		note_write(*e.operand);
		ConstVisitor::visit(e);
	}
	void visit(const Delete& d)
	{
		note_write(*d.target);
		ConstVisitor::visit(d);
	}
	void visit(const Foreach& f)
	{
		if (f.value)
			note_write(*f.value);
		for (const auto& k : f.keys)
			note_write(*k);
		ConstVisitor::visit(f);
	}
	void visit(const FunctionCall& c)
	{
		if (c.referent == nullptr)
			found = true;
		else
			for (const Function* f : program_.overloads(*c.referent))
				if (impure_.contains(f))
					found = true;
		ConstVisitor::visit(c);
	}
	void visit(const PrintFormat& p)
	{
		if (!p.to_string)
			found = true;
		ConstVisitor::visit(p);
	}
	void visit(const EmbeddedExpr& e)
	{
		if (!e.code.pragmas.pure)
			found = true;
	}
	void visit(const Next&) { found = true; }

	bool found = false;

private:
	void note_write(const Expr& target)
	{
		const Expr* base = &target;
		if (const auto* a = as<ArrayIndex>(base))
			base = a->base.get();
		const auto* s = as<Symbol>(base);
		if (function_ != nullptr && s != nullptr && s->referent != nullptr &&
		    s->referent->scope != VarDecl::Scope::Global)
			return;
		found = true;
	}

	const ElaboratedProgram& program_;
	const ImpureSet& impure_;
	const Function* function_;
};

// ---- Constant folding ----

ExprPtr int_literal(std::int64_t value, const Expr& at)
{
	auto lit = std::make_unique<IntLiteral>(value);
	lit->loc = at.loc;
	lit->length = at.length;
	return lit;
}

std::optional<std::int64_t> compare(Binary::Op op, const std::string& l, const std::string& r)
{
	int c = l.compare(r);
	switch (op) {
	case Binary::Op::Lt:
		return c < 0;
	case Binary::Op::Le:
		return c <= 0;
	case Binary::Op::Gt:
		return c > 0;
	case Binary::Op::Ge:
		return c >= 0;
	case Binary::Op::Eq:
		return c == 0;
	case Binary::Op::Ne:
		return c != 0;
	default:
		return std::nullopt;
	}
}

std::optional<std::int64_t> int_value(const Expr* e)
{
	if (const auto* lit = as<IntLiteral>(e))
		return lit->value;
	return std::nullopt;
}

bool is_empty(const Stmt& s)
{
	if (s.kind == StmtKind::Null)
		return true;
	if (const auto* b = as<Block>(&s))
		return std::all_of(b->statements.begin(), b->statements.end(),
				   [](const StmtPtr& c) { return is_empty(*c); });
	return false;
}

StmtPtr null_at(const Stmt& at)
{
	auto n = std::make_unique<Null>();
	n->loc = at.loc;
	n->length = at.length;
	return n;
}

// ---- One body ----

class BodyOptimizer : public Visitor<BodyOptimizer>
{
public:
	BodyOptimizer(Elaboration& e, const ImpureSet& impure, const UseCounter& uses)
	    : e_(e), impure_(impure), uses_(uses)
	{
	}
	using Visitor::visit;

	bool changed = false;

	// ---- Expressions (children first, then the node) ----
	ExprPtr visit(Assignment& a)
	{
		Visitor::visit(a);
		if (a.op == Assignment::Op::Assign && unread_local(*a.lhs)) {
			elide_assignment(a);
			return std::move(a.rhs);
		}
		return nullptr;
	}
	ExprPtr visit(Unary& u)
	{
		Visitor::visit(u);
		if (auto v = int_value(u.operand.get()))
			if (auto r = fold_unary(u.op, *v))
				return folded(u, *r);
		return nullptr;
	}
	ExprPtr visit(Binary& b)
	{
		Visitor::visit(b);
		auto l = int_value(b.lhs.get());
		auto r = int_value(b.rhs.get());
		// Short circuits decided by the left operand alone.
		if (l && b.op == Binary::Op::LogicalAnd && *l == 0)
			return folded(b, 0);
		if (l && b.op == Binary::Op::LogicalOr && *l != 0)
			return folded(b, 1);
		if (l && r)
			if (auto v = fold_binary(b.op, *l, *r))
				return folded(b, *v);
		const auto* ls = as<StringLiteral>(b.lhs.get());
		const auto* rs = as<StringLiteral>(b.rhs.get());
		if (ls != nullptr && rs != nullptr) {
			if (b.op == Binary::Op::Concat) {
				auto s = std::make_unique<StringLiteral>(ls->value + rs->value);
				s->loc = b.lhs->loc;
				s->length = b.lhs->length;
				changed = true;
				return s;
			}
			if (auto v = compare(b.op, ls->value, rs->value))
				return folded(b, *v);
		}
		return nullptr;
	}
	ExprPtr visit(Ternary& t)
	{
		Visitor::visit(t);
		if (auto c = int_value(t.cond.get())) {
			changed = true;
			return std::move(*c != 0 ? t.then_expr : t.else_expr);
		}
		return nullptr;
	}

	// ---- Statements ----
	StmtPtr visit(Block& b)
	{
		Visitor::visit(b);
		auto& list = b.statements;
		auto end = std::remove_if(list.begin(), list.end(), [](const StmtPtr& s) {
			return s->kind == StmtKind::Null ||
			       (s->kind == StmtKind::Block && is_empty(*s));
		});
		if (end != list.end()) {
			list.erase(end, list.end());
			changed = true;
		}
		return nullptr;
	}
	StmtPtr visit(ExprStmt& s)
	{
		// An unread local updated by a statement of its own: only the
		// value's side effects remain.
		if (auto* a = as<Assignment>(s.expr.get()); a != nullptr && unread_local(*a->lhs)) {
			elide_assignment(*a);
			s.expr = std::move(a->rhs);
		} else if (auto* i = as<IncDec>(s.expr.get());
			   i != nullptr && unread_local(*i->operand)) {
			warn(*i, "Eliding assignment to '" + local_name(*i->operand) + "'");
			changed = true;
			return null_at(s);
		}
		Visitor::visit(s);
		if (!has_side_effects(*s.expr)) {
			warn(s, "Eliding side-effect-free expression");
			changed = true;
			return null_at(s);
		}
		return nullptr;
	}
	StmtPtr visit(If& s)
	{
		Visitor::visit(s);
		if (auto c = int_value(s.cond.get())) {
			changed = true;
			StmtPtr& branch = *c != 0 ? s.then_stmt : s.else_stmt;
			return branch ? std::move(branch) : null_at(s);
		}
		if (s.else_stmt && is_empty(*s.else_stmt)) {
			s.else_stmt.reset();
			changed = true;
		}
		if (is_empty(*s.then_stmt) && !s.else_stmt) {
			changed = true;
			auto keep = std::make_unique<ExprStmt>();
			keep->loc = s.cond->loc;
			keep->length = s.cond->length;
			keep->expr = std::move(s.cond);
			return keep;
		}
		return nullptr;
	}
	StmtPtr visit(While& s)
	{
		Visitor::visit(s);
		if (auto c = int_value(s.cond.get()); c && *c == 0) {
			changed = true;
			return null_at(s);
		}
		return nullptr;
	}
	StmtPtr visit(For& s)
	{
		Visitor::visit(s);
		if (auto c = int_value(s.cond.get()); c && *c == 0) {
			changed = true;
			if (!s.init)
				return null_at(s);
			auto init = std::make_unique<ExprStmt>();
			init->loc = s.init->loc;
			init->length = s.init->length;
			init->expr = std::move(s.init);
			return init;
		}
		return nullptr;
	}
	StmtPtr visit(Delete& s)
	{
		Visitor::visit(s);
		if (unread_local(*s.target)) {
			changed = true;
			return null_at(s);
		}
		return nullptr;
	}
	StmtPtr visit(TryCatch& s)
	{
		Visitor::visit(s);
		if (is_empty(*s.try_block)) {
			changed = true;
			return null_at(s);
		}
		return nullptr;
	}

private:
	ExprPtr folded(const Expr& at, std::int64_t value)
	{
		changed = true;
		return int_literal(value, at);
	}

	bool has_side_effects(const Expr& e) const
	{
		SideEffects s(e_.product, impure_, nullptr);
		s.visit(e);
		return s.found;
	}

	// A plain local (not a parameter) that nothing reads.
	bool unread_local(const Expr& e) const
	{
		const auto* s = as<Symbol>(&e);
		if (s == nullptr || s->referent == nullptr ||
		    s->referent->scope != VarDecl::Scope::Local)
			return false;
		auto it = uses_.reads.find(s->referent);
		return it == uses_.reads.end() || it->second == 0;
	}
	static std::string local_name(const Expr& e) { return static_cast<const Symbol&>(e).name; }

	void elide_assignment(const Assignment& a)
	{
		warn(a, "Eliding assignment to '" + local_name(*a.lhs) + "'");
		changed = true;
	}

	void warn(const Node& at, std::string message)
	{
		if (!e_.is_library_code(at.loc))
			e_.diags.warning(at.loc, std::move(message)).span(at.length);
	}

	Elaboration& e_;
	const ImpureSet& impure_;
	const UseCounter& uses_;
};

// ---- The whole program ----

class Optimizer
{
public:
	explicit Optimizer(Elaboration& e) : e_(e) {}

	void run()
	{
		warn_never_assigned();
		for (int round = 0; round < 50; ++round) {
			bool changed = false;
			find_impure_functions();
			for (ast::Function* f : e_.product.functions)
				if (f->body)
					changed = optimize_body(*f->body) || changed;
			for (auto& h : e_.product.handlers) {
				if (auto& cond = h->points.front()->condition)
					changed = fold_expr(cond) || changed;
				changed = optimize_body(*h->body) || changed;
			}
			changed = elide_empty_probes() || changed;
			changed = prune_unreachable() || changed;
			if (!changed)
				break;
		}
		drop_unused_locals();
	}

private:
	bool verbose() const { return e_.options.verbosity > 0; }

	void find_impure_functions()
	{
		impure_.clear();
		for (ast::Function* f : e_.product.functions)
			if (f->embedded && !f->embedded->pragmas.pure)
				impure_.insert(f);
		for (bool grew = true; grew;) {
			grew = false;
			for (ast::Function* f : e_.product.functions) {
				if (impure_.contains(f) || !f->body)
					continue;
				SideEffects s(e_.product, impure_, f);
				s.visit(*f->body);
				if (s.found)
					grew = impure_.insert(f).second || grew;
			}
		}
	}

	bool optimize_body(ast::Block& body)
	{
		UseCounter uses;
		uses.visit(body);
		BodyOptimizer o(e_, impure_, uses);
		o.visit(body);
		return o.changed;
	}

	bool fold_expr(ExprPtr& e)
	{
		UseCounter uses;
		BodyOptimizer o(e_, impure_, uses);
		o.visit(e);
		return o.changed;
	}

	bool elide_empty_probes()
	{
		auto& handlers = e_.product.handlers;
		std::unordered_set<const ast::Probe*> empty;
		for (const auto& h : handlers)
			if (is_empty(*h->body))
				empty.insert(h.get());
		if (empty.empty())
			return false;
		auto& probes = e_.product.probes;
		for (const auto& d : probes)
			if (empty.contains(d->handler) &&
			    !e_.decls.is_library_file(*d->handler->file))
				e_.diags.warning(d->handler->loc, "Probe '" +
									  to_string(d->point()) +
									  "' has been elided")
					.span(d->handler->length);
		std::erase_if(probes, [&](const auto& d) { return empty.contains(d->handler); });
		std::erase_if(handlers, [&](const auto& h) { return empty.contains(h.get()); });
		return true;
	}

	// Drops functions no handler reaches any more and globals nothing
	// refers to.
	bool prune_unreachable()
	{
		ElaboratedProgram& p = e_.product;
		std::unordered_set<const ast::Function*> reached;
		std::unordered_set<const VarDecl*> globals;
		std::vector<ast::Function*> todo;
		auto scan = [&](const auto& node) {
			Reach r(p, reached, todo, globals, e_.pragma_globals);
			r.visit(node);
		};
		for (const auto& h : p.handlers) {
			if (h->points.front()->condition)
				scan(*h->points.front()->condition);
			scan(*h->body);
		}
		for (const ast::EmbeddedCode* code : p.embeds)
			Reach(p, reached, todo, globals, e_.pragma_globals).pragmas(*code);
		while (!todo.empty()) {
			ast::Function* f = todo.back();
			todo.pop_back();
			Reach r(p, reached, todo, globals, e_.pragma_globals);
			if (f->embedded)
				r.pragmas(*f->embedded);
			if (f->body)
				r.visit(*f->body);
		}
		const std::size_t functions = p.functions.size();
		const std::size_t global_count = p.globals.size();
		std::erase_if(p.functions, [&](ast::Function* f) {
			if (reached.contains(f))
				return false;
			if (verbose() && !e_.is_library_code(f->loc))
				e_.diags.warning(f->loc,
						 "Eliding unused function '" + f->name + "'")
					.span(f->length);
			p.overload_sets.erase(f);
			return true;
		});
		std::erase_if(p.globals, [&](ast::GlobalVar* g) {
			if (globals.contains(g))
				return false;
			if (verbose() && !e_.is_library_code(g->loc))
				e_.diags.warning(g->loc,
						 "Eliding unused variable '" + g->name + "'")
					.span(g->length);
			return true;
		});
		return p.functions.size() != functions || p.globals.size() != global_count;
	}

	// Marks what code reaches: functions through calls, globals through
	// symbols and pragmas.
	class Reach : public ConstVisitor<Reach>
	{
	public:
		Reach(const ElaboratedProgram& p, std::unordered_set<const ast::Function*>& reached,
		      std::vector<ast::Function*>& todo,
		      std::unordered_set<const VarDecl*>& globals,
		      const decltype(Elaboration::pragma_globals)& pragma_globals)
		    : p_(p), reached_(reached), todo_(todo), globals_(globals),
		      pragma_globals_(pragma_globals)
		{
		}
		using ConstVisitor::visit;
		void visit(const Symbol& s)
		{
			if (s.referent != nullptr && s.referent->scope == VarDecl::Scope::Global)
				globals_.insert(s.referent);
		}
		void visit(const FunctionCall& c)
		{
			if (c.referent != nullptr)
				for (ast::Function* f : p_.overloads(*c.referent))
					if (reached_.insert(f).second)
						todo_.push_back(f);
			ConstVisitor::visit(c);
		}
		void visit(const EmbeddedExpr& e) { pragmas(e.code); }
		void pragmas(const ast::EmbeddedCode& code)
		{
			auto it = pragma_globals_.find(&code);
			if (it != pragma_globals_.end())
				for (const auto& [g, write] : it->second)
					globals_.insert(g);
		}

	private:
		const ElaboratedProgram& p_;
		std::unordered_set<const ast::Function*>& reached_;
		std::vector<ast::Function*>& todo_;
		std::unordered_set<const VarDecl*>& globals_;
		const decltype(Elaboration::pragma_globals)& pragma_globals_;
	};

	void drop_unused_locals()
	{
		auto drop = [this](std::vector<std::unique_ptr<VarDecl>>& locals,
				   const auto& body) {
			UseCounter uses;
			uses.visit(body);
			std::erase_if(locals, [&](const std::unique_ptr<VarDecl>& l) {
				if (uses.reads[l.get()] + uses.writes[l.get()] != 0)
					return false;
				if (verbose() && !e_.is_library_code(l->loc))
					e_.diags.warning(l->loc, "Eliding unused variable '" +
									 l->name + "'")
						.span(l->length);
				return true;
			});
		};
		for (ast::Function* f : e_.product.functions)
			if (f->body)
				drop(f->locals, *f->body);
		for (auto& h : e_.product.handlers)
			drop(h->locals, *h->body);
	}

	// Variables read somewhere but never given a value.
	void warn_never_assigned()
	{
		UseCounter all;
		for (ast::Function* f : e_.product.functions)
			if (f->body)
				all.visit(*f->body);
		for (auto& h : e_.product.handlers) {
			if (h->points.front()->condition)
				all.visit(*h->points.front()->condition);
			all.visit(*h->body);
		}
		std::unordered_set<const VarDecl*> pragma_written;
		for (const auto& [code, list] : e_.pragma_globals)
			for (const auto& [g, write] : list)
				if (write)
					pragma_written.insert(g);
		auto check = [&](const std::vector<std::unique_ptr<VarDecl>>& locals) {
			std::vector<std::string> names;
			names.reserve(locals.size());
			for (const auto& l : locals)
				names.push_back(l->name);
			for (const auto& l : locals)
				if (all.reads[l.get()] != 0 && all.writes[l.get()] == 0 &&
				    !e_.is_library_code(l->loc)) {
					auto& d =
						e_.diags.warning(l->loc,
								 "never-assigned local variable '" +
									 l->name + "'")
							.span(l->length);
					suggest(d, l->name, names);
				}
		};
		for (ast::Function* f : e_.product.functions)
			check(f->locals);
		for (auto& h : e_.product.handlers)
			check(h->locals);
		for (ast::GlobalVar* g : e_.product.globals)
			if (!g->init && all.reads[g] != 0 && all.writes[g] == 0 &&
			    !pragma_written.contains(g) && !e_.is_library_code(g->loc))
				e_.diags.warning(g->loc,
						 "never-assigned global variable '" + g->name + "'")
					.span(g->length);
	}

	Elaboration& e_;
	ImpureSet impure_;
};

} // namespace

void optimize(Elaboration& elaboration)
{
	Optimizer(elaboration).run();
}

} // namespace stap
