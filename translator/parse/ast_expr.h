// Expression nodes.  Part of parse/ast.h: include that instead.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace stap::ast
{

struct VarDecl;
struct Function;

// Casts by kind: as<Binary>(expr) is null unless expr is a Binary.
template <typename T, typename Base>
T* as(Base* node)
{
	return node != nullptr && node->kind == T::kKind ? static_cast<T*>(node) : nullptr;
}

template <typename T, typename Base>
const T* as(const Base* node)
{
	return node != nullptr && node->kind == T::kKind ? static_cast<const T*>(node) : nullptr;
}

// 64-bit integer literal.  Values above 2^63-1 in the source have wrapped
// around; a minus sign directly before a literal is folded into it.
struct IntLiteral : Expr {
	static constexpr ExprKind kKind = ExprKind::IntLiteral;
	IntLiteral() : Expr(kKind) {}
	explicit IntLiteral(std::int64_t v) : Expr(kKind), value(v) {}
	[[nodiscard]] ExprPtr clone() const override;

	std::int64_t value = 0;
};

// String literal after escape processing and concatenation of adjacent
// literals ("a" "b" is one literal "ab").
struct StringLiteral : Expr {
	static constexpr ExprKind kKind = ExprKind::StringLiteral;
	StringLiteral() : Expr(kKind) {}
	explicit StringLiteral(std::string v) : Expr(kKind), value(std::move(v)) {}
	[[nodiscard]] ExprPtr clone() const override;

	std::string value;
};

// A plain identifier: a local, global or parameter.
struct Symbol : Expr {
	static constexpr ExprKind kKind = ExprKind::Symbol;
	Symbol() : Expr(kKind) {}
	explicit Symbol(std::string n) : Expr(kKind), name(std::move(n)) {}
	[[nodiscard]] ExprPtr clone() const override;

	std::string name;
	VarDecl* referent = nullptr; // pass 2
};

// base[i1, i2, ...]: an array element, or a histogram bucket when base is a
// HistogramOp.  A null index is the wildcard `*`, allowed only in delete,
// `in` and foreach restrictions.
struct ArrayIndex : Expr {
	static constexpr ExprKind kKind = ExprKind::ArrayIndex;
	ArrayIndex() : Expr(kKind) {}
	[[nodiscard]] ExprPtr clone() const override;

	ExprPtr base; // Symbol or HistogramOp
	std::vector<ExprPtr> indexes;
};

struct FunctionCall : Expr {
	static constexpr ExprKind kKind = ExprKind::FunctionCall;
	FunctionCall() : Expr(kKind) {}
	[[nodiscard]] ExprPtr clone() const override;

	std::string name;
	std::vector<ExprPtr> args;
	Function* referent = nullptr; // pass 2
};

// The print family is part of the language, not of the tapset library:
//   print println printd printdln printf   (write to the output stream)
//   sprint sprintln sprintd sprintdln sprintf   (return a string)
struct PrintFormat : Expr {
	static constexpr ExprKind kKind = ExprKind::PrintFormat;
	enum class Style : std::uint8_t {
		Print,    // values concatenated
		Println,  // ... plus a newline
		Printd,   // values separated by the delimiter in `format`
		Printdln, // ... plus a newline
		Printf,   // formatted by `format`
	};
	PrintFormat() : Expr(kKind) {}
	[[nodiscard]] ExprPtr clone() const override;

	// "printf", "sprintdln", ...
	[[nodiscard]] std::string name() const;
	// Looks up a print-family name; nullopt for any other identifier.
	static std::optional<std::pair<Style, bool>> lookup(std::string_view name);
	// Every print-family name ("print", "println", ..., "sprintf").
	static std::vector<std::string> all_names();

	Style style = Style::Print;
	bool to_string = false;                // the sprint* variants
	std::unique_ptr<StringLiteral> format; // printf format or printd delimiter
	std::vector<ExprPtr> args;
};

struct Unary : Expr {
	static constexpr ExprKind kKind = ExprKind::Unary;
	enum class Op : std::uint8_t { Neg, Plus, Not, BitNot };
	Unary() : Expr(kKind) {}
	[[nodiscard]] ExprPtr clone() const override;

	Op op = Op::Neg;
	ExprPtr operand;
};
const char* op_spelling(Unary::Op op);

// ++x, --x, x++, x--
struct IncDec : Expr {
	static constexpr ExprKind kKind = ExprKind::IncDec;
	IncDec() : Expr(kKind) {}
	[[nodiscard]] ExprPtr clone() const override;

	bool increment = true;
	bool prefix = true;
	ExprPtr operand; // an lvalue
};

struct Binary : Expr {
	static constexpr ExprKind kKind = ExprKind::Binary;
	enum class Op : std::uint8_t {
		// numeric
		Add,
		Sub,
		Mul,
		Div,
		Mod,
		Shl,
		Shr,
		BitAnd,
		BitOr,
		BitXor,
		// string
		Concat,
		// comparison (numbers or strings, result long)
		Lt,
		Le,
		Gt,
		Ge,
		Eq,
		Ne,
		// short-circuit logic
		LogicalAnd,
		LogicalOr,
	};
	Binary() : Expr(kKind) {}
	[[nodiscard]] ExprPtr clone() const override;

	Op op = Op::Add;
	ExprPtr lhs;
	ExprPtr rhs;
};
const char* op_spelling(Binary::Op op);
// Higher binds tighter: || 1, && 2, | 3, ^ 4, & 5, comparisons 7, shifts 8,
// . 9, + - 10, * / % 11.  (`in` sits at 6, =~ and !~ with the comparisons.)
// All are left-associative.
int precedence(Binary::Op op);
bool is_comparison(Binary::Op op);
bool is_logical(Binary::Op op);

// lhs =~ "regex", lhs !~ "regex": the pattern is always a literal.
struct RegexMatch : Expr {
	static constexpr ExprKind kKind = ExprKind::RegexMatch;
	RegexMatch() : Expr(kKind) {}
	[[nodiscard]] ExprPtr clone() const override;

	ExprPtr lhs;
	std::unique_ptr<StringLiteral> pattern;
	bool negated = false; // !~
};

struct Ternary : Expr {
	static constexpr ExprKind kKind = ExprKind::Ternary;
	Ternary() : Expr(kKind) {}
	[[nodiscard]] ExprPtr clone() const override;

	ExprPtr cond;
	ExprPtr then_expr;
	ExprPtr else_expr;
};

struct Assignment : Expr {
	static constexpr ExprKind kKind = ExprKind::Assignment;
	enum class Op : std::uint8_t {
		Assign,
		AddAssign,
		SubAssign,
		MulAssign,
		DivAssign,
		ModAssign,
		ShlAssign,
		ShrAssign,
		AndAssign,
		OrAssign,
		XorAssign,
		ConcatAssign, // .=
		Accumulate,   // <<< : add a sample to a statistics aggregate
	};
	Assignment() : Expr(kKind) {}
	[[nodiscard]] ExprPtr clone() const override;

	Op op = Op::Assign;
	ExprPtr lhs; // an lvalue
	ExprPtr rhs;
};
const char* op_spelling(Assignment::Op op);
// The operator a compound assignment applies (+= is Add, .= is Concat);
// nullopt for = and <<<.
std::optional<Binary::Op> compound_binary_op(Assignment::Op op);

// key in array, [k1, k2] in array, [*, k2] in array
struct InArray : Expr {
	static constexpr ExprKind kKind = ExprKind::InArray;
	InArray() : Expr(kKind) {}
	[[nodiscard]] ExprPtr clone() const override;

	std::unique_ptr<ArrayIndex> key; // base and keys
};

enum class StatFunc : std::uint8_t { Count, Sum, Min, Max, Avg, Variance };
const char* stat_func_name(StatFunc f); // "count", ...
std::optional<StatFunc> lookup_stat_func(std::string_view name);

// @count(s), @sum(s), ..., @variance(s[, bitshift])
struct StatOp : Expr {
	static constexpr ExprKind kKind = ExprKind::StatOp;
	StatOp() : Expr(kKind) {}
	[[nodiscard]] ExprPtr clone() const override;

	StatFunc func = StatFunc::Count;
	ExprPtr operand;                       // the aggregate: Symbol or ArrayIndex
	std::optional<std::int64_t> bit_shift; // @variance's optional argument
};

// @hist_log(s), @hist_linear(s, low, high, width)
struct HistogramOp : Expr {
	static constexpr ExprKind kKind = ExprKind::HistogramOp;
	enum class Shape : std::uint8_t { Log, Linear };
	HistogramOp() : Expr(kKind) {}
	[[nodiscard]] ExprPtr clone() const override;

	Shape shape = Shape::Log;
	ExprPtr operand;                  // the aggregate
	std::vector<std::int64_t> params; // low, high, width for Linear
};

// ---- Target (DWARF) expressions -------------------------------------------

// One step after a target expression: ->member or [index].
struct TargetComponent {
	enum class Kind : std::uint8_t { Member, Index };
	Kind kind = Kind::Member;
	std::string member; // Member
	ExprPtr index;      // Index
	SourceLocation loc;

	[[nodiscard]] TargetComponent clone() const;
};

// The $ and $$ suffixes: a string of the value's members, shallow or deep.
enum class PrettyPrint : std::uint8_t { None, Shallow, Deep };

// Common part of every expression that names C data: the components that
// follow, the pretty-print suffix and a leading &.
struct TargetExpr : Expr {
	using Expr::Expr;
	static bool classof(ExprKind k)
	{
		return k == ExprKind::TargetSymbol || k == ExprKind::Cast || k == ExprKind::AtVar ||
		       k == ExprKind::AutoCast;
	}

	std::vector<TargetComponent> components;
	PrettyPrint pretty = PrettyPrint::None;
	bool addressof = false; // &$var->x
};

// Casts to TargetExpr; null for other expressions.
TargetExpr* as_target(Expr* e);
const TargetExpr* as_target(const Expr* e);

// $var, and the context groups $$vars, $$parms, $$locals, $$return (and any
// other $$name a probe family provides).  `name` keeps the sigils: "$var",
// "$$vars".
struct TargetSymbol : TargetExpr {
	static constexpr ExprKind kKind = ExprKind::TargetSymbol;
	TargetSymbol() : TargetExpr(kKind) {}
	[[nodiscard]] ExprPtr clone() const override;

	[[nodiscard]] bool is_context_group() const { return name.starts_with("$$"); }

	std::string name;
};

// @cast(operand, "type"[, "module"])
struct Cast : TargetExpr {
	static constexpr ExprKind kKind = ExprKind::Cast;
	Cast() : TargetExpr(kKind) {}
	[[nodiscard]] ExprPtr clone() const override;

	ExprPtr operand;
	std::string type_name;
	std::string module; // empty: the default for the probe
};

// @var("name[@file]"[, "module"])
struct AtVar : TargetExpr {
	static constexpr ExprKind kKind = ExprKind::AtVar;
	AtVar() : TargetExpr(kKind) {}
	[[nodiscard]] ExprPtr clone() const override;

	std::string name; // as written, with any "@file"
	std::string module;
};

// operand->member... on any other expression: the type comes from what the
// operand was computed from (task_current()->pid, (c ? $a : $b)->x).
struct AutoCast : TargetExpr {
	static constexpr ExprKind kKind = ExprKind::AutoCast;
	AutoCast() : TargetExpr(kKind) {}
	[[nodiscard]] ExprPtr clone() const override;

	ExprPtr operand;
};

// @defined(expr): 1 if expr (usually a target expression) resolves.
struct Defined : Expr {
	static constexpr ExprKind kKind = ExprKind::Defined;
	Defined() : Expr(kKind) {}
	[[nodiscard]] ExprPtr clone() const override;

	ExprPtr operand;
};

// @entry(expr): expr evaluated at function entry, in a .return probe.
struct Entry : Expr {
	static constexpr ExprKind kKind = ExprKind::Entry;
	Entry() : Expr(kKind) {}
	[[nodiscard]] ExprPtr clone() const override;

	ExprPtr operand;
};

// @probewrite(var): 1 if the probe handler writes var.
struct ProbeWrite : Expr {
	static constexpr ExprKind kKind = ExprKind::ProbeWrite;
	ProbeWrite() : Expr(kKind) {}
	[[nodiscard]] ExprPtr clone() const override;

	std::unique_ptr<Symbol> variable;
};

// @kregister(N), @uregister(N): register by DWARF number.
struct Register : Expr {
	static constexpr ExprKind kKind = ExprKind::Register;
	Register() : Expr(kKind) {}
	[[nodiscard]] ExprPtr clone() const override;

	bool user = false;
	std::int64_t number = 0;
};

// @kderef(size, address), @uderef(size, address)
struct MemoryRead : Expr {
	static constexpr ExprKind kKind = ExprKind::MemoryRead;
	MemoryRead() : Expr(kKind) {}
	[[nodiscard]] ExprPtr clone() const override;

	bool user = false;
	std::int64_t size = 0; // bytes: 1, 2, 4 or 8
	ExprPtr address;
};

// ---- Embedded C ------------------------------------------------------------

// The pragma comments an embedded-C block may carry (stap(1) EMBEDDED C).
struct EmbeddedPragmas {
	bool pure = false;
	bool stable = false;
	bool unprivileged = false;
	bool myproc_unprivileged = false;
	bool guru = false;
	bool unmangled = false;
	bool unmodified_fnargs = false;
	bool string_value = false;       // /* string */ (embedded expressions)
	std::vector<std::string> reads;  // /* pragma:read:NAME */
	std::vector<std::string> writes; // /* pragma:write:NAME */

	static EmbeddedPragmas scan(std::string_view code);
	bool operator==(const EmbeddedPragmas&) const = default;
};

// %{ code %}, kept verbatim.
struct EmbeddedCode {
	std::string code; // between %{ and %}
	SourceLocation loc;
	EmbeddedPragmas pragmas;
};

// %{ C expression %} in place of an expression (guru mode or tapsets).
struct EmbeddedExpr : Expr {
	static constexpr ExprKind kKind = ExprKind::EmbeddedExpr;
	EmbeddedExpr() : Expr(kKind) {}
	[[nodiscard]] ExprPtr clone() const override;

	EmbeddedCode code;
};

} // namespace stap::ast
