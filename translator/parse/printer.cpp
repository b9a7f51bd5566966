#include "parse/printer.h"

#include "parse/ast_visitor.h"
#include "parse/lexer.h"

#include <ostream>
#include <sstream>

namespace stap
{

namespace
{

using namespace ast;

// Operator expressions: as operands they get parentheses.
bool is_compound(const Expr& e)
{
	switch (e.kind) {
	case ExprKind::Binary:
	case ExprKind::RegexMatch:
	case ExprKind::Ternary:
	case ExprKind::Assignment:
	case ExprKind::InArray:
		return true;
	default:
		return false;
	}
}

// Operands that can follow a prefix operator without parentheses.
bool is_simple(const Expr& e)
{
	if (const auto* lit = as<IntLiteral>(&e))
		return lit->value >= 0;
	if (const TargetExpr* t = as_target(&e))
		return !t->addressof;
	return !is_compound(e) && e.kind != ExprKind::Unary && e.kind != ExprKind::IncDec;
}

// A statement that ends in an `if` without `else` would take an `else`
// that follows it.
bool ends_with_open_if(const Stmt& s)
{
	switch (s.kind) {
	case StmtKind::If: {
		const auto& i = static_cast<const If&>(s);
		return i.else_stmt ? ends_with_open_if(*i.else_stmt) : true;
	}
	case StmtKind::While:
		return ends_with_open_if(*static_cast<const While&>(s).body);
	case StmtKind::For:
		return ends_with_open_if(*static_cast<const For&>(s).body);
	case StmtKind::Foreach:
		return ends_with_open_if(*static_cast<const Foreach&>(s).body);
	default:
		return false;
	}
}

class Printer : public ConstVisitor<Printer>
{
public:
	explicit Printer(std::ostream& out) : out_(out) {}
	using ConstVisitor::visit;

	// ---- Expressions ----
	void visit(const IntLiteral& e) { out_ << e.value; }
	void visit(const StringLiteral& e) { out_ << quote_string(e.value); }
	void visit(const Symbol& e) { out_ << e.name; }
	void visit(const ArrayIndex& e)
	{
		visit(*e.base);
		index_list(e.indexes);
	}
	void visit(const FunctionCall& e)
	{
		out_ << e.name;
		args(e.args, nullptr);
	}
	void visit(const PrintFormat& e)
	{
		out_ << e.name();
		args(e.args, e.format.get());
	}
	void visit(const Unary& e)
	{
		out_ << op_spelling(e.op);
		operand(*e.operand, !is_simple(*e.operand));
	}
	void visit(const IncDec& e)
	{
		const char* op = e.increment ? "++" : "--";
		if (e.prefix)
			out_ << op;
		operand(*e.operand, !is_simple(*e.operand));
		if (!e.prefix)
			out_ << op;
	}
	void visit(const Binary& e)
	{
		// A left operand of the same precedence needs no parentheses: the
		// operators are left-associative.  Long chains thus print flat,
		// a . b . c, and reparse without extra nesting.
		const auto* left = as<Binary>(e.lhs.get());
		if (left != nullptr && precedence(left->op) == precedence(e.op))
			visit(*left);
		else
			operand(*e.lhs);
		out_ << ' ' << op_spelling(e.op) << ' ';
		operand(*e.rhs);
	}
	void visit(const RegexMatch& e)
	{
		operand(*e.lhs);
		out_ << (e.negated ? " !~ " : " =~ ") << quote_string(e.pattern->value);
	}
	void visit(const Ternary& e)
	{
		operand(*e.cond);
		out_ << " ? ";
		operand(*e.then_expr);
		out_ << " : ";
		operand(*e.else_expr);
	}
	void visit(const Assignment& e)
	{
		operand(*e.lhs);
		out_ << ' ' << op_spelling(e.op) << ' ';
		visit(*e.rhs);
	}
	void visit(const InArray& e)
	{
		index_list(e.key->indexes);
		out_ << " in ";
		visit(*e.key->base);
	}
	void visit(const StatOp& e)
	{
		out_ << '@' << stat_func_name(e.func) << '(';
		visit(*e.operand);
		if (e.bit_shift)
			out_ << ", " << *e.bit_shift;
		out_ << ')';
	}
	void visit(const HistogramOp& e)
	{
		out_ << (e.shape == HistogramOp::Shape::Log ? "@hist_log(" : "@hist_linear(");
		visit(*e.operand);
		for (std::int64_t p : e.params)
			out_ << ", " << p;
		out_ << ')';
	}
	void visit(const TargetSymbol& e)
	{
		target_prefix(e);
		out_ << e.name;
		target_suffix(e);
	}
	void visit(const Cast& e)
	{
		target_prefix(e);
		out_ << "@cast(";
		visit(*e.operand);
		out_ << ", " << quote_string(e.type_name);
		if (!e.module.empty())
			out_ << ", " << quote_string(e.module);
		out_ << ')';
		target_suffix(e);
	}
	void visit(const AtVar& e)
	{
		target_prefix(e);
		out_ << "@var(" << quote_string(e.name);
		if (!e.module.empty())
			out_ << ", " << quote_string(e.module);
		out_ << ')';
		target_suffix(e);
	}
	void visit(const AutoCast& e)
	{
		target_prefix(e);
		const Expr& op = *e.operand;
		bool index_first = !e.components.empty() &&
				   e.components.front().kind == TargetComponent::Kind::Index;
		// Parenthesised unless it reads back as the same operand: `x[1]`
		// would be an array element, `&$a->b` would take b's address.
		bool plain = op.kind == ExprKind::FunctionCall || op.kind == ExprKind::ArrayIndex ||
			     op.kind == ExprKind::PrintFormat || op.kind == ExprKind::StatOp ||
			     op.kind == ExprKind::Entry || op.kind == ExprKind::Defined ||
			     ((op.kind == ExprKind::Symbol || op.kind == ExprKind::HistogramOp) &&
			      !index_first);
		operand(op, !plain);
		target_suffix(e);
	}
	void visit(const Defined& e)
	{
		out_ << "@defined(";
		visit(*e.operand);
		out_ << ')';
	}
	void visit(const Entry& e)
	{
		out_ << "@entry(";
		visit(*e.operand);
		out_ << ')';
	}
	void visit(const ProbeWrite& e) { out_ << "@probewrite(" << e.variable->name << ')'; }
	void visit(const Register& e)
	{
		out_ << (e.user ? "@uregister(" : "@kregister(") << e.number << ')';
	}
	void visit(const MemoryRead& e)
	{
		out_ << (e.user ? "@uderef(" : "@kderef(") << e.size << ", ";
		visit(*e.address);
		out_ << ')';
	}
	void visit(const EmbeddedExpr& e) { out_ << "%{" << e.code.code << "%}"; }

	// ---- Statements ----
	void visit(const Block& s)
	{
		out_ << "{\n";
		++indent_;
		for (const auto& stmt : s.statements)
			line(*stmt);
		--indent_;
		tabs();
		out_ << '}';
	}
	void visit(const ExprStmt& s)
	{
		visit(*s.expr);
		out_ << ';';
	}
	void visit(const If& s)
	{
		out_ << "if (";
		visit(*s.cond);
		out_ << ')';
		bool wrap = s.else_stmt && ends_with_open_if(*s.then_stmt);
		if (wrap) {
			out_ << " {\n";
			++indent_;
			line(*s.then_stmt);
			--indent_;
			tabs();
			out_ << '}';
		} else {
			body(*s.then_stmt);
		}
		if (!s.else_stmt)
			return;
		if (wrap || s.then_stmt->kind == StmtKind::Block) {
			out_ << " else";
		} else {
			out_ << '\n';
			tabs();
			out_ << "else";
		}
		if (s.else_stmt->kind == StmtKind::If) {
			out_ << ' ';
			visit(*s.else_stmt);
		} else {
			body(*s.else_stmt);
		}
	}
	void visit(const While& s)
	{
		out_ << "while (";
		visit(*s.cond);
		out_ << ')';
		body(*s.body);
	}
	void visit(const For& s)
	{
		out_ << "for (";
		if (s.init)
			visit(*s.init);
		out_ << "; ";
		if (s.cond)
			visit(*s.cond);
		out_ << "; ";
		if (s.step)
			visit(*s.step);
		out_ << ')';
		body(*s.body);
	}
	void visit(const Foreach& s)
	{
		auto mark = [&](unsigned column) {
			if (s.sort != Foreach::Sort::None && s.sort_column == column)
				out_ << (s.sort == Foreach::Sort::Ascending ? '+' : '-');
		};
		out_ << "foreach (";
		if (s.value)
			out_ << s.value->name << " = ";
		out_ << '[';
		for (std::size_t i = 0; i < s.keys.size(); ++i) {
			if (i > 0)
				out_ << ", ";
			out_ << s.keys[i]->name;
			mark(static_cast<unsigned>(i + 1));
		}
		out_ << "] in ";
		visit(*s.array);
		if (!s.restriction.empty())
			index_list(s.restriction);
		if (s.sort_aggregate)
			out_ << " @" << stat_func_name(*s.sort_aggregate);
		mark(0);
		if (s.limit) {
			out_ << " limit ";
			visit(*s.limit);
		}
		out_ << ')';
		body(*s.body);
	}
	void visit(const Delete& s)
	{
		out_ << "delete ";
		visit(*s.target);
		out_ << ';';
	}
	void visit(const Next&) { out_ << "next;"; }
	void visit(const Break&) { out_ << "break;"; }
	void visit(const Continue&) { out_ << "continue;"; }
	void visit(const Return& s)
	{
		out_ << "return";
		if (s.value) {
			out_ << ' ';
			visit(*s.value);
		}
		out_ << ';';
	}
	void visit(const TryCatch& s)
	{
		out_ << "try ";
		visit(*s.try_block);
		out_ << " catch ";
		if (s.catch_var)
			out_ << '(' << s.catch_var->name << ") ";
		visit(*s.catch_block);
	}
	void visit(const Null&) { out_ << ';'; }

	// ---- Declarations ----
	void visit(const ProbePoint& p)
	{
		for (std::size_t i = 0; i < p.components.size(); ++i) {
			const ProbePointComponent& c = p.components[i];
			if (i > 0)
				out_ << '.';
			out_ << c.name;
			if (c.arg) {
				out_ << '(';
				visit(*c.arg);
				out_ << ')';
			}
		}
		if (p.sufficient)
			out_ << '!';
		else if (p.optional)
			out_ << '?';
		if (p.condition) {
			out_ << " if (";
			visit(*p.condition);
			out_ << ')';
		}
	}
	void visit(const GlobalVar& g)
	{
		if (g.is_private)
			out_ << "private ";
		out_ << "global " << g.name;
		if (g.wrap)
			out_ << '%';
		if (g.size)
			out_ << '[' << *g.size << ']';
		if (g.init) {
			out_ << " = ";
			visit(*g.init);
		}
		out_ << '\n';
	}
	void visit(const ProbeAlias& a)
	{
		out_ << "probe ";
		visit(*a.name);
		out_ << (a.prologue ? " = " : " += ");
		point_list(a.targets);
		out_ << ' ';
		if (a.prologue) {
			visit(*a.prologue);
			if (a.epilogue) {
				out_ << ", ";
				visit(*a.epilogue);
			}
		} else if (a.epilogue) {
			visit(*a.epilogue);
		}
		out_ << '\n';
	}
	void visit(const Probe& p)
	{
		out_ << "probe ";
		point_list(p.points);
		out_ << ' ';
		visit(*p.body);
		out_ << '\n';
	}
	void visit(const Function& f)
	{
		if (f.is_private)
			out_ << "private ";
		out_ << "function " << f.name << type_suffix(f.declared_type) << " (";
		for (std::size_t i = 0; i < f.params.size(); ++i) {
			if (i > 0)
				out_ << ", ";
			out_ << f.params[i]->name << type_suffix(f.params[i]->declared_type);
		}
		out_ << ')';
		if (f.priority)
			out_ << ':' << *f.priority;
		out_ << ' ';
		if (f.embedded)
			out_ << "%{" << f.embedded->code << "%}";
		else if (f.body)
			visit(*f.body);
		out_ << '\n';
	}
	void visit(const File& f)
	{
		for (const EmbeddedCode& code : f.embedded)
			out_ << "%{" << code.code << "%}\n";
		ConstVisitor::visit(f);
	}

	void line(const Stmt& s)
	{
		tabs();
		visit(s);
		out_ << '\n';
	}
	void set_indent(unsigned indent) { indent_ = indent; }

private:
	void tabs()
	{
		for (unsigned i = 0; i < indent_; ++i)
			out_ << '\t';
	}
	// A loop or if body: a block on the same line, anything else indented
	// on the next.
	void body(const Stmt& s)
	{
		if (s.kind == StmtKind::Block) {
			out_ << ' ';
			visit(s);
			return;
		}
		out_ << '\n';
		++indent_;
		tabs();
		visit(s);
		--indent_;
	}
	void operand(const Expr& e) { operand(e, is_compound(e)); }
	void operand(const Expr& e, bool parenthesize)
	{
		if (parenthesize)
			out_ << '(';
		visit(e);
		if (parenthesize)
			out_ << ')';
	}
	void index_list(const std::vector<ExprPtr>& indexes)
	{
		out_ << '[';
		for (std::size_t i = 0; i < indexes.size(); ++i) {
			if (i > 0)
				out_ << ", ";
			if (indexes[i])
				visit(*indexes[i]);
			else
				out_ << '*';
		}
		out_ << ']';
	}
	void args(const std::vector<ExprPtr>& list, const StringLiteral* first)
	{
		out_ << '(';
		if (first != nullptr) {
			visit(*first);
			if (!list.empty())
				out_ << ", ";
		}
		for (std::size_t i = 0; i < list.size(); ++i) {
			if (i > 0)
				out_ << ", ";
			visit(*list[i]);
		}
		out_ << ')';
	}
	void target_prefix(const TargetExpr& e)
	{
		if (e.addressof)
			out_ << '&';
	}
	void target_suffix(const TargetExpr& e)
	{
		for (const TargetComponent& c : e.components) {
			if (c.kind == TargetComponent::Kind::Member) {
				out_ << "->" << c.member;
			} else {
				out_ << '[';
				visit(*c.index);
				out_ << ']';
			}
		}
		if (e.pretty == PrettyPrint::Shallow)
			out_ << '$';
		else if (e.pretty == PrettyPrint::Deep)
			out_ << "$$";
	}
	void point_list(const std::vector<std::unique_ptr<ProbePoint>>& points)
	{
		for (std::size_t i = 0; i < points.size(); ++i) {
			if (i > 0)
				out_ << ", ";
			visit(*points[i]);
		}
	}
	static std::string type_suffix(Type t)
	{
		return t == Type::Unknown ? "" : std::string(":") + type_name(t);
	}

	std::ostream& out_;
	unsigned indent_ = 0;
};

} // namespace

std::string quote_string(std::string_view value)
{
	std::string out = "\"";
	for (std::size_t i = 0; i < value.size(); ++i) {
		auto c = static_cast<unsigned char>(value[i]);
		switch (c) {
		case '"':
			out += "\\\"";
			continue;
		case '\\':
			out += "\\\\";
			continue;
		case '\n':
			out += "\\n";
			continue;
		case '\t':
			out += "\\t";
			continue;
		case '\r':
			out += "\\r";
			continue;
		default:
			break;
		}
		if (c >= 0x80) {
			std::size_t n = utf8_sequence_length(value.substr(i));
			if (n > 0) {
				out.append(value.substr(i, n));
				i += n - 1;
				continue;
			}
		}
		if (c < 0x20 || c >= 0x7f) {
			// Always three digits, so that a following digit is not
			// taken into the escape.
			out += '\\';
			out += static_cast<char>('0' + ((c >> 6) & 7));
			out += static_cast<char>('0' + ((c >> 3) & 7));
			out += static_cast<char>('0' + (c & 7));
			continue;
		}
		out += static_cast<char>(c);
	}
	out += '"';
	return out;
}

void print_file(std::ostream& out, const ast::File& file)
{
	Printer(out).visit(file);
}

void print_statement(std::ostream& out, const ast::Stmt& stmt, unsigned indent)
{
	Printer p(out);
	p.set_indent(indent);
	p.line(stmt);
}

std::string to_string(const ast::Expr& expr)
{
	std::ostringstream out;
	Printer(out).visit(expr);
	return out.str();
}

std::string to_string(const ast::ProbePoint& point)
{
	std::ostringstream out;
	Printer(out).visit(point);
	return out.str();
}

} // namespace stap
