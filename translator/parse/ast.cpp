#include "parse/ast.h"

#include <array>
#include <string_view>

namespace stap::ast
{

const char* type_name(Type type)
{
	switch (type) {
	case Type::Unknown:
		return "unknown";
	case Type::Long:
		return "long";
	case Type::String:
		return "string";
	case Type::Stats:
		return "stats";
	}
	return "unknown";
}

// ---- Operators and names ---------------------------------------------------

const char* op_spelling(Unary::Op op)
{
	switch (op) {
	case Unary::Op::Neg:
		return "-";
	case Unary::Op::Plus:
		return "+";
	case Unary::Op::Not:
		return "!";
	case Unary::Op::BitNot:
		return "~";
	}
	return "?";
}

const char* op_spelling(Binary::Op op)
{
	switch (op) {
	case Binary::Op::Add:
		return "+";
	case Binary::Op::Sub:
		return "-";
	case Binary::Op::Mul:
		return "*";
	case Binary::Op::Div:
		return "/";
	case Binary::Op::Mod:
		return "%";
	case Binary::Op::Shl:
		return "<<";
	case Binary::Op::Shr:
		return ">>";
	case Binary::Op::BitAnd:
		return "&";
	case Binary::Op::BitOr:
		return "|";
	case Binary::Op::BitXor:
		return "^";
	case Binary::Op::Concat:
		return ".";
	case Binary::Op::Lt:
		return "<";
	case Binary::Op::Le:
		return "<=";
	case Binary::Op::Gt:
		return ">";
	case Binary::Op::Ge:
		return ">=";
	case Binary::Op::Eq:
		return "==";
	case Binary::Op::Ne:
		return "!=";
	case Binary::Op::LogicalAnd:
		return "&&";
	case Binary::Op::LogicalOr:
		return "||";
	}
	return "?";
}

int precedence(Binary::Op op)
{
	switch (op) {
	case Binary::Op::LogicalOr:
		return 1;
	case Binary::Op::LogicalAnd:
		return 2;
	case Binary::Op::BitOr:
		return 3;
	case Binary::Op::BitXor:
		return 4;
	case Binary::Op::BitAnd:
		return 5;
	case Binary::Op::Lt:
	case Binary::Op::Le:
	case Binary::Op::Gt:
	case Binary::Op::Ge:
	case Binary::Op::Eq:
	case Binary::Op::Ne:
		return 7;
	case Binary::Op::Shl:
	case Binary::Op::Shr:
		return 8;
	case Binary::Op::Concat:
		return 9;
	case Binary::Op::Add:
	case Binary::Op::Sub:
		return 10;
	case Binary::Op::Mul:
	case Binary::Op::Div:
	case Binary::Op::Mod:
		return 11;
	}
	return 0;
}

bool is_comparison(Binary::Op op)
{
	return op >= Binary::Op::Lt && op <= Binary::Op::Ne;
}

bool is_logical(Binary::Op op)
{
	return op == Binary::Op::LogicalAnd || op == Binary::Op::LogicalOr;
}

const char* op_spelling(Assignment::Op op)
{
	switch (op) {
	case Assignment::Op::Assign:
		return "=";
	case Assignment::Op::AddAssign:
		return "+=";
	case Assignment::Op::SubAssign:
		return "-=";
	case Assignment::Op::MulAssign:
		return "*=";
	case Assignment::Op::DivAssign:
		return "/=";
	case Assignment::Op::ModAssign:
		return "%=";
	case Assignment::Op::ShlAssign:
		return "<<=";
	case Assignment::Op::ShrAssign:
		return ">>=";
	case Assignment::Op::AndAssign:
		return "&=";
	case Assignment::Op::OrAssign:
		return "|=";
	case Assignment::Op::XorAssign:
		return "^=";
	case Assignment::Op::ConcatAssign:
		return ".=";
	case Assignment::Op::Accumulate:
		return "<<<";
	}
	return "?";
}

std::optional<Binary::Op> compound_binary_op(Assignment::Op op)
{
	switch (op) {
	case Assignment::Op::AddAssign:
		return Binary::Op::Add;
	case Assignment::Op::SubAssign:
		return Binary::Op::Sub;
	case Assignment::Op::MulAssign:
		return Binary::Op::Mul;
	case Assignment::Op::DivAssign:
		return Binary::Op::Div;
	case Assignment::Op::ModAssign:
		return Binary::Op::Mod;
	case Assignment::Op::ShlAssign:
		return Binary::Op::Shl;
	case Assignment::Op::ShrAssign:
		return Binary::Op::Shr;
	case Assignment::Op::AndAssign:
		return Binary::Op::BitAnd;
	case Assignment::Op::OrAssign:
		return Binary::Op::BitOr;
	case Assignment::Op::XorAssign:
		return Binary::Op::BitXor;
	case Assignment::Op::ConcatAssign:
		return Binary::Op::Concat;
	case Assignment::Op::Assign:
	case Assignment::Op::Accumulate:
		break;
	}
	return std::nullopt;
}

namespace
{

constexpr std::array<std::string_view, 6> kStatNames = {"count", "sum", "min",
							"max",   "avg", "variance"};

struct PrintName {
	std::string_view name;
	PrintFormat::Style style;
	bool to_string;
};

constexpr std::array<PrintName, 10> kPrintNames = {{
	{"print", PrintFormat::Style::Print, false},
	{"println", PrintFormat::Style::Println, false},
	{"printd", PrintFormat::Style::Printd, false},
	{"printdln", PrintFormat::Style::Printdln, false},
	{"printf", PrintFormat::Style::Printf, false},
	{"sprint", PrintFormat::Style::Print, true},
	{"sprintln", PrintFormat::Style::Println, true},
	{"sprintd", PrintFormat::Style::Printd, true},
	{"sprintdln", PrintFormat::Style::Printdln, true},
	{"sprintf", PrintFormat::Style::Printf, true},
}};

} // namespace

const char* stat_func_name(StatFunc f)
{
	return kStatNames[static_cast<std::size_t>(f)].data();
}

std::optional<StatFunc> lookup_stat_func(std::string_view name)
{
	for (std::size_t i = 0; i < kStatNames.size(); ++i)
		if (kStatNames[i] == name)
			return static_cast<StatFunc>(i);
	return std::nullopt;
}

std::string PrintFormat::name() const
{
	for (const PrintName& p : kPrintNames)
		if (p.style == style && p.to_string == to_string)
			return std::string(p.name);
	return "print";
}

std::optional<std::pair<PrintFormat::Style, bool>> PrintFormat::lookup(std::string_view name)
{
	if (name.empty() || (name[0] != 'p' && name[0] != 's'))
		return std::nullopt; // the parser asks for every identifier
	for (const PrintName& p : kPrintNames)
		if (p.name == name)
			return std::make_pair(p.style, p.to_string);
	return std::nullopt;
}

std::vector<std::string> PrintFormat::all_names()
{
	std::vector<std::string> names;
	names.reserve(kPrintNames.size());
	for (const PrintName& p : kPrintNames)
		names.emplace_back(p.name);
	return names;
}

TargetExpr* as_target(Expr* e)
{
	return e != nullptr && TargetExpr::classof(e->kind) ? static_cast<TargetExpr*>(e) : nullptr;
}

const TargetExpr* as_target(const Expr* e)
{
	return e != nullptr && TargetExpr::classof(e->kind) ? static_cast<const TargetExpr*>(e)
							    : nullptr;
}

// ---- Embedded-C pragmas ----------------------------------------------------

EmbeddedPragmas EmbeddedPragmas::scan(std::string_view code)
{
	EmbeddedPragmas p;
	p.pure = code.find("/* pure */") != std::string_view::npos;
	p.stable = code.find("/* stable */") != std::string_view::npos;
	p.unprivileged = code.find("/* unprivileged */") != std::string_view::npos;
	p.myproc_unprivileged = code.find("/* myproc-unprivileged */") != std::string_view::npos;
	p.guru = code.find("/* guru */") != std::string_view::npos;
	p.unmangled = code.find("/* unmangled */") != std::string_view::npos;
	p.unmodified_fnargs = code.find("/* unmodified-fnargs */") != std::string_view::npos;
	p.string_value = code.find("/* string */") != std::string_view::npos;
	// /* pragma:read:NAME */ and /* pragma:write:NAME */
	constexpr std::string_view kPragma = "/* pragma:";
	for (std::size_t at = code.find(kPragma); at != std::string_view::npos;
	     at = code.find(kPragma, at + 1)) {
		std::string_view rest = code.substr(at + kPragma.size());
		std::size_t end = rest.find(" */");
		if (end == std::string_view::npos)
			break;
		std::string_view body = rest.substr(0, end);
		if (body.starts_with("read:"))
			p.reads.emplace_back(body.substr(5));
		else if (body.starts_with("write:"))
			p.writes.emplace_back(body.substr(6));
	}
	return p;
}

// ---- Deep copies ------------------------------------------------------------

namespace
{

// Copies what every expression carries besides its children.
template <typename T>
std::unique_ptr<T> shallow(const T& from)
{
	auto to = std::make_unique<T>();
	to->loc = from.loc;
	to->length = from.length;
	to->type = from.type;
	to->target_type = from.target_type;
	return to;
}

template <typename T>
std::unique_ptr<T> shallow_stmt(const T& from)
{
	auto to = std::make_unique<T>();
	to->loc = from.loc;
	to->length = from.length;
	return to;
}

void copy_target_part(TargetExpr& to, const TargetExpr& from)
{
	to.components.reserve(from.components.size());
	for (const TargetComponent& c : from.components)
		to.components.push_back(c.clone());
	to.pretty = from.pretty;
	to.addressof = from.addressof;
}

} // namespace

TargetComponent TargetComponent::clone() const
{
	return TargetComponent{kind, member, clone_ptr(index), loc};
}

ExprPtr IntLiteral::clone() const
{
	auto c = shallow(*this);
	c->value = value;
	return c;
}

ExprPtr StringLiteral::clone() const
{
	auto c = shallow(*this);
	c->value = value;
	return c;
}

ExprPtr Symbol::clone() const
{
	auto c = shallow(*this);
	c->name = name;
	c->referent = referent;
	return c;
}

ExprPtr ArrayIndex::clone() const
{
	auto c = shallow(*this);
	c->base = clone_ptr(base);
	c->indexes = clone_all(indexes);
	return c;
}

ExprPtr FunctionCall::clone() const
{
	auto c = shallow(*this);
	c->name = name;
	c->args = clone_all(args);
	c->referent = referent;
	return c;
}

ExprPtr PrintFormat::clone() const
{
	auto c = shallow(*this);
	c->style = style;
	c->to_string = to_string;
	c->format = clone_ptr(format);
	c->args = clone_all(args);
	return c;
}

ExprPtr Unary::clone() const
{
	auto c = shallow(*this);
	c->op = op;
	c->operand = clone_ptr(operand);
	return c;
}

ExprPtr IncDec::clone() const
{
	auto c = shallow(*this);
	c->increment = increment;
	c->prefix = prefix;
	c->operand = clone_ptr(operand);
	return c;
}

ExprPtr Binary::clone() const
{
	auto c = shallow(*this);
	c->op = op;
	c->lhs = clone_ptr(lhs);
	c->rhs = clone_ptr(rhs);
	return c;
}

ExprPtr RegexMatch::clone() const
{
	auto c = shallow(*this);
	c->lhs = clone_ptr(lhs);
	c->pattern = clone_ptr(pattern);
	c->negated = negated;
	return c;
}

ExprPtr Ternary::clone() const
{
	auto c = shallow(*this);
	c->cond = clone_ptr(cond);
	c->then_expr = clone_ptr(then_expr);
	c->else_expr = clone_ptr(else_expr);
	return c;
}

ExprPtr Assignment::clone() const
{
	auto c = shallow(*this);
	c->op = op;
	c->lhs = clone_ptr(lhs);
	c->rhs = clone_ptr(rhs);
	return c;
}

ExprPtr InArray::clone() const
{
	auto c = shallow(*this);
	c->key = clone_ptr(key);
	return c;
}

ExprPtr StatOp::clone() const
{
	auto c = shallow(*this);
	c->func = func;
	c->operand = clone_ptr(operand);
	c->bit_shift = bit_shift;
	return c;
}

ExprPtr HistogramOp::clone() const
{
	auto c = shallow(*this);
	c->shape = shape;
	c->operand = clone_ptr(operand);
	c->params = params;
	return c;
}

ExprPtr TargetSymbol::clone() const
{
	auto c = shallow(*this);
	copy_target_part(*c, *this);
	c->name = name;
	return c;
}

ExprPtr Cast::clone() const
{
	auto c = shallow(*this);
	copy_target_part(*c, *this);
	c->operand = clone_ptr(operand);
	c->type_name = type_name;
	c->module = module;
	return c;
}

ExprPtr AtVar::clone() const
{
	auto c = shallow(*this);
	copy_target_part(*c, *this);
	c->name = name;
	c->module = module;
	return c;
}

ExprPtr AutoCast::clone() const
{
	auto c = shallow(*this);
	copy_target_part(*c, *this);
	c->operand = clone_ptr(operand);
	return c;
}

ExprPtr Defined::clone() const
{
	auto c = shallow(*this);
	c->operand = clone_ptr(operand);
	return c;
}

ExprPtr Entry::clone() const
{
	auto c = shallow(*this);
	c->operand = clone_ptr(operand);
	return c;
}

ExprPtr ProbeWrite::clone() const
{
	auto c = shallow(*this);
	c->variable = clone_ptr(variable);
	return c;
}

ExprPtr Register::clone() const
{
	auto c = shallow(*this);
	c->user = user;
	c->number = number;
	return c;
}

ExprPtr MemoryRead::clone() const
{
	auto c = shallow(*this);
	c->user = user;
	c->size = size;
	c->address = clone_ptr(address);
	return c;
}

ExprPtr EmbeddedExpr::clone() const
{
	auto c = shallow(*this);
	c->code = code;
	return c;
}

StmtPtr Block::clone() const
{
	auto c = shallow_stmt(*this);
	c->statements = clone_all(statements);
	return c;
}

StmtPtr ExprStmt::clone() const
{
	auto c = shallow_stmt(*this);
	c->expr = clone_ptr(expr);
	return c;
}

StmtPtr If::clone() const
{
	auto c = shallow_stmt(*this);
	c->cond = clone_ptr(cond);
	c->then_stmt = clone_ptr(then_stmt);
	c->else_stmt = clone_ptr(else_stmt);
	return c;
}

StmtPtr While::clone() const
{
	auto c = shallow_stmt(*this);
	c->cond = clone_ptr(cond);
	c->body = clone_ptr(body);
	return c;
}

StmtPtr For::clone() const
{
	auto c = shallow_stmt(*this);
	c->init = clone_ptr(init);
	c->cond = clone_ptr(cond);
	c->step = clone_ptr(step);
	c->body = clone_ptr(body);
	return c;
}

StmtPtr Foreach::clone() const
{
	auto c = shallow_stmt(*this);
	c->value = clone_ptr(value);
	c->keys = clone_all(keys);
	c->array = clone_ptr(array);
	c->restriction = clone_all(restriction);
	c->sort = sort;
	c->sort_column = sort_column;
	c->sort_aggregate = sort_aggregate;
	c->limit = clone_ptr(limit);
	c->body = clone_ptr(body);
	return c;
}

StmtPtr Delete::clone() const
{
	auto c = shallow_stmt(*this);
	c->target = clone_ptr(target);
	return c;
}

StmtPtr Next::clone() const
{
	return shallow_stmt(*this);
}

StmtPtr Break::clone() const
{
	return shallow_stmt(*this);
}

StmtPtr Continue::clone() const
{
	return shallow_stmt(*this);
}

StmtPtr Return::clone() const
{
	auto c = shallow_stmt(*this);
	c->value = clone_ptr(value);
	return c;
}

StmtPtr TryCatch::clone() const
{
	auto c = shallow_stmt(*this);
	c->try_block = clone_ptr(try_block);
	c->catch_var = clone_ptr(catch_var);
	c->catch_block = clone_ptr(catch_block);
	return c;
}

StmtPtr Null::clone() const
{
	return shallow_stmt(*this);
}

std::unique_ptr<VarDecl> VarDecl::clone() const
{
	return std::make_unique<VarDecl>(*this);
}

std::unique_ptr<VarDecl> GlobalVar::clone() const
{
	auto c = std::make_unique<GlobalVar>();
	c->loc = loc;
	c->length = length;
	c->name = name;
	c->declared_type = declared_type;
	c->type = type;
	c->arity = arity;
	c->index_types = index_types;
	c->init = clone_ptr(init);
	c->size = size;
	c->wrap = wrap;
	c->is_private = is_private;
	c->file = file;
	return c;
}

ProbePointComponent ProbePointComponent::clone() const
{
	return ProbePointComponent{name, clone_ptr(arg), loc, length};
}

std::unique_ptr<ProbePoint> ProbePoint::clone() const
{
	auto c = std::make_unique<ProbePoint>();
	c->loc = loc;
	c->length = length;
	c->components.reserve(components.size());
	for (const ProbePointComponent& comp : components)
		c->components.push_back(comp.clone());
	c->optional = optional;
	c->sufficient = sufficient;
	c->condition = clone_ptr(condition);
	return c;
}

std::unique_ptr<Probe> Probe::clone() const
{
	auto c = std::make_unique<Probe>();
	c->loc = loc;
	c->length = length;
	for (const auto& p : points)
		c->points.push_back(p->clone());
	c->body = clone_ptr(body);
	for (const auto& l : locals)
		c->locals.push_back(l->clone());
	c->file = file;
	return c;
}

std::unique_ptr<ProbeAlias> ProbeAlias::clone() const
{
	auto c = std::make_unique<ProbeAlias>();
	c->loc = loc;
	c->length = length;
	c->name = name ? name->clone() : nullptr;
	for (const auto& p : targets)
		c->targets.push_back(p->clone());
	c->prologue = clone_ptr(prologue);
	c->epilogue = clone_ptr(epilogue);
	c->file = file;
	return c;
}

std::unique_ptr<Function> Function::clone() const
{
	auto c = std::make_unique<Function>();
	c->loc = loc;
	c->length = length;
	c->name = name;
	for (const auto& p : params)
		c->params.push_back(p->clone());
	c->declared_type = declared_type;
	c->body = clone_ptr(body);
	c->embedded = embedded;
	c->priority = priority;
	c->is_private = is_private;
	c->file = file;
	c->type = type;
	for (const auto& l : locals)
		c->locals.push_back(l->clone());
	return c;
}

} // namespace stap::ast
