#include "elaborate/type_checker.h"

#include "elaborate/print_format.h"
#include "parse/printer.h"

#include <map>
#include <regex.h>
#include <unordered_map>

namespace stap
{

namespace
{

using namespace ast;

// What a context accepts besides plain values.
enum Flags : unsigned {
	kNone = 0,
	kValue = 1,       // the value is used
	kStatsOk = 2,     // a statistics aggregate may stand here
	kHistogramOk = 4, // a histogram may stand here
};

const char* a_type(Type t)
{
	switch (t) {
	case Type::Long:
		return "a long";
	case Type::String:
		return "a string";
	case Type::Stats:
		return "a statistics aggregate";
	case Type::Unknown:
		break;
	}
	return "of unknown type";
}

class TypeChecker
{
public:
	TypeChecker(Elaboration& e, bool report_unresolved)
	    : e_(e), report_unresolved_(report_unresolved)
	{
	}

	void run()
	{
		seed();
		// Each round can only fill in unknown types, so this ends; the
		// bound is a guard against mistakes, far above real programs.
		for (int round = 0; round < 1000; ++round) {
			changed_ = false;
			walk_program();
			if (!changed_)
				break;
		}
		reporting_ = true;
		const std::size_t errors = e_.diags.error_count();
		walk_errors_ = errors;
		walk_program();
		// Unknown types next to a type error are mostly its echoes.
		report_unresolved_ = report_unresolved_ && e_.diags.error_count() == errors;
		final_checks();
	}

private:
	// ---- The program ----

	void seed()
	{
		for (GlobalVar* g : e_.product.globals)
			if (g->init)
				unify_var(*g,
					  g->init->kind == ExprKind::StringLiteral ? Type::String
										   : Type::Long,
					  g->loc);
		for (Function* f : e_.product.functions) {
			for (auto& p : f->params)
				if (p->declared_type != Type::Unknown)
					unify_var(*p, p->declared_type, p->loc);
			if (f->declared_type != Type::Unknown)
				unify_return(*f, f->declared_type, f->loc);
		}
	}

	void walk_program()
	{
		for (Function* f : e_.product.functions) {
			function_ = f;
			if (f->body)
				stmt(*f->body);
		}
		function_ = nullptr;
		for (auto& h : e_.product.handlers) {
			if (h->points.front()->condition)
				infer(*h->points.front()->condition, Type::Long, kValue);
			stmt(*h->body);
		}
	}

	// ---- Declarations and their first types ----

	void mismatch(const Expr& use, const std::string& what, Type here, Type before,
		      SourceLocation origin)
	{
		if (!reporting_)
			return;
		auto& d = e_.diags.error(DiagKind::SemanticError, use.loc,
					 "type mismatch: " + what + " is used as " + a_type(here) +
						 " here, but it is " + a_type(before))
				  .span(use.length);
		if (origin.valid())
			d.note(what + " was first inferred to be " + a_type(before) + " here",
			       origin);
	}

	Type unify_var(VarDecl& d, Type t, SourceLocation at)
	{
		if (t == Type::Unknown || t == d.type)
			return d.type;
		if (d.type == Type::Unknown) {
			d.type = t;
			var_origin_[&d] = at;
			changed_ = true;
		}
		return d.type;
	}

	Type unify_var(VarDecl& d, Type t, const Expr& use)
	{
		Type before = d.type;
		unify_var(d, t, use.loc);
		if (before != Type::Unknown && t != Type::Unknown && before != t)
			mismatch(use, "'" + d.name + "'", t, before, var_origin_[&d]);
		return d.type;
	}

	Type unify_index(VarDecl& d, std::size_t i, Type t, const Expr& use)
	{
		if (d.index_types.size() <= i)
			d.index_types.resize(i + 1, Type::Unknown);
		Type& slot = d.index_types[i];
		if (t == Type::Unknown || t == slot)
			return slot;
		if (slot == Type::Unknown) {
			slot = t;
			index_origin_[{&d, i}] = use.loc;
			changed_ = true;
		} else {
			mismatch(use, "index " + std::to_string(i + 1) + " of '" + d.name + "'", t,
				 slot, index_origin_[{&d, i}]);
		}
		return slot;
	}

	// A function's return type, shared by its overloads.
	Type unify_return(Function& f, Type t, SourceLocation at, const Expr* use = nullptr)
	{
		if (t == Type::Unknown)
			return f.type;
		if (f.type != Type::Unknown) {
			if (f.type != t && use != nullptr)
				mismatch(*use, "the value of function '" + f.name + "'", t, f.type,
					 return_origin_[&f]);
			return f.type;
		}
		for (Function* g : overloads(f))
			if (g->type == Type::Unknown) {
				g->type = t;
				return_origin_[g] = at;
				changed_ = true;
			}
		return f.type;
	}

	std::vector<Function*> overloads(Function& f)
	{
		auto it = e_.product.overload_sets.find(&f);
		if (it == e_.product.overload_sets.end())
			return {&f};
		return *it->second;
	}

	// ---- Expressions ----

	void expect(const Expr& e, Type want, Type got)
	{
		if (reporting_ && want != Type::Unknown && got != Type::Unknown && want != got &&
		    want != Type::Stats)
			e_.diags.error(DiagKind::SemanticError, e.loc,
				       std::string("type mismatch: expected ") + type_name(want) +
					       " but found " + type_name(got))
				.span(e.length);
	}

	void error(const Node& at, std::string message)
	{
		if (reporting_)
			e_.diags.error(DiagKind::SemanticError, at.loc, std::move(message))
				.span(at.length);
	}

	// A variable's value (of a scalar, or an array element).
	Type variable(VarDecl& d, Type want, unsigned flags, const Expr& use)
	{
		if (d.type == Type::Stats && !(flags & kStatsOk)) {
			error(use, "'" + d.name +
					   "' is a statistics aggregate: read it with @count, "
					   "@sum, @min, @max, @avg, @variance or a histogram");
			return Type::Unknown;
		}
		if (want == Type::Stats && d.type != Type::Unknown && d.type != Type::Stats) {
			error(use, "'" + d.name + "' is " + a_type(d.type) +
					   ", not a statistics aggregate");
			return d.type;
		}
		return unify_var(d, want, use);
	}

	Type infer(Expr& e, Type want, unsigned flags)
	{
		Type t = infer_node(e, want, flags);
		e.type = t == Type::Stats ? Type::Stats : t;
		return t;
	}

	Type infer_node(Expr& e, Type want, unsigned flags)
	{
		switch (e.kind) {
		case ExprKind::IntLiteral:
			expect(e, want, Type::Long);
			return Type::Long;
		case ExprKind::StringLiteral:
			expect(e, want, Type::String);
			return Type::String;
		case ExprKind::Symbol: {
			auto& s = static_cast<Symbol&>(e);
			if (s.referent == nullptr || s.referent->arity > 0)
				return Type::Unknown;
			return variable(*s.referent, want, flags, s);
		}
		case ExprKind::ArrayIndex:
			return array_index(static_cast<ArrayIndex&>(e), want, flags);
		case ExprKind::FunctionCall:
			return call(static_cast<FunctionCall&>(e), want, flags);
		case ExprKind::PrintFormat:
			return print(static_cast<PrintFormat&>(e), want);
		case ExprKind::Unary:
			infer(*static_cast<Unary&>(e).operand, Type::Long, kValue);
			expect(e, want, Type::Long);
			return Type::Long;
		case ExprKind::IncDec:
			infer(*static_cast<IncDec&>(e).operand, Type::Long, kValue);
			expect(e, want, Type::Long);
			return Type::Long;
		case ExprKind::Binary:
			return binary(static_cast<Binary&>(e), want);
		case ExprKind::RegexMatch: {
			auto& r = static_cast<RegexMatch&>(e);
			infer(*r.lhs, Type::String, kValue);
			if (reporting_)
				check_regex(*r.pattern);
			expect(e, want, Type::Long);
			return Type::Long;
		}
		case ExprKind::Ternary: {
			auto& t = static_cast<Ternary&>(e);
			infer(*t.cond, Type::Long, kValue);
			Type a = infer(*t.then_expr, want, flags);
			Type b = infer(*t.else_expr, want != Type::Unknown ? want : a, flags);
			if (a == Type::Unknown && b != Type::Unknown)
				a = infer(*t.then_expr, b, flags);
			return a;
		}
		case ExprKind::Assignment:
			return assignment(static_cast<Assignment&>(e), want, flags);
		case ExprKind::InArray: {
			auto& in = static_cast<InArray&>(e);
			array_key(*in.key);
			expect(e, want, Type::Long);
			return Type::Long;
		}
		case ExprKind::StatOp:
			return stat_op(static_cast<StatOp&>(e), want);
		case ExprKind::HistogramOp:
			histogram(static_cast<HistogramOp&>(e), flags);
			return Type::Unknown;
		case ExprKind::TargetSymbol:
		case ExprKind::Cast:
		case ExprKind::AtVar:
		case ExprKind::AutoCast: {
			auto& t = static_cast<TargetExpr&>(e);
			if (auto* c = as<Cast>(&t))
				infer(*c->operand, Type::Long, kValue);
			if (auto* a = as<AutoCast>(&t))
				infer(*a->operand, Type::Long, kValue);
			for (TargetComponent& c : t.components)
				if (c.index)
					infer(*c.index, Type::Long, kValue);
			expect(e, want, t.type);
			return t.type; // set by the resolver; unknown if it failed
		}
		case ExprKind::Defined:
			infer(*static_cast<Defined&>(e).operand, Type::Unknown, kValue);
			return Type::Long;
		case ExprKind::Entry:
			return infer(*static_cast<Entry&>(e).operand, want, flags);
		case ExprKind::ProbeWrite:
		case ExprKind::Register:
			expect(e, want, Type::Long);
			return Type::Long;
		case ExprKind::MemoryRead:
			infer(*static_cast<MemoryRead&>(e).address, Type::Long, kValue);
			expect(e, want, Type::Long);
			return Type::Long;
		case ExprKind::EmbeddedExpr: {
			Type t = static_cast<EmbeddedExpr&>(e).code.pragmas.string_value
					 ? Type::String
					 : Type::Long;
			expect(e, want, t);
			return t;
		}
		}
		return Type::Unknown;
	}

	// The pattern of =~ is a POSIX extended regular expression, without
	// back-references (stap(1) REGULAR EXPRESSION MATCHING).
	void check_regex(const StringLiteral& pattern)
	{
		const std::string& text = pattern.value;
		for (std::size_t i = 0; i + 1 < text.size(); ++i) {
			if (text[i] != '\\')
				continue;
			if (text[i + 1] >= '1' && text[i + 1] <= '9') {
				error(pattern,
				      "invalid regular expression: back-references such as "
				      "'\\" + std::string(1, text[i + 1]) +
					      "' are not supported");
				return;
			}
			++i;
		}
		regex_t compiled;
		int status = regcomp(&compiled, text.c_str(), REG_EXTENDED | REG_NOSUB);
		if (status != 0) {
			char message[256];
			regerror(status, &compiled, message, sizeof message);
			error(pattern, std::string("invalid regular expression: ") + message);
			return;
		}
		regfree(&compiled);
	}

	// The keys of base[keys] typed against the array's key types.
	VarDecl* array_key(ArrayIndex& a)
	{
		auto* base = as<Symbol>(a.base.get());
		if (base == nullptr || base->referent == nullptr ||
		    base->referent->arity != static_cast<int>(a.indexes.size())) {
			for (auto& i : a.indexes)
				if (i)
					infer(*i, Type::Unknown, kValue);
			return nullptr;
		}
		VarDecl& d = *base->referent;
		for (std::size_t i = 0; i < a.indexes.size(); ++i) {
			if (!a.indexes[i])
				continue; // a `*` wildcard
			unify_index(d, i, index(d, i, *a.indexes[i]), *a.indexes[i]);
		}
		base->type = d.type;
		return &d;
	}

	// An index expression of `d`: its own type first, so that a conflict
	// is reported against the array, with where the key type came from.
	Type index(VarDecl& d, std::size_t i, Expr& e)
	{
		Type t = infer(e, Type::Unknown, kValue);
		if (t == Type::Unknown && i < d.index_types.size())
			t = infer(e, d.index_types[i], kValue);
		return t;
	}

	Type array_index(ArrayIndex& a, Type want, unsigned flags)
	{
		if (auto* h = as<HistogramOp>(a.base.get())) {
			histogram(*h, kHistogramOk);
			bucket_count(a, a.indexes.size());
			for (auto& i : a.indexes)
				if (i)
					infer(*i, Type::Long, kValue);
			expect(a, want, Type::Long);
			return Type::Long;
		}
		VarDecl* d = array_key(a);
		if (d == nullptr)
			return Type::Unknown;
		return variable(*d, want, flags, a);
	}

	Type call(FunctionCall& c, Type want, unsigned flags)
	{
		Function* f = c.referent;
		if (f == nullptr) {
			for (auto& a : c.args)
				infer(*a, Type::Unknown, kValue);
			return Type::Unknown;
		}
		std::vector<Function*> set = overloads(*f);
		for (std::size_t i = 0; i < c.args.size(); ++i) {
			VarDecl& p = *f->params[i];
			// The argument's own type first, so that a conflict is
			// reported against the parameter, with its origin.
			Type t = infer(*c.args[i], Type::Unknown, kValue);
			if (t == Type::Unknown)
				t = infer(*c.args[i], p.type, kValue);
			for (Function* g : set) {
				VarDecl& q = *g->params[i];
				if (q.type != Type::Unknown && t != Type::Unknown && q.type != t)
					mismatch(*c.args[i],
						 "parameter '" + q.name + "' of function '" +
							 f->name + "'",
						 t, q.type, var_origin_[&q]);
				else
					unify_var(q, t, c.args[i]->loc);
			}
		}
		Type t = unify_return(*f, want, c.loc, &c);
		if (reporting_ && (flags & kValue) && t == Type::Unknown && report_unresolved_ &&
		    e_.diags.error_count() == walk_errors_ &&
		    unresolved_calls_reported_.insert(f).second)
			e_.diags.error(DiagKind::SemanticError, c.loc,
				       "function '" + f->name +
					       "' returns no value, but its value is used here")
				.span(c.length)
				.note("function '" + f->name + "' is defined here", f->loc);
		return t;
	}

	Type print(PrintFormat& p, Type want)
	{
		const bool single = p.args.size() == 1 && (p.style == PrintFormat::Style::Print ||
							   p.style == PrintFormat::Style::Println);
		if (p.style == PrintFormat::Style::Printf && p.format) {
			PrintFormatSpec spec = parse_print_format(p.format->value);
			if (!spec.error.empty()) {
				error(*p.format, "invalid " + p.name() + " format: " + spec.error);
				for (auto& a : p.args)
					infer(*a, Type::Unknown, kValue);
			} else {
				if (spec.arguments.size() != p.args.size())
					error(p, "'" + p.name() + "' format " +
							 quote_string(p.format->value) + " takes " +
							 std::to_string(spec.arguments.size()) +
							 " argument" +
							 (spec.arguments.size() == 1 ? "" : "s") +
							 ", but " + std::to_string(p.args.size()) +
							 (p.args.size() == 1 ? " is" : " are") +
							 " given");
				for (std::size_t i = 0; i < p.args.size(); ++i)
					infer(*p.args[i],
					      i < spec.arguments.size() ? spec.arguments[i]
									: Type::Unknown,
					      kValue);
			}
		} else {
			for (auto& a : p.args)
				infer(*a, Type::Unknown, kValue | (single ? kHistogramOk : kNone));
		}
		Type t = p.to_string ? Type::String : Type::Long;
		expect(p, want, t);
		return t;
	}

	Type binary(Binary& b, Type want)
	{
		using Op = Binary::Op;
		if (b.op == Op::Concat) {
			infer(*b.lhs, Type::String, kValue);
			infer(*b.rhs, Type::String, kValue);
			expect(b, want, Type::String);
			return Type::String;
		}
		if (is_comparison(b.op)) {
			Type l = infer(*b.lhs, Type::Unknown, kValue);
			Type r = infer(*b.rhs, l, kValue);
			if (l == Type::Unknown && r != Type::Unknown)
				infer(*b.lhs, r, kValue);
		} else {
			infer(*b.lhs, Type::Long, kValue);
			infer(*b.rhs, Type::Long, kValue);
		}
		expect(b, want, Type::Long);
		return Type::Long;
	}

	Type assignment(Assignment& a, Type want, unsigned)
	{
		using Op = Assignment::Op;
		if (a.op == Op::Accumulate) {
			infer(*a.lhs, Type::Stats, kStatsOk | kValue);
			infer(*a.rhs, Type::Long, kValue);
			return Type::Long;
		}
		Type t = Type::Long;
		if (a.op == Op::ConcatAssign)
			t = Type::String;
		if (a.op == Op::Assign) {
			// The value's own type first: a conflict is then reported
			// against the variable, with where its type came from.
			Type r = infer(*a.rhs, Type::Unknown, kValue);
			Type l = infer(*a.lhs, r != Type::Unknown ? r : want, kValue);
			if (r == Type::Unknown && l != Type::Unknown)
				infer(*a.rhs, l, kValue);
			return l;
		}
		infer(*a.lhs, t, kValue);
		infer(*a.rhs, t, kValue);
		expect(a, want, t);
		return t;
	}

	Type stat_op(StatOp& s, Type want)
	{
		infer(*s.operand, Type::Stats, kStatsOk | kValue);
		if (s.func == StatFunc::Variance && s.bit_shift)
			if (VarDecl* d = aggregate(*s.operand)) {
				auto [it, added] =
					shifts_.emplace(d, std::make_pair(*s.bit_shift, s.loc));
				if (!added && it->second.first != *s.bit_shift)
					error(s,
					      "conflicting @variance bit shifts for '" + d->name +
						      "': " + std::to_string(*s.bit_shift) +
						      " here, " + std::to_string(it->second.first) +
						      " elsewhere");
			}
		expect(s, want, Type::Long);
		return Type::Long;
	}

	// The variable behind an aggregate operand (s or s[k]).
	static VarDecl* aggregate(const Expr& e)
	{
		if (const auto* s = as<Symbol>(&e))
			return s->referent;
		if (const auto* a = as<ArrayIndex>(&e))
			if (const auto* s = as<Symbol>(a->base.get()))
				return s->referent;
		return nullptr;
	}

	void histogram(HistogramOp& h, unsigned flags)
	{
		infer(*h.operand, Type::Stats, kStatsOk | kValue);
		if (!(flags & kHistogramOk))
			error(h, "a histogram can only be printed whole (print, println, sprint, "
				 "sprintln), indexed or iterated with foreach");
		if (h.shape == HistogramOp::Shape::Linear && h.params.size() == 3) {
			if (h.params[2] <= 0)
				error(h, "@hist_linear bucket width must be positive, not " +
						 std::to_string(h.params[2]));
			else if (h.params[1] <= h.params[0])
				error(h, "@hist_linear range is empty: the high end " +
						 std::to_string(h.params[1]) +
						 " must be above the low end " +
						 std::to_string(h.params[0]));
		}
	}

	// A histogram's elements have one index: the bucket number.
	void bucket_count(const Node& at, std::size_t indexes)
	{
		if (indexes != 1)
			error(at, "a histogram has one index, its bucket number, not " +
					  std::to_string(indexes));
	}

	// ---- Statements ----

	void stmt(Stmt& s)
	{
		switch (s.kind) {
		case StmtKind::Block:
			for (auto& c : static_cast<Block&>(s).statements)
				stmt(*c);
			return;
		case StmtKind::ExprStmt:
			infer(*static_cast<ExprStmt&>(s).expr, Type::Unknown, kNone);
			return;
		case StmtKind::If: {
			auto& i = static_cast<If&>(s);
			infer(*i.cond, Type::Long, kValue);
			stmt(*i.then_stmt);
			if (i.else_stmt)
				stmt(*i.else_stmt);
			return;
		}
		case StmtKind::While: {
			auto& w = static_cast<While&>(s);
			infer(*w.cond, Type::Long, kValue);
			stmt(*w.body);
			return;
		}
		case StmtKind::For: {
			auto& f = static_cast<For&>(s);
			if (f.init)
				infer(*f.init, Type::Unknown, kNone);
			if (f.cond)
				infer(*f.cond, Type::Long, kValue);
			if (f.step)
				infer(*f.step, Type::Unknown, kNone);
			stmt(*f.body);
			return;
		}
		case StmtKind::Foreach:
			foreach (static_cast<Foreach&>(s))
				;
			return;
		case StmtKind::Delete: {
			auto& d = static_cast<Delete&>(s);
			if (auto* a = as<ArrayIndex>(d.target.get())) {
				array_key(*a);
				a->type = a->base->type;
			} else {
				infer(*d.target, Type::Unknown, kStatsOk);
			}
			return;
		}
		case StmtKind::Return: {
			auto& r = static_cast<Return&>(s);
			if (!r.value || function_ == nullptr)
				return;
			Type t = infer(*r.value, Type::Unknown, kValue);
			if (t == Type::Unknown)
				t = infer(*r.value, function_->type, kValue);
			unify_return(*function_, t, r.value->loc, r.value.get());
			return;
		}
		case StmtKind::TryCatch: {
			auto& t = static_cast<TryCatch&>(s);
			stmt(*t.try_block);
			if (t.catch_var && t.catch_var->referent)
				unify_var(*t.catch_var->referent, Type::String, *t.catch_var);
			if (t.catch_var)
				t.catch_var->type = Type::String;
			stmt(*t.catch_block);
			return;
		}
		case StmtKind::Next:
		case StmtKind::Break:
		case StmtKind::Continue:
		case StmtKind::Null:
			return;
		}
	}

	void foreach (Foreach& f)
	{
		if (auto* h = as<HistogramOp>(f.array.get())) {
			histogram(*h, kHistogramOk);
			bucket_count(f, f.keys.size());
			for (auto& k : f.keys)
				key_var(*k, Type::Long);
			if (f.value)
				key_var(*f.value, Type::Long);
		} else if (auto* a = as<Symbol>(f.array.get()); a != nullptr && a->referent) {
			VarDecl& d = *a->referent;
			a->type = d.type;
			if (d.arity > 0 && static_cast<std::size_t>(d.arity) == f.keys.size()) {
				for (std::size_t i = 0; i < f.keys.size(); ++i) {
					Type known = i < d.index_types.size() ? d.index_types[i]
									      : Type::Unknown;
					Type t = key_var(*f.keys[i], known);
					unify_index(d, i, t, *f.keys[i]);
				}
				for (std::size_t i = 0; i < f.restriction.size(); ++i)
					if (f.restriction[i])
						unify_index(d, i, index(d, i, *f.restriction[i]),
							    *f.restriction[i]);
			}
			if (f.value) {
				if (d.type == Type::Stats) {
					error(*f.value,
					      "foreach cannot copy elements of '" + d.name +
						      "' into '" + f.value->name +
						      "': they are statistics aggregates");
					key_var(*f.value, Type::Long); // no follow-on errors
				} else if (f.value->referent != nullptr) {
					unify_var(*f.value->referent, d.type, *f.value);
					unify_var(d, f.value->referent->type, *f.value);
					f.value->type = f.value->referent->type;
				}
			}
			if (f.sort_aggregate && d.type != Type::Unknown && d.type != Type::Stats)
				error(f, std::string("sorting by @") +
						 stat_func_name(*f.sort_aggregate) +
						 " needs an array "
						 "of statistics aggregates, but '" +
						 d.name + "' holds " + type_name(d.type) +
						 " values");
		}
		if (f.limit)
			infer(*f.limit, Type::Long, kValue);
		stmt(*f.body);
	}

	Type key_var(Symbol& k, Type t)
	{
		if (k.referent == nullptr)
			return Type::Unknown;
		Type r = unify_var(*k.referent, t, k);
		k.type = r;
		return r;
	}

	// ---- After the last walk ----

	void final_checks()
	{
		for (GlobalVar* g : e_.product.globals)
			check_decl(*g);
		for (Function* f : e_.product.functions) {
			for (auto& p : f->params)
				check_decl(*p);
			for (auto& l : f->locals)
				check_decl(*l);
		}
		for (auto& h : e_.product.handlers)
			for (auto& l : h->locals)
				check_decl(*l);
	}

	void check_decl(VarDecl& d)
	{
		if (d.type == Type::Stats && d.scope != VarDecl::Scope::Global) {
			e_.diags.error(DiagKind::SemanticError, d.loc,
				       "statistics aggregate '" + d.name +
					       "' must be a global: missing 'global " + d.name +
					       "' declaration?")
				.span(d.length);
			return;
		}
		if (!report_unresolved_ || d.arity < 0 ||
		    (d.arity > 0 && d.scope != VarDecl::Scope::Global))
			return;
		if (d.type == Type::Unknown)
			e_.diags.error(DiagKind::SemanticError, d.loc,
				       "unresolved type of '" + d.name +
					       "': nothing in the program gives it a value of a "
					       "known type")
				.span(d.length);
		for (std::size_t i = 0; i < static_cast<std::size_t>(d.arity); ++i)
			if (i >= d.index_types.size() || d.index_types[i] == Type::Unknown)
				e_.diags.error(DiagKind::SemanticError, d.loc,
					       "unresolved type of index " + std::to_string(i + 1) +
						       " of '" + d.name + "'")
					.span(d.length);
	}

	Elaboration& e_;
	bool report_unresolved_;
	std::size_t walk_errors_ = 0; // errors before the reporting walk
	bool reporting_ = false;
	bool changed_ = false;
	Function* function_ = nullptr;
	std::unordered_map<const VarDecl*, SourceLocation> var_origin_;
	std::map<std::pair<const VarDecl*, std::size_t>, SourceLocation> index_origin_;
	std::unordered_map<const Function*, SourceLocation> return_origin_;
	std::unordered_map<const VarDecl*, std::pair<std::int64_t, SourceLocation>> shifts_;
	std::unordered_set<const Function*> unresolved_calls_reported_;
};

} // namespace

void check_types(Elaboration& elaboration, bool report_unresolved)
{
	TypeChecker(elaboration, report_unresolved).run();
}

} // namespace stap
