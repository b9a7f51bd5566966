#include "codegen/lock_analysis.h"

#include "parse/ast_visitor.h"

#include <set>

namespace stap::codegen
{

void add_lock(LockSet& set, const ast::VarDecl* global, bool write)
{
	auto [it, inserted] = set.emplace(global, write);
	if (!inserted && write)
		it->second = true;
}

namespace
{

bool is_stats(const ast::VarDecl& v)
{
	return v.type == ast::Type::Stats;
}

const ast::VarDecl* global_of(const ast::Expr* e)
{
	if (const auto* sym = ast::as<ast::Symbol>(e))
		if (sym->referent != nullptr && sym->referent->scope == ast::VarDecl::Scope::Global)
			return sym->referent;
	return nullptr;
}

// The global a use names: `x`, `a[...]` (its base), or null.
const ast::VarDecl* target_global(const ast::Expr* e)
{
	if (const auto* idx = ast::as<ast::ArrayIndex>(e))
		return global_of(idx->base.get());
	return global_of(e);
}

// The direct uses of one body: locks and called functions.
class UseCollector : public ast::ConstVisitor<UseCollector>
{
public:
	using ConstVisitor::visit;

	UseCollector(LockSet& locks, std::vector<const ast::Function*>& calls,
		     const std::function<const ast::VarDecl*(const std::string&)>& by_name)
	    : locks_(locks), calls_(calls), by_name_(by_name)
	{
	}

	void visit(const ast::Symbol& s)
	{
		if (const ast::VarDecl* g = global_of(&s))
			// A whole aggregate read as a value only happens in
			// extractors (handled there); a scalar read is a read.
			add_lock(locks_, g, false);
	}
	void visit(const ast::ArrayIndex& e)
	{
		if (const ast::VarDecl* g = global_of(e.base.get()))
			// Reading s[k] of an aggregate array combines the CPUs'
			// parts: a write; any other element read: a read.
			add_lock(locks_, g, is_stats(*g));
		else
			child(e.base);
		children(e.indexes);
	}
	void visit(const ast::Assignment& e)
	{
		if (const ast::VarDecl* g = target_global(e.lhs.get())) {
			// <<< only touches this CPU's part of an aggregate.
			add_lock(locks_, g, e.op != ast::Assignment::Op::Accumulate);
			if (const auto* idx = ast::as<ast::ArrayIndex>(e.lhs.get()))
				children(idx->indexes);
		} else {
			child(e.lhs);
		}
		child(e.rhs);
	}
	void visit(const ast::IncDec& e) { write_target(e.operand.get()); }
	void visit(const ast::Delete& s) { write_target(s.target.get()); }
	void visit(const ast::InArray& e)
	{
		if (const ast::VarDecl* g = global_of(e.key->base.get()))
			add_lock(locks_, g, is_stats(*g));
		children(e.key->indexes);
	}
	void visit(const ast::StatOp& e) { write_target(e.operand.get()); }
	void visit(const ast::HistogramOp& e) { write_target(e.operand.get()); }
	void visit(const ast::Foreach& s)
	{
		// A foreach sorts the array (or combines an aggregate's parts).
		if (const ast::VarDecl* g = global_of(s.array.get()))
			add_lock(locks_, g, true);
		else
			child(s.array);
		child(s.value);
		children(s.keys);
		children(s.restriction);
		child(s.limit);
		child(s.body);
	}
	void visit(const ast::FunctionCall& e)
	{
		if (e.referent != nullptr)
			calls_.push_back(e.referent);
		children(e.args);
	}
	void visit(const ast::EmbeddedExpr& e) { pragmas(e.code.pragmas); }

	void pragmas(const ast::EmbeddedPragmas& p)
	{
		for (const std::string& name : p.reads)
			if (const ast::VarDecl* g = by_name_(name))
				add_lock(locks_, g, false);
		for (const std::string& name : p.writes)
			if (const ast::VarDecl* g = by_name_(name))
				add_lock(locks_, g, true);
	}

private:
	void write_target(const ast::Expr* e)
	{
		if (const ast::VarDecl* g = target_global(e)) {
			add_lock(locks_, g, true);
			if (const auto* idx = ast::as<ast::ArrayIndex>(e))
				children(idx->indexes);
		} else if (e != nullptr) {
			visit(*e);
		}
	}

	LockSet& locks_;
	std::vector<const ast::Function*>& calls_;
	const std::function<const ast::VarDecl*(const std::string&)>& by_name_;
};

} // namespace

LockAnalysis::LockAnalysis(
	std::function<std::vector<const ast::Function*>(const ast::Function&)> overloads,
	std::function<const ast::VarDecl*(const std::string&)> global_by_name)
    : overloads_(std::move(overloads)), global_by_name_(std::move(global_by_name))
{
}

const LockAnalysis::Direct& LockAnalysis::direct(const ast::Function& f)
{
	auto it = direct_.find(&f);
	if (it != direct_.end())
		return it->second;
	Direct d;
	UseCollector collect(d.locks, d.calls, global_by_name_);
	if (f.body)
		collect.visit(*f.body);
	if (f.embedded)
		collect.pragmas(f.embedded->pragmas);
	return direct_.emplace(&f, std::move(d)).first->second;
}

LockSet LockAnalysis::close_over_calls(Direct d)
{
	LockSet all = std::move(d.locks);
	std::set<const ast::Function*> seen;
	std::vector<const ast::Function*> work = std::move(d.calls);
	while (!work.empty()) {
		const ast::Function* f = work.back();
		work.pop_back();
		std::vector<const ast::Function*> chain =
			overloads_ ? overloads_(*f) : std::vector<const ast::Function*>{f};
		for (const ast::Function* g : chain) {
			if (!seen.insert(g).second)
				continue;
			const Direct& dg = direct(*g);
			for (auto [global, write] : dg.locks)
				add_lock(all, global, write);
			work.insert(work.end(), dg.calls.begin(), dg.calls.end());
		}
	}
	return all;
}

LockSet LockAnalysis::handler_locks(const ast::Probe& handler)
{
	Direct d;
	UseCollector collect(d.locks, d.calls, global_by_name_);
	for (const auto& point : handler.points)
		if (point->condition)
			collect.visit(*point->condition);
	if (handler.body)
		collect.visit(*handler.body);
	return close_over_calls(std::move(d));
}

LockSet LockAnalysis::function_locks(const ast::Function& function)
{
	Direct d = direct(function);
	return close_over_calls(std::move(d));
}

} // namespace stap::codegen
