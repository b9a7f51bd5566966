// The value of an integer expression made only of literals and operators,
// when it is known at translation time (1 + 2, !0 && 5 > 3, c ? 1 : 2 with c
// constant); what the optimiser folds, and what the resolver uses to drop
// the branches an @defined(...) guard rules out before resolving them.
#pragma once

#include "parse/ast.h"

#include <cstdint>
#include <optional>

namespace stap
{

// `l op r` for known operands, if well defined at translation time
// (division by zero and out-of-range shifts are left to run time).
std::optional<std::int64_t> fold_binary(ast::Binary::Op op, std::int64_t l, std::int64_t r);
std::optional<std::int64_t> fold_unary(ast::Unary::Op op, std::int64_t v);

// The value of `e`, if it is a constant integer expression.
std::optional<std::int64_t> constant_value(const ast::Expr& e);

} // namespace stap
