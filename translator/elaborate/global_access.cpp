#include "elaborate/global_access.h"

#include "parse/ast_visitor.h"

#include <algorithm>
#include <unordered_set>

namespace stap
{

namespace
{

using namespace ast;

// What one body does by itself: globals read and written, functions called.
struct DirectAccess {
	std::unordered_set<GlobalVar*> reads;
	std::unordered_set<GlobalVar*> writes;
	std::unordered_set<Function*> calls;
};

GlobalVar* global_of(const Expr& e)
{
	const Expr* x = &e;
	if (const auto* a = as<ArrayIndex>(x))
		x = a->base.get();
	if (const auto* s = as<Symbol>(x);
	    s != nullptr && s->referent != nullptr && s->referent->scope == VarDecl::Scope::Global)
		return static_cast<GlobalVar*>(s->referent);
	return nullptr;
}

class Collector : public ConstVisitor<Collector>
{
public:
	Collector(const Elaboration& e, DirectAccess& out) : e_(e), out_(out) {}
	using ConstVisitor::visit;

	void visit(const Symbol& s)
	{
		if (GlobalVar* g = global_of(s))
			out_.reads.insert(g);
	}
	void visit(const Assignment& a)
	{
		write(*a.lhs);
		// Compound assignments read what they write.
		if (a.op != Assignment::Op::Assign && a.op != Assignment::Op::Accumulate)
			visit(*a.lhs);
		else
			indexes(*a.lhs);
		visit(*a.rhs);
	}
	void visit(const IncDec& e)
	{
		write(*e.operand);
		visit(*e.operand);
	}
	void visit(const Delete& d)
	{
		write(*d.target);
		indexes(*d.target);
	}
	void visit(const Foreach& f)
	{
		if (f.value)
			write(*f.value);
		for (const auto& k : f.keys)
			write(*k);
		ConstVisitor::visit(f);
	}
	void visit(const TryCatch& t)
	{
		if (t.catch_var)
			write(*t.catch_var);
		ConstVisitor::visit(t);
	}
	void visit(const FunctionCall& c)
	{
		if (c.referent != nullptr)
			for (Function* f : e_.product.overloads(*c.referent))
				out_.calls.insert(f);
		ConstVisitor::visit(c);
	}
	void visit(const EmbeddedExpr& e) { pragmas(e.code); }

	void pragmas(const EmbeddedCode& code)
	{
		auto it = e_.pragma_globals.find(&code);
		if (it == e_.pragma_globals.end())
			return;
		for (const auto& [g, write] : it->second)
			(write ? out_.writes : out_.reads).insert(g);
	}

private:
	void write(const Expr& target)
	{
		if (GlobalVar* g = global_of(target))
			out_.writes.insert(g);
	}
	void indexes(const Expr& target)
	{
		if (const auto* a = as<ArrayIndex>(&target))
			for (const auto& i : a->indexes)
				if (i)
					visit(*i);
	}

	const Elaboration& e_;
	DirectAccess& out_;
};

// Reports writes to the arrays of the foreach loops they are in.
class ForeachChecker : public ConstVisitor<ForeachChecker>
{
public:
	explicit ForeachChecker(Elaboration& e) : e_(e) {}
	using ConstVisitor::visit;

	void visit(const Foreach& f)
	{
		GlobalVar* g = as<Symbol>(f.array.get()) ? global_of(*f.array) : nullptr;
		if (g != nullptr)
			looping_.push_back(g);
		ConstVisitor::visit(f);
		if (g != nullptr)
			looping_.pop_back();
	}
	void visit(const Assignment& a)
	{
		check(*a.lhs);
		ConstVisitor::visit(a);
	}
	void visit(const IncDec& e)
	{
		check(*e.operand);
		ConstVisitor::visit(e);
	}
	void visit(const FunctionCall& c)
	{
		if (c.referent != nullptr && !looping_.empty())
			for (Function* f : e_.product.overloads(*c.referent)) {
				auto it = e_.product.global_access.find(f);
				if (it == e_.product.global_access.end())
					continue;
				for (GlobalVar* g : looping_)
					if (it->second.writes_var(*g))
						e_.diags.error(DiagKind::SemanticError, c.loc,
							       "function '" + c.name +
								       "' modifies '" + g->name +
								       "' inside a foreach loop "
								       "over it")
							.span(c.length);
			}
		ConstVisitor::visit(c);
	}

private:
	void check(const Expr& target)
	{
		GlobalVar* g = global_of(target);
		if (g != nullptr &&
		    std::find(looping_.begin(), looping_.end(), g) != looping_.end())
			e_.diags.error(DiagKind::SemanticError, target.loc,
				       "'" + g->name +
					       "' is modified inside a foreach loop over it")
				.span(target.length);
	}

	Elaboration& e_;
	std::vector<GlobalVar*> looping_;
};

// In program order: the order of ElaboratedProgram::globals.
std::vector<GlobalVar*> ordered(const std::unordered_set<GlobalVar*>& set,
				const std::vector<GlobalVar*>& order)
{
	std::vector<GlobalVar*> list;
	for (GlobalVar* g : order)
		if (set.contains(g))
			list.push_back(g);
	return list;
}

} // namespace

ProgramGlobalUse program_global_use(const Elaboration& e)
{
	DirectAccess d;
	Collector c(e, d);
	for (Function* f : e.product.functions) {
		if (f->embedded)
			c.pragmas(*f->embedded);
		if (f->body)
			c.visit(*f->body);
	}
	for (const auto& h : e.product.handlers) {
		if (h->points.front()->condition)
			c.visit(*h->points.front()->condition);
		c.visit(*h->body);
	}
	for (const auto& [code, list] : e.pragma_globals)
		for (const auto& [g, write] : list)
			(write ? d.writes : d.reads).insert(g);
	ProgramGlobalUse use;
	use.read.insert(d.reads.begin(), d.reads.end());
	use.written.insert(d.writes.begin(), d.writes.end());
	return use;
}

void analyze_global_access(Elaboration& e)
{
	ElaboratedProgram& p = e.product;
	std::unordered_map<const Function*, DirectAccess> functions;
	for (Function* f : p.functions) {
		DirectAccess& d = functions[f];
		Collector c(e, d);
		if (f->embedded)
			c.pragmas(*f->embedded);
		if (f->body)
			c.visit(*f->body);
	}
	// Through calls, to a fixpoint (recursion included).
	for (bool changed = true; changed;) {
		changed = false;
		for (auto& [f, d] : functions)
			for (Function* callee :
			     std::vector<Function*>(d.calls.begin(), d.calls.end())) {
				auto it = functions.find(callee);
				if (it == functions.end() || it->first == f)
					continue;
				for (GlobalVar* g : it->second.reads)
					changed = d.reads.insert(g).second || changed;
				for (GlobalVar* g : it->second.writes)
					changed = d.writes.insert(g).second || changed;
			}
	}
	for (auto& [f, d] : functions)
		p.global_access[f] = {ordered(d.reads, p.globals), ordered(d.writes, p.globals)};

	for (auto& h : p.handlers) {
		DirectAccess d;
		Collector c(e, d);
		if (h->points.front()->condition)
			c.visit(*h->points.front()->condition);
		c.visit(*h->body);
		for (Function* callee : d.calls) {
			auto it = functions.find(callee);
			if (it == functions.end())
				continue;
			d.reads.insert(it->second.reads.begin(), it->second.reads.end());
			d.writes.insert(it->second.writes.begin(), it->second.writes.end());
		}
		p.global_access[h.get()] = {ordered(d.reads, p.globals),
					    ordered(d.writes, p.globals)};
	}

	ForeachChecker checker(e);
	for (Function* f : p.functions)
		if (f->body)
			checker.visit(*f->body);
	for (auto& h : p.handlers)
		checker.visit(*h->body);
}

} // namespace stap
