// Expressions of a body (see body_emitter.h for the scheme).
#include "codegen/body_emitter.h"

#include "codegen/c_string.h"
#include "codegen/format_string.h"
#include "codegen/stat_field.h"

#include <optional>

namespace stap::codegen
{

namespace
{

bool is_string(const CValue& v)
{
	return v.type == ast::Type::String;
}

std::string as_s64(const CValue& v)
{
	return "(s64)" + v.code;
}

const char* binary_c_op(ast::Binary::Op op)
{
	using Op = ast::Binary::Op;
	switch (op) {
	case Op::Add:
		return "+";
	case Op::Sub:
		return "-";
	case Op::Mul:
		return "*";
	case Op::BitAnd:
		return "&";
	case Op::BitOr:
		return "|";
	case Op::BitXor:
		return "^";
	case Op::Lt:
		return "<";
	case Op::Le:
		return "<=";
	case Op::Gt:
		return ">";
	case Op::Ge:
		return ">=";
	case Op::Eq:
		return "==";
	case Op::Ne:
		return "!=";
	default:
		return "?";
	}
}

// The C for `a op b` on longs, for the operators that cannot fail.
std::string arith(ast::Binary::Op op, const std::string& a, const std::string& b)
{
	using Op = ast::Binary::Op;
	if (op == Op::Shl)
		// As the hardware does: the count modulo 64, bits shifted out.
		return "(s64)((u64)" + a + " << (" + b + " & 63))";
	if (op == Op::Shr)
		return "(" + a + " >> (" + b + " & 63))";
	return "(" + a + " " + binary_c_op(op) + " " + b + ")";
}

const ast::VarDecl* referent(const ast::Expr* e)
{
	if (const auto* s = ast::as<ast::Symbol>(e))
		return s->referent;
	return nullptr;
}

// The value of an expression made of literals and operators that cannot
// fail, computed as the module would (64-bit wrap-around), so that the C
// compiler never sees an overflowing constant expression.
std::optional<std::int64_t> constant(const ast::Expr& e)
{
	if (const auto* lit = ast::as<ast::IntLiteral>(&e))
		return lit->value;
	if (const auto* u = ast::as<ast::Unary>(&e)) {
		auto v = constant(*u->operand);
		if (!v)
			return std::nullopt;
		auto x = static_cast<std::uint64_t>(*v);
		switch (u->op) {
		case ast::Unary::Op::Neg:
			return static_cast<std::int64_t>(0 - x);
		case ast::Unary::Op::Plus:
			return *v;
		case ast::Unary::Op::Not:
			return *v == 0 ? 1 : 0;
		case ast::Unary::Op::BitNot:
			return static_cast<std::int64_t>(~x);
		}
	}
	const auto* b = ast::as<ast::Binary>(&e);
	if (b == nullptr)
		return std::nullopt;
	auto l = constant(*b->lhs);
	auto r = constant(*b->rhs);
	if (!l || !r)
		return std::nullopt;
	auto x = static_cast<std::uint64_t>(*l);
	auto y = static_cast<std::uint64_t>(*r);
	using Op = ast::Binary::Op;
	switch (b->op) {
	case Op::Add:
		return static_cast<std::int64_t>(x + y);
	case Op::Sub:
		return static_cast<std::int64_t>(x - y);
	case Op::Mul:
		return static_cast<std::int64_t>(x * y);
	case Op::Div:
	case Op::Mod:
		if (*r == 0)
			return std::nullopt; // a run-time error, as in stap
		if (*r == -1)
			return b->op == Op::Div ? static_cast<std::int64_t>(0 - x) : 0;
		return b->op == Op::Div ? *l / *r : *l % *r;
	case Op::Shl:
		return static_cast<std::int64_t>(x << (y & 63));
	case Op::Shr:
		return *l >> (y & 63);
	case Op::BitAnd:
		return *l & *r;
	case Op::BitOr:
		return *l | *r;
	case Op::BitXor:
		return *l ^ *r;
	case Op::Lt:
		return *l < *r;
	case Op::Le:
		return *l <= *r;
	case Op::Gt:
		return *l > *r;
	case Op::Ge:
		return *l >= *r;
	case Op::Eq:
		return *l == *r;
	case Op::Ne:
		return *l != *r;
	case Op::LogicalAnd:
		return *l != 0 && *r != 0;
	case Op::LogicalOr:
		return *l != 0 || *r != 0;
	case Op::Concat:
		return std::nullopt;
	}
	return std::nullopt;
}

} // namespace

// ---- plumbing -------------------------------------------------------------------

CValue BodyEmitter::spill(const CValue& v)
{
	if (is_string(v)) {
		std::string t = new_string_temp();
		w_.line("stp_strlcpy(" + t + ", " + v.code + ", MAXSTRINGLEN);");
		return {t, ast::Type::String, true, true};
	}
	std::string t = new_long_temp();
	w_.line(t + " = " + v.code + ";");
	return {t, ast::Type::Long, true, false};
}

std::vector<CValue> BodyEmitter::operands(const std::vector<const ast::Expr*>& es)
{
	std::vector<CValue> vals;
	for (const ast::Expr* e : es) {
		w_.begin_capture();
		CValue v = expr(*e);
		std::vector<std::string> lines = w_.end_capture();
		if (!lines.empty())
			for (CValue& prev : vals)
				if (!prev.stable)
					prev = spill(prev);
		w_.append(lines);
		vals.push_back(std::move(v));
	}
	return vals;
}

void BodyEmitter::append_nested(const std::vector<std::string>& lines)
{
	std::vector<std::string> deeper;
	deeper.reserve(lines.size());
	for (const std::string& l : lines)
		deeper.push_back("\t" + l);
	w_.append(deeper);
}

CValue BodyEmitter::literal_int(std::int64_t v)
{
	return {c_int_literal(v), ast::Type::Long, true, false};
}

CValue BodyEmitter::literal_string(const std::string& s)
{
	return {c_string_literal(s), ast::Type::String, true, false};
}

CValue BodyEmitter::unsupported(const ast::Expr& e, const std::string& what)
{
	m_.error(e.loc, what + " is not supported yet");
	return {"0", ast::Type::Long, true, false};
}

void BodyEmitter::expr_for_effect(const ast::Expr& e)
{
	switch (e.kind) {
	case ast::ExprKind::Assignment:
		assignment(static_cast<const ast::Assignment&>(e), false);
		return;
	case ast::ExprKind::IncDec:
		incdec(static_cast<const ast::IncDec&>(e), false);
		return;
	default: {
		CValue v = expr(e);
		// A pure value computed for nothing: still evaluate what can
		// fail or has an effect (it already ran as statements).
		(void)v;
		return;
	}
	}
}

CValue BodyEmitter::condition(const ast::Expr& e)
{
	CValue v = expr(e);
	if (is_string(v))
		m_.error(e.loc, "a condition must be a number, not a string");
	return v;
}

// ---- dispatch -------------------------------------------------------------------

CValue BodyEmitter::expr(const ast::Expr& e)
{
	using K = ast::ExprKind;
	switch (e.kind) {
	case K::IntLiteral:
		return literal_int(static_cast<const ast::IntLiteral&>(e).value);
	case K::StringLiteral:
		return literal_string(static_cast<const ast::StringLiteral&>(e).value);
	case K::Symbol:
		return symbol_read(static_cast<const ast::Symbol&>(e));
	case K::ArrayIndex: {
		const auto& idx = static_cast<const ast::ArrayIndex&>(e);
		if (ast::as<ast::HistogramOp>(idx.base.get()) != nullptr)
			return hist_index(idx);
		return array_read(idx);
	}
	case K::FunctionCall:
		return call(static_cast<const ast::FunctionCall&>(e));
	case K::PrintFormat:
		return print(static_cast<const ast::PrintFormat&>(e));
	case K::Unary: {
		if (auto v = constant(e))
			return literal_int(*v);
		const auto& u = static_cast<const ast::Unary&>(e);
		CValue v = expr(*u.operand);
		switch (u.op) {
		case ast::Unary::Op::Neg:
			return {"-(" + v.code + ")", ast::Type::Long, false, false};
		case ast::Unary::Op::Plus:
			return v;
		case ast::Unary::Op::Not:
			return {"!(" + v.code + ")", ast::Type::Long, false, false};
		case ast::Unary::Op::BitNot:
			return {"~(" + v.code + ")", ast::Type::Long, false, false};
		}
		return v;
	}
	case K::IncDec:
		return incdec(static_cast<const ast::IncDec&>(e), true);
	case K::Binary:
		if (auto v = constant(e))
			return literal_int(*v);
		return binary(static_cast<const ast::Binary&>(e));
	case K::RegexMatch:
		return regex_match(static_cast<const ast::RegexMatch&>(e));
	case K::Ternary:
		return ternary(static_cast<const ast::Ternary&>(e));
	case K::Assignment:
		return assignment(static_cast<const ast::Assignment&>(e), true);
	case K::InArray:
		return in_array(static_cast<const ast::InArray&>(e));
	case K::StatOp:
		return stat_op(static_cast<const ast::StatOp&>(e));
	case K::HistogramOp:
		m_.error(e.loc, "a histogram can only be printed or indexed");
		return {"0", ast::Type::Long, true, false};
	case K::EmbeddedExpr:
		return embedded_expr(static_cast<const ast::EmbeddedExpr&>(e));
	case K::MemoryRead:
		return memory_read(static_cast<const ast::MemoryRead&>(e));
	case K::TargetSymbol:
	case K::Cast:
	case K::AtVar:
	case K::AutoCast:
		return unsupported(e, "reading target variables");
	case K::Entry:
		return unsupported(e, "@entry");
	case K::Register:
		return unsupported(e, "reading registers");
	case K::Defined:
	case K::ProbeWrite:
		// Pass 2 turns these into constants.
		return unsupported(e, "this construct here");
	}
	return {"0", ast::Type::Long, true, false};
}

// ---- variables and arrays -------------------------------------------------------

CValue BodyEmitter::symbol_read(const ast::Symbol& s)
{
	if (s.referent == nullptr) {
		m_.error(s.loc, "unresolved symbol '" + s.name + "'");
		return {"0", ast::Type::Long, true, false};
	}
	const ast::VarDecl& v = *s.referent;
	if (v.type == ast::Type::Stats || v.arity > 0) {
		m_.error(s.loc, "'" + s.name + "' is not a scalar value here");
		return {"0", ast::Type::Long, true, false};
	}
	return {var_lvalue(v), v.type == ast::Type::String ? ast::Type::String : ast::Type::Long,
		false, false};
}

std::vector<CValue> BodyEmitter::key_values(const ast::ArrayIndex& e)
{
	std::vector<const ast::Expr*> es;
	for (const auto& i : e.indexes)
		if (i)
			es.push_back(i.get());
	return operands(es);
}

std::string BodyEmitter::keys(const std::vector<CValue>& values)
{
	std::string k = "STP_KEYS(";
	for (std::size_t i = 0; i < values.size(); ++i) {
		if (i != 0)
			k += ", ";
		k += is_string(values[i]) ? "{.s = " : "{.l = ";
		k += values[i].code + "}";
	}
	return k + ")";
}

std::string BodyEmitter::wild_keys(const ast::ArrayIndex& e, unsigned& mask)
{
	std::vector<CValue> given = key_values(e);
	std::vector<CValue> all;
	mask = 0;
	std::size_t g = 0;
	for (std::size_t i = 0; i < e.indexes.size(); ++i) {
		if (e.indexes[i]) {
			all.push_back(given[g++]);
		} else {
			mask |= 1u << i;
			all.push_back({"0", ast::Type::Long, true, false});
		}
	}
	return keys(all);
}

std::string BodyEmitter::stat_map(const GlobalInfo& g, const SourceLocation& loc)
{
	std::string m = new_cursor("struct stp_map *", "m");
	w_.line(m + " = stp_pmap_lookup(c, " + g.c_name + ", &" + g.desc + ", " + m_.location(loc) +
		");");
	w_.line("if (unlikely(!" + m + "))");
	w_.indent();
	fail_goto();
	w_.dedent();
	return m;
}

CValue BodyEmitter::array_read(const ast::ArrayIndex& e)
{
	const GlobalInfo* g = m_.global(referent(e.base.get()));
	if (g == nullptr || !g->is_array()) {
		m_.error(e.loc, "indexing something that is not a global array");
		return {"0", ast::Type::Long, true, false};
	}
	if (g->kind == GlobalKind::StatMap) {
		m_.error(e.loc, "an element of aggregate '" + g->decl->name +
					"' can only be used with <<< and the @ extractors");
		return {"0", ast::Type::Long, true, false};
	}
	std::vector<CValue> k = key_values(e);
	if (g->decl->type == ast::Type::String)
		return {"stp_map_get_string(" + g->c_name + ", " + keys(k) + ")", ast::Type::String,
			false, false};
	return {"stp_map_get_long(" + g->c_name + ", " + keys(k) + ")", ast::Type::Long, false,
		false};
}

CValue BodyEmitter::in_array(const ast::InArray& e)
{
	const GlobalInfo* g = m_.global(referent(e.key->base.get()));
	if (g == nullptr || !g->is_array()) {
		m_.error(e.loc, "'in' needs a global array");
		return {"0", ast::Type::Long, true, false};
	}
	unsigned mask = 0;
	std::string k = wild_keys(*e.key, mask);
	std::string map = g->c_name;
	if (g->kind == GlobalKind::StatMap)
		map = stat_map(*g, e.loc);
	if (mask != 0)
		return {"stp_map_exists_wild(" + map + ", " + k + ", " + std::to_string(mask) + ")",
			ast::Type::Long, false, false};
	return {"stp_map_exists(" + map + ", " + k + ")", ast::Type::Long, false, false};
}

// ---- operators -------------------------------------------------------------------

CValue BodyEmitter::binary(const ast::Binary& e)
{
	using Op = ast::Binary::Op;
	if (e.op == Op::LogicalAnd || e.op == Op::LogicalOr)
		return logical(e);
	if (e.op == Op::Concat)
		return concat(e);
	std::vector<CValue> v = operands({e.lhs.get(), e.rhs.get()});
	if (ast::is_comparison(e.op)) {
		if (is_string(v[0]) != is_string(v[1])) {
			m_.error(e.loc, "comparing a string with a number");
			return {"0", ast::Type::Long, true, false};
		}
		if (is_string(v[0]))
			return {"(strcmp(" + v[0].code + ", " + v[1].code + ") " +
					binary_c_op(e.op) + " 0)",
				ast::Type::Long, false, false};
		return {arith(e.op, v[0].code, v[1].code), ast::Type::Long, false, false};
	}
	if (is_string(v[0]) || is_string(v[1])) {
		m_.error(e.loc, std::string("operator '") + ast::op_spelling(e.op) +
					"' needs numbers, not strings");
		return {"0", ast::Type::Long, true, false};
	}
	if (e.op == Op::Div || e.op == Op::Mod) {
		const auto* lit = ast::as<ast::IntLiteral>(e.rhs.get());
		if (lit != nullptr && lit->value != 0 && lit->value != -1)
			return {"(" + v[0].code + (e.op == Op::Div ? " / " : " % ") + v[1].code +
					")",
				ast::Type::Long, false, false};
		std::string t = new_long_temp();
		w_.line(t + " = " + (e.op == Op::Div ? "stp_div" : "stp_mod") + "(c, " + v[0].code +
			", " + v[1].code + ", " + m_.location(e.loc) + ");");
		jump_on_error();
		return {t, ast::Type::Long, true, false};
	}
	return {arith(e.op, v[0].code, v[1].code), ast::Type::Long, false, false};
}

CValue BodyEmitter::logical(const ast::Binary& e)
{
	bool is_and = e.op == ast::Binary::Op::LogicalAnd;
	CValue l = condition(*e.lhs);
	w_.begin_capture();
	CValue r = condition(*e.rhs);
	std::vector<std::string> lines = w_.end_capture();
	if (lines.empty())
		return {"(" + l.code + (is_and ? " && " : " || ") + r.code + ")", ast::Type::Long,
			false, false};
	// The right operand only runs when the left one does not decide.
	std::string t = new_long_temp();
	w_.line(t + (is_and ? " = 0;" : " = 1;"));
	w_.open(is_and ? "if (" + l.code + ")" : "if (!(" + l.code + "))");
	append_nested(lines);
	w_.line(t + " = " + r.code + " != 0;");
	w_.close();
	return {t, ast::Type::Long, true, false};
}

CValue BodyEmitter::concat(const ast::Binary& e)
{
	std::vector<CValue> v = operands({e.lhs.get(), e.rhs.get()});
	std::string t;
	if (v[0].own_temp) {
		t = v[0].code; // a chain a . b . c appends to one buffer
	} else {
		t = new_string_temp();
		w_.line("stp_strlcpy(" + t + ", " + v[0].code + ", MAXSTRINGLEN);");
	}
	w_.line("stp_strlcat(" + t + ", " + v[1].code + ", MAXSTRINGLEN);");
	return {t, ast::Type::String, true, true};
}

CValue BodyEmitter::ternary(const ast::Ternary& e)
{
	CValue cond = condition(*e.cond);
	w_.begin_capture();
	CValue a = expr(*e.then_expr);
	std::vector<std::string> la = w_.end_capture();
	w_.begin_capture();
	CValue b = expr(*e.else_expr);
	std::vector<std::string> lb = w_.end_capture();
	bool str = is_string(a);
	if (la.empty() && lb.empty())
		return {"(" + cond.code + " ? " + a.code + " : " + b.code + ")", a.type, false,
			false};
	std::string t = str ? new_string_temp() : new_long_temp();
	auto assign = [&](const CValue& v) {
		if (str)
			w_.line("stp_strlcpy(" + t + ", " + v.code + ", MAXSTRINGLEN);");
		else
			w_.line(t + " = " + v.code + ";");
	};
	w_.open("if (" + cond.code + ")");
	append_nested(la);
	assign(a);
	w_.close(" else {");
	w_.indent();
	append_nested(lb);
	assign(b);
	w_.close();
	return {t, a.type, true, str};
}

CValue BodyEmitter::regex_match(const ast::RegexMatch& e)
{
	CValue s = expr(*e.lhs);
	std::string re = m_.regex(e.pattern->value, e.pattern->loc);
	if (re.empty())
		return {"0", ast::Type::Long, true, false};
	std::string call = "stp_regex_match(&" + re + ", " + s.code + ")";
	return {e.negated ? "!" + call : call, ast::Type::Long, false, false};
}

// ---- assignment -------------------------------------------------------------------

CValue BodyEmitter::store_scalar(const ast::VarDecl& var, const CValue& value)
{
	std::string lv = var_lvalue(var);
	if (is_string(value)) {
		if (value.code != lv)
			w_.line("stp_strlcpy(" + lv + ", " + value.code + ", MAXSTRINGLEN);");
		return {lv, ast::Type::String, false, false};
	}
	w_.line(lv + " = " + value.code + ";");
	return {lv, ast::Type::Long, false, false};
}

CValue BodyEmitter::assignment(const ast::Assignment& e, bool want)
{
	using Op = ast::Assignment::Op;
	const auto* idx = ast::as<ast::ArrayIndex>(e.lhs.get());
	const ast::VarDecl* var =
		idx != nullptr ? referent(idx->base.get()) : referent(e.lhs.get());
	if (var == nullptr) {
		m_.error(e.lhs->loc, "cannot assign to this expression");
		return {"0", ast::Type::Long, true, false};
	}
	const GlobalInfo* g = m_.global(var);
	// Operators fail at the operator; array updates at the array's name.
	std::string loc = m_.location(e.loc);
	std::string map_loc = m_.location(idx != nullptr ? idx->loc : e.loc);

	// Aggregates: s <<< v, s[k] <<< v.
	if (e.op == Op::Accumulate) {
		if (g == nullptr ||
		    (g->kind != GlobalKind::Stat && g->kind != GlobalKind::StatMap)) {
			m_.error(e.loc, "<<< needs a global aggregate");
			return {"0", ast::Type::Long, true, false};
		}
		std::vector<const ast::Expr*> es;
		if (idx != nullptr)
			for (const auto& i : idx->indexes)
				es.push_back(i.get());
		es.push_back(e.rhs.get());
		std::vector<CValue> v = operands(es);
		CValue sample = v.back();
		if (want && !sample.stable)
			sample = spill(sample);
		if (idx == nullptr) {
			w_.line("stp_pstat_add(" + g->c_name + ", " + sample.code + ");");
		} else {
			v.pop_back();
			w_.line("if (stp_map_check(c, &" + g->desc + ", stp_pmap_add(" + g->c_name +
				", " + keys(v) + ", " + sample.code + "), " + map_loc + "))");
			w_.indent();
			fail_goto();
			w_.dedent();
		}
		return sample;
	}

	bool str = var->type == ast::Type::String;
	if (idx == nullptr) {
		// A scalar local or global.
		std::string lv = var_lvalue(*var);
		CValue r = expr(*e.rhs);
		if (e.op == Op::Assign)
			return store_scalar(*var, r);
		if (e.op == Op::ConcatAssign) {
			if (r.code == lv)
				r = spill(r);
			w_.line("stp_strlcat(" + lv + ", " + r.code + ", MAXSTRINGLEN);");
			return {lv, ast::Type::String, false, false};
		}
		auto op = ast::compound_binary_op(e.op);
		if (str || !op) {
			m_.error(e.loc, "invalid operator for a string");
			return {"0", ast::Type::Long, true, false};
		}
		if (*op == ast::Binary::Op::Div || *op == ast::Binary::Op::Mod) {
			w_.line(lv + " = " + (*op == ast::Binary::Op::Div ? "stp_div" : "stp_mod") +
				"(c, " + lv + ", " + r.code + ", " + loc + ");");
			jump_on_error();
		} else if (*op == ast::Binary::Op::Shl || *op == ast::Binary::Op::Shr) {
			w_.line(lv + " = " + arith(*op, lv, r.code) + ";");
		} else {
			w_.line(lv + " " + binary_c_op(*op) + "= " + r.code + ";");
		}
		return {lv, ast::Type::Long, false, false};
	}

	// An array element.
	if (g == nullptr || g->kind != GlobalKind::Map) {
		m_.error(e.loc, "assigning to an element of something that is not a global array");
		return {"0", ast::Type::Long, true, false};
	}
	std::vector<const ast::Expr*> es;
	for (const auto& i : idx->indexes)
		es.push_back(i.get());
	es.push_back(e.rhs.get());
	std::vector<CValue> v = operands(es);
	CValue r = v.back();
	v.pop_back();
	std::string k = keys(v);
	auto check = [&](const std::string& call) {
		w_.line("if (stp_map_check(c, &" + g->desc + ", " + call + ", " + map_loc + "))");
		w_.indent();
		fail_goto();
		w_.dedent();
	};
	if (e.op == Op::Assign) {
		if (want && !r.stable)
			r = spill(r);
		check(std::string(str ? "stp_map_set_string(" : "stp_map_set_long(") + g->c_name +
		      ", " + k + ", " + r.code + ")");
		return r;
	}
	if (e.op == Op::ConcatAssign) {
		std::string t = new_string_temp();
		w_.line("stp_strlcpy(" + t + ", stp_map_get_string(" + g->c_name + ", " + k +
			"), MAXSTRINGLEN);");
		w_.line("stp_strlcat(" + t + ", " + r.code + ", MAXSTRINGLEN);");
		check("stp_map_set_string(" + g->c_name + ", " + k + ", " + t + ")");
		return {t, ast::Type::String, true, true};
	}
	auto op = ast::compound_binary_op(e.op);
	if (str || !op) {
		m_.error(e.loc, "invalid operator for a string");
		return {"0", ast::Type::Long, true, false};
	}
	if (*op == ast::Binary::Op::Add || *op == ast::Binary::Op::Sub) {
		std::string t = want ? new_long_temp() : "";
		std::string delta = *op == ast::Binary::Op::Add ? r.code : "-(" + r.code + ")";
		check("stp_map_add_long(" + g->c_name + ", " + k + ", " + delta + ", " +
		      (want ? "&" + t : std::string("NULL")) + ")");
		return {want ? t : "0", ast::Type::Long, true, false};
	}
	std::string t = new_long_temp();
	std::string old = "stp_map_get_long(" + g->c_name + ", " + k + ")";
	if (*op == ast::Binary::Op::Div || *op == ast::Binary::Op::Mod) {
		w_.line(t + " = " + (*op == ast::Binary::Op::Div ? "stp_div" : "stp_mod") + "(c, " +
			old + ", " + r.code + ", " + loc + ");");
		jump_on_error();
	} else {
		w_.line(t + " = " + arith(*op, old, r.code) + ";");
	}
	check("stp_map_set_long(" + g->c_name + ", " + k + ", " + t + ")");
	return {t, ast::Type::Long, true, false};
}

CValue BodyEmitter::incdec(const ast::IncDec& e, bool want)
{
	const char* op = e.increment ? "++" : "--";
	if (const auto* idx = ast::as<ast::ArrayIndex>(e.operand.get())) {
		const GlobalInfo* g = m_.global(referent(idx->base.get()));
		if (g == nullptr || g->kind != GlobalKind::Map ||
		    g->decl->type != ast::Type::Long) {
			m_.error(e.loc,
				 std::string(op) + " needs a number variable or array element");
			return {"0", ast::Type::Long, true, false};
		}
		std::string k = keys(key_values(*idx));
		std::string t = want ? new_long_temp() : "";
		w_.line("if (stp_map_check(c, &" + g->desc + ", stp_map_add_long(" + g->c_name +
			", " + k + ", " + (e.increment ? "1" : "-1") + ", " +
			(want ? "&" + t : "NULL") + "), " + m_.location(idx->loc) + "))");
		w_.indent();
		fail_goto();
		w_.dedent();
		if (!want)
			return {"0", ast::Type::Long, true, false};
		if (e.prefix)
			return {t, ast::Type::Long, true, false};
		return {"(" + t + (e.increment ? " - 1)" : " + 1)"), ast::Type::Long, true, false};
	}
	const ast::VarDecl* var = referent(e.operand.get());
	if (var == nullptr || var->type != ast::Type::Long || var->arity > 0) {
		m_.error(e.loc, std::string(op) + " needs a number variable or array element");
		return {"0", ast::Type::Long, true, false};
	}
	std::string lv = var_lvalue(*var);
	if (!want) {
		w_.line(lv + op + ";");
		return {"0", ast::Type::Long, true, false};
	}
	if (e.prefix) {
		w_.line(op + lv + ";");
		return {lv, ast::Type::Long, false, false};
	}
	std::string t = new_long_temp();
	w_.line(t + " = " + lv + op + ";");
	return {t, ast::Type::Long, true, false};
}

// ---- calls -----------------------------------------------------------------------

CValue BodyEmitter::call(const ast::FunctionCall& e)
{
	if (e.referent == nullptr) {
		m_.error(e.loc, "unresolved function call '" + e.name + "'");
		return {"0", ast::Type::Long, true, false};
	}
	const FunctionInfo& f = m_.function(e.referent);
	std::vector<const ast::Expr*> es;
	for (const auto& a : e.args)
		es.push_back(a.get());
	std::vector<CValue> args = operands(es);
	std::string name = f.dispatcher.empty() ? f.c_name : f.dispatcher;
	std::string list = "c";
	ast::Type rtype = e.referent->type;
	std::string result;
	if (rtype == ast::Type::String) {
		result = new_string_temp();
		list += ", " + result;
	}
	for (std::size_t i = 0; i < args.size(); ++i) {
		const ast::VarDecl* p =
			i < e.referent->params.size() ? e.referent->params[i].get() : nullptr;
		if (p != nullptr && (p->type == ast::Type::String) != is_string(args[i]))
			m_.error(e.args[i]->loc, "argument " + std::to_string(i + 1) + " of '" +
							 e.name + "' has the wrong type");
		list += ", " + args[i].code;
	}
	// The callee reports its failures (MAXNESTING, embedded-C errors) here.
	set_location(e.loc);
	if (rtype == ast::Type::Long) {
		result = new_long_temp();
		w_.line(result + " = " + name + "(" + list + ");");
	} else {
		w_.line(name + "(" + list + ");");
	}
	jump_on_error();
	if (rtype == ast::Type::String)
		return {result, ast::Type::String, true, true};
	if (rtype == ast::Type::Long)
		return {result, ast::Type::Long, true, false};
	return {"0", ast::Type::Unknown, true, false};
}

CValue BodyEmitter::embedded_expr(const ast::EmbeddedExpr& e)
{
	if (e.code.pragmas.string_value || e.type == ast::Type::String)
		return {"((const char *)(" + e.code.code + "))", ast::Type::String, false, false};
	return {"((s64)(" + e.code.code + "))", ast::Type::Long, false, false};
}

CValue BodyEmitter::memory_read(const ast::MemoryRead& e)
{
	CValue addr = expr(*e.address);
	std::string t = new_long_temp();
	set_location(e.loc);
	w_.line(t + " = stp_deref_value(c, " + addr.code + ", " + std::to_string(e.size) + ", " +
		(e.user ? "true" : "false") + ");");
	jump_on_error();
	return {t, ast::Type::Long, true, false};
}

// ---- statistics ------------------------------------------------------------------

std::string BodyEmitter::stat_of(const ast::Expr& operand, const SourceLocation& loc)
{
	if (const auto* idx = ast::as<ast::ArrayIndex>(&operand)) {
		const GlobalInfo* g = m_.global(referent(idx->base.get()));
		if (g == nullptr || g->kind != GlobalKind::StatMap) {
			m_.error(operand.loc, "not an element of a global aggregate array");
			return "NULL";
		}
		std::vector<CValue> k = key_values(*idx);
		std::string m = stat_map(*g, loc);
		return "stp_map_get_stat(" + m + ", " + keys(k) + ")";
	}
	const GlobalInfo* g = m_.global(referent(&operand));
	if (g == nullptr || g->kind != GlobalKind::Stat) {
		m_.error(operand.loc, "not a global aggregate");
		return "NULL";
	}
	return "stp_pstat_get(" + g->c_name + ")";
}

// The stat desc of an aggregate or an element of an aggregate array.
static std::string stat_desc(const GlobalInfo* g)
{
	if (g == nullptr)
		return "NULL";
	return g->kind == GlobalKind::StatMap ? "&" + g->desc + ".stat" : "&" + g->desc;
}

static const GlobalInfo* aggregate_of(const ModuleContext& m, const ast::Expr& operand)
{
	if (const auto* idx = ast::as<ast::ArrayIndex>(&operand))
		return m.global(referent(idx->base.get()));
	return m.global(referent(&operand));
}

CValue BodyEmitter::stat_op(const ast::StatOp& e)
{
	std::string st = stat_of(*e.operand, e.loc);
	std::string t = new_long_temp();
	w_.line(t + " = stp_stat_extract(c, " + st + ", " + stat_field(e.func) + ", " +
		m_.location(e.loc) + ");");
	if (e.func != ast::StatFunc::Count && e.func != ast::StatFunc::Sum)
		jump_on_error();
	return {t, ast::Type::Long, true, false};
}

CValue BodyEmitter::hist_index(const ast::ArrayIndex& e)
{
	const auto& h = static_cast<const ast::HistogramOp&>(*e.base);
	if (e.indexes.size() != 1 || !e.indexes[0]) {
		m_.error(e.loc, "a histogram takes one index, the bucket number");
		return {"0", ast::Type::Long, true, false};
	}
	std::string st = stat_of(*h.operand, e.loc);
	std::string sp = new_cursor("const struct stp_stat *", "st");
	w_.line(sp + " = " + st + ";");
	CValue i = expr(*e.indexes[0]);
	std::string t = new_long_temp();
	w_.line(t + " = stp_hist_bucket_count(c, " + sp + ", " +
		stat_desc(aggregate_of(m_, *h.operand)) + ", " + i.code + ", " +
		m_.location(e.loc) + ");");
	jump_on_error();
	return {t, ast::Type::Long, true, false};
}

// ---- printing ----------------------------------------------------------------------

CValue BodyEmitter::print_hist(const ast::PrintFormat& e)
{
	const auto& h = static_cast<const ast::HistogramOp&>(*e.args[0]);
	if (e.to_string || e.args.size() != 1) {
		m_.error(e.loc,
			 "a histogram can only be printed on its own, with print or println");
		return {"0", ast::Type::Unknown, true, false};
	}
	const GlobalInfo* g = aggregate_of(m_, *h.operand);
	std::string st = stat_of(*h.operand, h.loc);
	std::string sp = new_cursor("const struct stp_stat *", "st");
	w_.line(sp + " = " + st + ";");
	if (g != nullptr && g->kind == GlobalKind::StatMap) {
		w_.line("if (unlikely(!" + sp + ")) {");
		w_.indent();
		w_.line("stp_error_at(c, \"aggregate element not found\", " + m_.location(h.loc) +
			");");
		fail_goto();
		w_.close();
	}
	w_.line("stp_print_hist(c, " + sp + ", " + stat_desc(g) + ");");
	if (e.style == ast::PrintFormat::Style::Println)
		w_.line("stp_print(c, \"\\n\");");
	return {"0", ast::Type::Unknown, true, false};
}

CValue BodyEmitter::print(const ast::PrintFormat& e)
{
	using Style = ast::PrintFormat::Style;
	if (!e.args.empty() && e.args[0]->kind == ast::ExprKind::HistogramOp)
		return print_hist(e);
	std::vector<const ast::Expr*> es;
	for (const auto& a : e.args)
		es.push_back(a.get());
	std::vector<CValue> args = operands(es);

	// Literal values only (print("hello"), println(1, "x")): the text is
	// known now.
	if (e.style != Style::Printf && !e.to_string) {
		std::string text;
		bool literal = true;
		for (std::size_t i = 0; i < e.args.size() && literal; ++i) {
			if (i != 0 && e.format && e.style != Style::Print &&
			    e.style != Style::Println)
				text += e.format->value;
			if (const auto* str = ast::as<ast::StringLiteral>(e.args[i].get()))
				text += str->value;
			else if (auto v = constant(*e.args[i]))
				text += std::to_string(*v);
			else
				literal = false;
		}
		if (literal) {
			if (e.style == Style::Println || e.style == Style::Printdln)
				text += "\n";
			w_.line("stp_print(c, " + c_string_literal(text) + ");");
			return {"0", ast::Type::Unknown, true, false};
		}
	}

	std::string fmt;
	bool reads_memory = false;
	if (e.style == Style::Printf) {
		auto parsed = parse_format(e.format->value);
		if (auto* err = std::get_if<FormatError>(&parsed)) {
			m_.error(e.format->loc, err->message);
			return {"0", ast::Type::Unknown, true, false};
		}
		const FormatSpec& spec = std::get<FormatSpec>(parsed);
		if (spec.args.size() != args.size()) {
			m_.error(e.loc, "format '" + e.format->value + "' takes " +
						std::to_string(spec.args.size()) +
						" argument(s), " + std::to_string(args.size()) +
						" given");
			return {"0", ast::Type::Unknown, true, false};
		}
		for (std::size_t i = 0; i < args.size(); ++i)
			if ((spec.args[i] == FormatArg::String) != is_string(args[i]))
				m_.error(e.args[i]->loc,
					 "argument " + std::to_string(i + 1) +
						 " does not fit format '" + e.format->value +
						 "': it needs a " +
						 (spec.args[i] == FormatArg::String ? "string"
										    : "number"));
		fmt = e.format->value;
		reads_memory = spec.reads_memory;
	} else {
		std::string delim = e.format ? literal_format(e.format->value) : "";
		bool with_delim = e.style == Style::Printd || e.style == Style::Printdln;
		for (std::size_t i = 0; i < args.size(); ++i) {
			if (i != 0 && with_delim)
				fmt += delim;
			fmt += print_conversion(args[i].type);
		}
		if (e.style == Style::Println || e.style == Style::Printdln)
			fmt += "\n";
	}

	std::string list;
	for (const CValue& a : args)
		list += ", " + (is_string(a) ? a.code : as_s64(a));
	if (reads_memory)
		set_location(e.loc);
	if (e.to_string) {
		std::string t = new_string_temp();
		if (args.empty() && fmt.find('%') == std::string::npos)
			w_.line("stp_strlcpy(" + t + ", " + c_string_literal(fmt) +
				", MAXSTRINGLEN);");
		else
			w_.line("stp_sprintf(c, " + t + ", " + c_string_literal(fmt) + list + ");");
		if (reads_memory)
			jump_on_error();
		return {t, ast::Type::String, true, true};
	}
	if (args.empty() && fmt.find('%') == std::string::npos)
		w_.line("stp_print(c, " + c_string_literal(fmt) + ");");
	else if (e.style == Style::Print && args.size() == 1 && is_string(args[0]))
		w_.line("stp_print(c, " + args[0].code + ");");
	else if (e.style == Style::Print && args.size() == 1)
		w_.line("stp_print_long(c, " + args[0].code + ");");
	else
		w_.line("stp_printf(c, " + c_string_literal(fmt) + list + ");");
	if (reads_memory)
		jump_on_error();
	return {"0", ast::Type::Unknown, true, false};
}

} // namespace stap::codegen
