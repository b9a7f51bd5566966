#include "elaborate/constant_value.h"

#include <limits>

namespace stap
{

std::optional<std::int64_t> fold_binary(ast::Binary::Op op, std::int64_t l, std::int64_t r)
{
	using Op = ast::Binary::Op;
	auto ul = static_cast<std::uint64_t>(l);
	auto ur = static_cast<std::uint64_t>(r);
	const bool shift_ok = r >= 0 && r < 64;
	switch (op) {
	case Op::Add:
		return static_cast<std::int64_t>(ul + ur);
	case Op::Sub:
		return static_cast<std::int64_t>(ul - ur);
	case Op::Mul:
		return static_cast<std::int64_t>(ul * ur);
	case Op::Div:
	case Op::Mod:
		if (r == 0 || (l == std::numeric_limits<std::int64_t>::min() && r == -1))
			return std::nullopt;
		return op == Op::Div ? l / r : l % r;
	case Op::Shl:
		return shift_ok ? std::optional(static_cast<std::int64_t>(ul << r)) : std::nullopt;
	case Op::Shr:
		return shift_ok ? std::optional(l >> r) : std::nullopt;
	case Op::BitAnd:
		return l & r;
	case Op::BitOr:
		return l | r;
	case Op::BitXor:
		return l ^ r;
	case Op::Lt:
		return l < r;
	case Op::Le:
		return l <= r;
	case Op::Gt:
		return l > r;
	case Op::Ge:
		return l >= r;
	case Op::Eq:
		return l == r;
	case Op::Ne:
		return l != r;
	case Op::LogicalAnd:
		return l != 0 && r != 0;
	case Op::LogicalOr:
		return l != 0 || r != 0;
	case Op::Concat:
		break;
	}
	return std::nullopt;
}

std::optional<std::int64_t> fold_unary(ast::Unary::Op op, std::int64_t v)
{
	switch (op) {
	case ast::Unary::Op::Neg:
		return static_cast<std::int64_t>(0 - static_cast<std::uint64_t>(v));
	case ast::Unary::Op::Plus:
		return v;
	case ast::Unary::Op::Not:
		return v == 0;
	case ast::Unary::Op::BitNot:
		return ~v;
	}
	return std::nullopt;
}

std::optional<std::int64_t> constant_value(const ast::Expr& e)
{
	if (const auto* lit = ast::as<ast::IntLiteral>(&e))
		return lit->value;
	if (const auto* u = ast::as<ast::Unary>(&e)) {
		if (auto v = constant_value(*u->operand))
			return fold_unary(u->op, *v);
		return std::nullopt;
	}
	if (const auto* b = ast::as<ast::Binary>(&e)) {
		auto l = constant_value(*b->lhs);
		// Short circuits: the left operand may decide alone.
		if (l && b->op == ast::Binary::Op::LogicalAnd && *l == 0)
			return 0;
		if (l && b->op == ast::Binary::Op::LogicalOr && *l != 0)
			return 1;
		auto r = constant_value(*b->rhs);
		if (l && r)
			return fold_binary(b->op, *l, *r);
		return std::nullopt;
	}
	if (const auto* t = ast::as<ast::Ternary>(&e))
		if (auto c = constant_value(*t->cond))
			return constant_value(*c != 0 ? *t->then_expr : *t->else_expr);
	return std::nullopt;
}

} // namespace stap
