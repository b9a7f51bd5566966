// Visitors over the AST, dispatched statically (CRTP) on the node kind.
//
// A pass derives from ConstVisitor<Pass> (read-only) or Visitor<Pass>
// (mutating), brings the base's overloads into scope and defines visit() for
// the nodes it cares about; every other node gets the default, which visits
// the node's children in source order:
//
//   struct CallCounter : ast::ConstVisitor<CallCounter> {
//           using ConstVisitor::visit;
//           void visit(const ast::FunctionCall& call)
//           {
//                   ++calls;
//                   ConstVisitor::visit(call); // and its arguments
//           }
//           int calls = 0;
//   };
//
// Visitor<Pass> can also replace nodes: a visit() for an expression node may
// return an ExprPtr (a statement's visit() a StmtPtr); when it returns
// non-null, that node takes the place of the visited one.  Replacement works
// wherever a child is held by an ExprPtr/StmtPtr, and for children held by a
// typed pointer (unique_ptr<Symbol>, unique_ptr<Block>, ...) when the
// replacement has the same node type; anything else is a bug in the pass and
// throws std::logic_error.
#pragma once

#include "parse/ast.h"

#include <stdexcept>
#include <type_traits>

namespace stap::ast
{

template <typename Impl>
class ConstVisitor
{
public:
	void visit(const Expr& e)
	{
		switch (e.kind) {
#define STAP_DISPATCH(name)                                                                        \
	case ExprKind::name:                                                                       \
		impl().visit(static_cast<const name&>(e));                                         \
		return;
			STAP_AST_EXPR_NODES(STAP_DISPATCH)
#undef STAP_DISPATCH
		}
	}
	void visit(const Stmt& s)
	{
		switch (s.kind) {
#define STAP_DISPATCH(name)                                                                        \
	case StmtKind::name:                                                                       \
		impl().visit(static_cast<const name&>(s));                                         \
		return;
			STAP_AST_STMT_NODES(STAP_DISPATCH)
#undef STAP_DISPATCH
		}
	}

	// Expressions.
	void visit(const IntLiteral&) {}
	void visit(const StringLiteral&) {}
	void visit(const Symbol&) {}
	void visit(const ArrayIndex& e)
	{
		child(e.base);
		children(e.indexes);
	}
	void visit(const FunctionCall& e)
	{
		children(e.args);
	}
	void visit(const PrintFormat& e)
	{
		child(e.format);
		children(e.args);
	}
	void visit(const Unary& e)
	{
		child(e.operand);
	}
	void visit(const IncDec& e)
	{
		child(e.operand);
	}
	void visit(const Binary& e)
	{
		child(e.lhs);
		child(e.rhs);
	}
	void visit(const RegexMatch& e)
	{
		child(e.lhs);
		child(e.pattern);
	}
	void visit(const Ternary& e)
	{
		child(e.cond);
		child(e.then_expr);
		child(e.else_expr);
	}
	void visit(const Assignment& e)
	{
		child(e.lhs);
		child(e.rhs);
	}
	void visit(const InArray& e)
	{
		child(e.key);
	}
	void visit(const StatOp& e)
	{
		child(e.operand);
	}
	void visit(const HistogramOp& e)
	{
		child(e.operand);
	}
	void visit(const TargetSymbol& e)
	{
		components(e);
	}
	void visit(const Cast& e)
	{
		child(e.operand);
		components(e);
	}
	void visit(const AtVar& e)
	{
		components(e);
	}
	void visit(const AutoCast& e)
	{
		child(e.operand);
		components(e);
	}
	void visit(const Defined& e)
	{
		child(e.operand);
	}
	void visit(const Entry& e)
	{
		child(e.operand);
	}
	void visit(const ProbeWrite& e)
	{
		child(e.variable);
	}
	void visit(const Register&) {}
	void visit(const MemoryRead& e)
	{
		child(e.address);
	}
	void visit(const EmbeddedExpr&) {}

	// Statements.
	void visit(const Block& s)
	{
		children(s.statements);
	}
	void visit(const ExprStmt& s)
	{
		child(s.expr);
	}
	void visit(const If& s)
	{
		child(s.cond);
		child(s.then_stmt);
		child(s.else_stmt);
	}
	void visit(const While& s)
	{
		child(s.cond);
		child(s.body);
	}
	void visit(const For& s)
	{
		child(s.init);
		child(s.cond);
		child(s.step);
		child(s.body);
	}
	void visit(const Foreach& s)
	{
		child(s.value);
		children(s.keys);
		child(s.array);
		children(s.restriction);
		child(s.limit);
		child(s.body);
	}
	void visit(const Delete& s)
	{
		child(s.target);
	}
	void visit(const Next&) {}
	void visit(const Break&) {}
	void visit(const Continue&) {}
	void visit(const Return& s)
	{
		child(s.value);
	}
	void visit(const TryCatch& s)
	{
		child(s.try_block);
		child(s.catch_var);
		child(s.catch_block);
	}
	void visit(const Null&) {}

	// Declarations.
	void visit(const ProbePoint& p)
	{
		for (const ProbePointComponent& c : p.components)
			child(c.arg);
		child(p.condition);
	}
	void visit(const VarDecl&) {}
	void visit(const GlobalVar& g)
	{
		child(g.init);
	}
	void visit(const Probe& p)
	{
		children(p.points);
		child(p.body);
	}
	void visit(const ProbeAlias& a)
	{
		child(a.name);
		children(a.targets);
		child(a.prologue);
		child(a.epilogue);
	}
	void visit(const Function& f)
	{
		children(f.params);
		child(f.body);
	}
	void visit(const File& f)
	{
		children(f.globals);
		children(f.aliases);
		children(f.probes);
		children(f.functions);
	}
	void visit(const Program& p)
	{
		children(p.files);
	}

protected:
	Impl& impl()
	{
		return static_cast<Impl&>(*this);
	}

	template <typename T>
	void child(const std::unique_ptr<T>& node)
	{
		if (node)
			impl().visit(*node);
	}
	template <typename T>
	void children(const std::vector<std::unique_ptr<T>>& nodes)
	{
		for (const auto& n : nodes)
			child(n);
	}
	void components(const TargetExpr& e)
	{
		for (const TargetComponent& c : e.components)
			child(c.index);
	}
};

template <typename Impl>
class Visitor
{
public:
	// Visits the expression in `slot`, replacing it if the pass asks to.
	void visit(ExprPtr& slot)
	{
		if (slot)
			if (ExprPtr replacement = dispatch(*slot))
				slot = std::move(replacement);
	}
	void visit(StmtPtr& slot)
	{
		if (slot)
			if (StmtPtr replacement = dispatch(*slot))
				slot = std::move(replacement);
	}
	// Visits a node not held in a slot: it cannot be replaced.
	void visit(Expr& e)
	{
		if (dispatch(e))
			throw std::logic_error(
				"AST visitor: replacing an expression held by reference");
	}
	void visit(Stmt& s)
	{
		if (dispatch(s))
			throw std::logic_error(
				"AST visitor: replacing a statement held by reference");
	}

	// Expressions.
	void visit(IntLiteral&) {}
	void visit(StringLiteral&) {}
	void visit(Symbol&) {}
	void visit(ArrayIndex& e)
	{
		impl().visit(e.base);
		slots(e.indexes);
	}
	void visit(FunctionCall& e) { slots(e.args); }
	void visit(PrintFormat& e)
	{
		typed(e.format);
		slots(e.args);
	}
	void visit(Unary& e) { impl().visit(e.operand); }
	void visit(IncDec& e) { impl().visit(e.operand); }
	void visit(Binary& e)
	{
		impl().visit(e.lhs);
		impl().visit(e.rhs);
	}
	void visit(RegexMatch& e)
	{
		impl().visit(e.lhs);
		typed(e.pattern);
	}
	void visit(Ternary& e)
	{
		impl().visit(e.cond);
		impl().visit(e.then_expr);
		impl().visit(e.else_expr);
	}
	void visit(Assignment& e)
	{
		impl().visit(e.lhs);
		impl().visit(e.rhs);
	}
	void visit(InArray& e) { typed(e.key); }
	void visit(StatOp& e) { impl().visit(e.operand); }
	void visit(HistogramOp& e) { impl().visit(e.operand); }
	void visit(TargetSymbol& e) { components(e); }
	void visit(Cast& e)
	{
		impl().visit(e.operand);
		components(e);
	}
	void visit(AtVar& e) { components(e); }
	void visit(AutoCast& e)
	{
		impl().visit(e.operand);
		components(e);
	}
	void visit(Defined& e) { impl().visit(e.operand); }
	void visit(Entry& e) { impl().visit(e.operand); }
	void visit(ProbeWrite& e) { typed(e.variable); }
	void visit(Register&) {}
	void visit(MemoryRead& e) { impl().visit(e.address); }
	void visit(EmbeddedExpr&) {}

	// Statements.
	void visit(Block& s) { slots(s.statements); }
	void visit(ExprStmt& s) { impl().visit(s.expr); }
	void visit(If& s)
	{
		impl().visit(s.cond);
		impl().visit(s.then_stmt);
		impl().visit(s.else_stmt);
	}
	void visit(While& s)
	{
		impl().visit(s.cond);
		impl().visit(s.body);
	}
	void visit(For& s)
	{
		impl().visit(s.init);
		impl().visit(s.cond);
		impl().visit(s.step);
		impl().visit(s.body);
	}
	void visit(Foreach& s)
	{
		typed(s.value);
		for (auto& k : s.keys)
			typed(k);
		impl().visit(s.array);
		slots(s.restriction);
		impl().visit(s.limit);
		impl().visit(s.body);
	}
	void visit(Delete& s) { impl().visit(s.target); }
	void visit(Next&) {}
	void visit(Break&) {}
	void visit(Continue&) {}
	void visit(Return& s) { impl().visit(s.value); }
	void visit(TryCatch& s)
	{
		typed(s.try_block);
		typed(s.catch_var);
		typed(s.catch_block);
	}
	void visit(Null&) {}

	// Declarations.
	void visit(ProbePoint& p)
	{
		for (ProbePointComponent& c : p.components)
			impl().visit(c.arg);
		impl().visit(p.condition);
	}
	void visit(VarDecl&) {}
	void visit(GlobalVar& g) { impl().visit(g.init); }
	void visit(Probe& p)
	{
		for (auto& point : p.points)
			impl().visit(*point);
		typed(p.body);
	}
	void visit(ProbeAlias& a)
	{
		impl().visit(*a.name);
		for (auto& point : a.targets)
			impl().visit(*point);
		typed(a.prologue);
		typed(a.epilogue);
	}
	void visit(Function& f)
	{
		for (auto& param : f.params)
			impl().visit(*param);
		typed(f.body);
	}
	void visit(File& f)
	{
		for (auto& g : f.globals)
			impl().visit(*g);
		for (auto& a : f.aliases)
			impl().visit(*a);
		for (auto& p : f.probes)
			impl().visit(*p);
		for (auto& fn : f.functions)
			impl().visit(*fn);
	}
	void visit(Program& p)
	{
		for (auto& f : p.files)
			impl().visit(*f);
	}

protected:
	Impl& impl() { return static_cast<Impl&>(*this); }

	// Calls the pass's visit() for a concrete node; returns its replacement.
	template <typename Result, typename T>
	Result call(T& node)
	{
		if constexpr (std::is_void_v<decltype(impl().visit(node))>) {
			impl().visit(node);
			return nullptr;
		} else {
			// clang-analyzer (14) loses track of a unique_ptr<Derived> converted
			// to unique_ptr<Base> on return and reports a leak that is not there.
			// NOLINTNEXTLINE(clang-analyzer-cplusplus.NewDeleteLeaks)
			return impl().visit(node);
		}
	}
	ExprPtr dispatch(Expr& e)
	{
		switch (e.kind) {
#define STAP_DISPATCH(name)                                                                        \
	case ExprKind::name:                                                                       \
		return call<ExprPtr>(                                                              \
			static_cast<name&>(e)); /* NOLINT(bugprone-macro-parentheses) */
			STAP_AST_EXPR_NODES(STAP_DISPATCH)
#undef STAP_DISPATCH
		}
		return nullptr;
	}
	StmtPtr dispatch(Stmt& s)
	{
		switch (s.kind) {
#define STAP_DISPATCH(name)                                                                        \
	case StmtKind::name:                                                                       \
		return call<StmtPtr>(                                                              \
			static_cast<name&>(s)); /* NOLINT(bugprone-macro-parentheses) */
			STAP_AST_STMT_NODES(STAP_DISPATCH)
#undef STAP_DISPATCH
		}
		return nullptr;
	}

	template <typename T>
	void slots(std::vector<std::unique_ptr<T>>& nodes)
	{
		for (auto& n : nodes)
			impl().visit(n);
	}

	// A child held by a typed pointer: replaceable by a node of its own type.
	template <typename T>
	void typed(std::unique_ptr<T>& node)
	{
		if (!node)
			return;
		auto replacement = dispatch(*node);
		if (!replacement)
			return;
		if (replacement->kind != T::kKind)
			throw std::logic_error("AST visitor: replacement of the wrong node type");
		node.reset(static_cast<T*>(replacement.release()));
	}

	void components(TargetExpr& e)
	{
		for (TargetComponent& c : e.components)
			impl().visit(c.index);
	}
};

} // namespace stap::ast
