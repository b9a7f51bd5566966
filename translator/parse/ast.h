// The abstract syntax tree of a SystemTap script: the contract between the
// parser (pass 1), the elaborator (pass 2) and code generation (pass 3).
//
// Layout:
//   ast.h         this file: types, the Expr and Stmt bases, pointer aliases
//   ast_expr.h    every expression node
//   ast_stmt.h    every statement node
//   ast_decl.h    probes, aliases, functions, globals, files, the program
//   ast_visitor.h read-only and rewriting visitors
//
// Ownership: a parent owns its children through std::unique_ptr; links that
// pass 2 fills in (a symbol's declaration, a call's function) are plain
// non-owning pointers into the same tree.  clone() copies a subtree deeply;
// resolution links are copied as they are (a clone taken before pass 2 has
// none, which is what alias expansion needs).
#pragma once

#include "diag/source_location.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace stap
{

// Type information about a C object, attached by the DWARF provider to $var,
// @cast and @var expressions and to values derived from them.  The AST only
// carries it; the debuginfo stage defines it.
struct TargetTypeInfo;

namespace ast
{

// The script-level type of a value.
enum class Type : std::uint8_t {
	Unknown, // not inferred (yet), or a function without a return value
	Long,
	String,
	Stats, // a statistics aggregate (the target of <<<)
};

const char* type_name(Type type); // "unknown", "long", "string", "stats"

// Where a node came from.  `length` is the number of columns diagnostics
// underline (usually the first token's length).
struct Node {
	SourceLocation loc;
	std::uint32_t length = 1;
};

// Every node class, in one list per category, so that the kind enums and
// the visitors' dispatch cannot drift apart.  The kind enumerator has the
// class's name.
#define STAP_AST_EXPR_NODES(X)                                                                     \
	X(IntLiteral)                                                                              \
	X(StringLiteral)                                                                           \
	X(Symbol)                                                                                  \
	X(ArrayIndex)                                                                              \
	X(FunctionCall)                                                                            \
	X(PrintFormat)                                                                             \
	X(Unary)                                                                                   \
	X(IncDec)                                                                                  \
	X(Binary)                                                                                  \
	X(RegexMatch)                                                                              \
	X(Ternary)                                                                                 \
	X(Assignment)                                                                              \
	X(InArray)                                                                                 \
	X(StatOp)                                                                                  \
	X(HistogramOp)                                                                             \
	X(TargetSymbol)                                                                            \
	X(Cast)                                                                                    \
	X(AtVar)                                                                                   \
	X(AutoCast)                                                                                \
	X(Defined)                                                                                 \
	X(Entry)                                                                                   \
	X(ProbeWrite)                                                                              \
	X(Register)                                                                                \
	X(MemoryRead)                                                                              \
	X(EmbeddedExpr)

#define STAP_AST_STMT_NODES(X)                                                                     \
	X(Block)                                                                                   \
	X(ExprStmt)                                                                                \
	X(If)                                                                                      \
	X(While)                                                                                   \
	X(For)                                                                                     \
	X(Foreach)                                                                                 \
	X(Delete)                                                                                  \
	X(Next)                                                                                    \
	X(Break)                                                                                   \
	X(Continue)                                                                                \
	X(Return)                                                                                  \
	X(TryCatch)                                                                                \
	X(Null)

#define STAP_AST_ENUMERATOR(name) name,
enum class ExprKind : std::uint8_t { STAP_AST_EXPR_NODES(STAP_AST_ENUMERATOR) };
enum class StmtKind : std::uint8_t { STAP_AST_STMT_NODES(STAP_AST_ENUMERATOR) };
#undef STAP_AST_ENUMERATOR

struct Expr;
struct Stmt;
using ExprPtr = std::unique_ptr<Expr>;
using StmtPtr = std::unique_ptr<Stmt>;

struct Expr : Node {
	explicit Expr(ExprKind k) : kind(k) {}
	Expr(const Expr&) = default;
	Expr& operator=(const Expr&) = delete;
	virtual ~Expr() = default;

	// A deep copy of this expression and everything below it.
	[[nodiscard]] virtual ExprPtr clone() const = 0;

	const ExprKind kind;
	Type type = Type::Unknown;                         // pass 2: inferred type
	std::shared_ptr<const TargetTypeInfo> target_type; // DWARF type, if known
};

struct Stmt : Node {
	explicit Stmt(StmtKind k) : kind(k) {}
	Stmt(const Stmt&) = default;
	Stmt& operator=(const Stmt&) = delete;
	virtual ~Stmt() = default;

	[[nodiscard]] virtual StmtPtr clone() const = 0;

	const StmtKind kind;
};

// Deep copies that keep the static type: clone_as(*symbol) is a
// unique_ptr<Symbol>.
template <typename T>
std::unique_ptr<T> clone_as(const T& node)
{
	auto copy = node.clone();
	return std::unique_ptr<T>(static_cast<T*>(copy.release()));
}

template <typename T>
std::unique_ptr<T> clone_ptr(const std::unique_ptr<T>& node)
{
	return node ? clone_as(*node) : nullptr;
}

template <typename T>
std::vector<std::unique_ptr<T>> clone_all(const std::vector<std::unique_ptr<T>>& nodes)
{
	std::vector<std::unique_ptr<T>> copies;
	copies.reserve(nodes.size());
	for (const auto& n : nodes)
		copies.push_back(clone_ptr(n));
	return copies;
}

} // namespace ast
} // namespace stap

// The node headers are parts of this one: include "parse/ast.h", not them.
// In this order: statements hold expressions, declarations hold both.
#include "parse/ast_expr.h"

#include "parse/ast_stmt.h"

#include "parse/ast_decl.h"
