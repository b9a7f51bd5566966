// Statement nodes.  Part of parse/ast.h: include that instead.
#pragma once

#include <optional>
#include <vector>

namespace stap::ast
{

struct Block : Stmt {
	static constexpr StmtKind kKind = StmtKind::Block;
	Block() : Stmt(kKind) {}
	[[nodiscard]] StmtPtr clone() const override;

	std::vector<StmtPtr> statements;
};

// An expression evaluated for its side effects.
struct ExprStmt : Stmt {
	static constexpr StmtKind kKind = StmtKind::ExprStmt;
	ExprStmt() : Stmt(kKind) {}
	[[nodiscard]] StmtPtr clone() const override;

	ExprPtr expr;
};

struct If : Stmt {
	static constexpr StmtKind kKind = StmtKind::If;
	If() : Stmt(kKind) {}
	[[nodiscard]] StmtPtr clone() const override;

	ExprPtr cond;
	StmtPtr then_stmt;
	StmtPtr else_stmt; // may be null
};

struct While : Stmt {
	static constexpr StmtKind kKind = StmtKind::While;
	While() : Stmt(kKind) {}
	[[nodiscard]] StmtPtr clone() const override;

	ExprPtr cond;
	StmtPtr body;
};

// for (init; cond; step) body -- each expression may be null.
struct For : Stmt {
	static constexpr StmtKind kKind = StmtKind::For;
	For() : Stmt(kKind) {}
	[[nodiscard]] StmtPtr clone() const override;

	ExprPtr init;
	ExprPtr cond; // null: always true
	ExprPtr step;
	StmtPtr body;
};

// foreach ([k1, k2-] in array[restriction] @stat+ limit N) body
// foreach (v = [k1, k2] in array) body
struct Foreach : Stmt {
	static constexpr StmtKind kKind = StmtKind::Foreach;
	enum class Sort : std::uint8_t { None, Ascending, Descending };
	Foreach() : Stmt(kKind) {}
	[[nodiscard]] StmtPtr clone() const override;

	std::unique_ptr<Symbol> value; // `v =`: receives array[keys]; may be null
	std::vector<std::unique_ptr<Symbol>> keys;
	ExprPtr array; // Symbol, or a HistogramOp to iterate over its buckets
	// `in array[k1, *]`: iterate only over matching keys (null: wildcard);
	// empty when not restricted.
	std::vector<ExprPtr> restriction;
	Sort sort = Sort::None;
	unsigned sort_column = 0;               // 0: by value; N: by key N (1-based)
	std::optional<StatFunc> sort_aggregate; // `in array @sum+` (default @count)
	ExprPtr limit;                          // may be null
	StmtPtr body;
};

// delete var, delete array, delete array[k1, *]
struct Delete : Stmt {
	static constexpr StmtKind kKind = StmtKind::Delete;
	Delete() : Stmt(kKind) {}
	[[nodiscard]] StmtPtr clone() const override;

	ExprPtr target;
};

// next: leave the probe handler, or go on with the next overload of a function.
struct Next : Stmt {
	static constexpr StmtKind kKind = StmtKind::Next;
	Next() : Stmt(kKind) {}
	[[nodiscard]] StmtPtr clone() const override;
};

struct Break : Stmt {
	static constexpr StmtKind kKind = StmtKind::Break;
	Break() : Stmt(kKind) {}
	[[nodiscard]] StmtPtr clone() const override;
};

struct Continue : Stmt {
	static constexpr StmtKind kKind = StmtKind::Continue;
	Continue() : Stmt(kKind) {}
	[[nodiscard]] StmtPtr clone() const override;
};

struct Return : Stmt {
	static constexpr StmtKind kKind = StmtKind::Return;
	Return() : Stmt(kKind) {}
	[[nodiscard]] StmtPtr clone() const override;

	ExprPtr value; // may be null
};

// try { } catch [(msg)] { }
struct TryCatch : Stmt {
	static constexpr StmtKind kKind = StmtKind::TryCatch;
	TryCatch() : Stmt(kKind) {}
	[[nodiscard]] StmtPtr clone() const override;

	std::unique_ptr<Block> try_block;
	std::unique_ptr<Symbol> catch_var; // may be null
	std::unique_ptr<Block> catch_block;
};

// A lone `;`.
struct Null : Stmt {
	static constexpr StmtKind kKind = StmtKind::Null;
	Null() : Stmt(kKind) {}
	[[nodiscard]] StmtPtr clone() const override;
};

} // namespace stap::ast
