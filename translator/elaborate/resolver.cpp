#include "elaborate/resolver.h"

#include "elaborate/constant_value.h"
#include "elaborate/suggestions.h"
#include "parse/ast_visitor.h"
#include "parse/printer.h"

#include <algorithm>
#include <unordered_map>

namespace stap
{

namespace
{

using namespace ast;

// Where names are looked up: the file the code was written in, the
// function or handler it belongs to.
struct Scope {
	const File* file = nullptr;
	Function* function = nullptr;
	// Null in a probe condition, which may only use globals.
	std::vector<std::unique_ptr<VarDecl>>* locals = nullptr;
	std::unordered_map<std::string, VarDecl*> local_index;
	std::span<DerivedProbe* const> probes; // of a handler
	const std::unordered_set<std::string>* user_writes = nullptr;

	[[nodiscard]] bool in_handler() const { return function == nullptr && locals != nullptr; }
	[[nodiscard]] bool in_condition() const { return locals == nullptr; }
};

// "1 index", "2 indexes", "3 arguments"
std::string count_of(std::size_t n, std::string_view word)
{
	std::string text = std::to_string(n) + " " + std::string(word);
	if (n != 1)
		text += word.ends_with('x') ? "es" : "s";
	return text;
}

class ScopeResolver : public Visitor<ScopeResolver>
{
public:
	ScopeResolver(Elaboration& e, Scope& scope) : e_(e), scope_(scope) {}
	using Visitor::visit;

	// ---- Variables ----
	void visit(Symbol& s) { resolve_symbol(s, 0); }
	void visit(ArrayIndex& e)
	{
		if (auto* base = as<Symbol>(e.base.get()))
			resolve_symbol(*base, static_cast<int>(e.indexes.size()));
		else
			visit(e.base);
		slots(e.indexes);
	}
	void visit(InArray& e)
	{
		visit(*e.key); // an ArrayIndex: its base gets the key's arity
	}
	void visit(StatOp& e) { visit(e.operand); }
	void visit(HistogramOp& e) { visit(e.operand); }

	// ---- Calls ----
	void visit(FunctionCall& call)
	{
		slots(call.args);
		resolve_call(call);
	}

	// ---- Target (C data) expressions ----
	void visit(TargetSymbol& e)
	{
		Visitor::visit(e); // index expressions
		resolve_target(e, e_.diags);
	}
	void visit(Cast& e)
	{
		Visitor::visit(e);
		resolve_target(e, e_.diags);
	}
	void visit(AtVar& e)
	{
		Visitor::visit(e);
		resolve_target(e, e_.diags);
	}
	void visit(AutoCast& e)
	{
		Visitor::visit(e);
		resolve_target(e, e_.diags);
	}
	ExprPtr visit(Defined& e)
	{
		// Resolvable or not, quietly: the answer is a constant.
		bool ok = true;
		if (TargetExpr* t = as_target(e.operand.get())) {
			Diagnostics scratch(e_.sources);
			ScopeResolver quiet(e_, scope_);
			for (TargetComponent& c : t->components)
				quiet.visit(c.index);
			if (auto* cast = as<Cast>(t))
				quiet.visit(cast->operand);
			if (auto* autocast = as<AutoCast>(t))
				quiet.visit(autocast->operand);
			ok = quiet.resolve_target(*t, scratch);
		} else {
			visit(e.operand);
		}
		auto value = std::make_unique<IntLiteral>(ok ? 1 : 0);
		value->loc = e.loc;
		value->length = e.length;
		++defined_folded_;
		return value;
	}
	void visit(Entry& e)
	{
		if (!require_probe(e, "@entry", "is only valid in function return probes",
				   [](const DerivedProbe& p) { return p.is_return_probe(); }))
			return;
		visit(e.operand);
	}
	ExprPtr visit(ProbeWrite& e)
	{
		if (!scope_.in_handler() || scope_.user_writes == nullptr) {
			error(e, "@probewrite is only valid in probe handlers");
			return nullptr;
		}
		auto value = std::make_unique<IntLiteral>(
			scope_.user_writes->contains(e.variable->name) ? 1 : 0);
		value->loc = e.loc;
		value->length = e.length;
		return value;
	}
	void visit(Register& e)
	{
		require_probe(e, e.user ? "@uregister" : "@kregister",
			      "needs a probe that interrupts a task and has its registers",
			      [](const DerivedProbe& p) { return p.has_register_context(); });
	}
	void visit(EmbeddedExpr& e)
	{
		if (scope_.in_condition()) {
			error(e, "probe conditions cannot use embedded C");
			return;
		}
		Resolver(e_).resolve_pragmas(e.code, *scope_.file);
	}

	// ---- Branches an @defined guard rules out ----
	// `if (@defined($x)) use($x)`: the branch not taken is dropped before
	// it is resolved, so that it may name what does not exist here.
	StmtPtr visit(If& s)
	{
		if (auto taken = guarded(s.cond)) {
			StmtPtr& branch = *taken ? s.then_stmt : s.else_stmt;
			if (!branch)
				branch = std::make_unique<Null>();
			visit(branch);
			return std::move(branch);
		}
		visit(s.then_stmt);
		visit(s.else_stmt);
		return nullptr;
	}
	ExprPtr visit(Ternary& t)
	{
		if (auto taken = guarded(t.cond)) {
			ExprPtr& branch = *taken ? t.then_expr : t.else_expr;
			visit(branch);
			return std::move(branch);
		}
		visit(t.then_expr);
		visit(t.else_expr);
		return nullptr;
	}

	// ---- Statements ----
	void visit(Foreach& s)
	{
		if (auto* array = as<Symbol>(s.array.get()))
			resolve_symbol(*array,
				       static_cast<int>(std::max<std::size_t>(s.keys.size(), 1)));
		else
			visit(s.array);
		for (auto& k : s.keys)
			resolve_symbol(*k, 0);
		if (s.value)
			resolve_symbol(*s.value, 0);
		slots(s.restriction);
		visit(s.limit);
		visit(s.body);
	}
	void visit(Delete& s)
	{
		// `delete a` clears a scalar or a whole array alike.
		if (auto* var = as<Symbol>(s.target.get()))
			resolve_symbol(*var, -1);
		else
			visit(s.target);
	}

	// Resolves a condition; if it held an @defined that made it constant,
	// its value (the condition is then that literal).
	std::optional<std::int64_t> guarded(ExprPtr& cond)
	{
		const unsigned before = defined_folded_;
		visit(cond);
		if (defined_folded_ == before)
			return std::nullopt;
		auto value = constant_value(*cond);
		if (value) {
			auto lit = std::make_unique<IntLiteral>(*value);
			lit->loc = cond->loc;
			lit->length = cond->length;
			cond = std::move(lit);
		}
		return value;
	}

	// Resolves a target expression, reporting to `sink`.
	bool resolve_target(TargetExpr& e, Diagnostics& sink)
	{
		if (scope_.in_condition()) {
			sink.error(DiagKind::SemanticError, e.loc,
				   "probe conditions cannot use target expressions")
				.span(e.length);
			return false;
		}
		if (auto* var = as<TargetSymbol>(&e)) {
			if (!scope_.in_handler()) {
				sink.error(DiagKind::SemanticError, e.loc,
					   "context variable '" + var->name +
						   "' cannot be used in a function: only probe "
						   "handlers have a probe context")
					.span(e.length);
				return false;
			}
			for (DerivedProbe* p : scope_.probes)
				if (!p->provider().resolve_context_variable(*var, *p, sink))
					return false;
			return true;
		}
		if (e_.input.typing != nullptr) {
			const DerivedProbe* probe = scope_.in_handler() && !scope_.probes.empty()
							    ? scope_.probes.front()
							    : nullptr;
			return e_.input.typing->resolve(e, probe, sink);
		}
		std::string what;
		if (auto* cast = as<Cast>(&e))
			what = "@cast(..., " + quote_string(cast->type_name) +
			       ") cannot be resolved: type information from debuginfo is not "
			       "supported yet";
		else if (auto* var = as<AtVar>(&e))
			what = "@var(" + quote_string(var->name) +
			       ") cannot be resolved: variables from debuginfo are not supported "
			       "yet";
		else
			what = "unknown type in dereference: this value carries no C type; name "
			       "one with @cast(value, \"type\")";
		sink.error(DiagKind::SemanticError, e.loc, what).span(e.length);
		return false;
	}

private:
	void error(const Expr& e, std::string message)
	{
		e_.diags.error(DiagKind::SemanticError, e.loc, std::move(message)).span(e.length);
	}

	template <typename Pred>
	bool require_probe(const Expr& e, const char* op, const char* what, Pred pred)
	{
		if (scope_.in_condition()) {
			error(e, std::string(op) + " cannot be used in a probe condition");
			return false;
		}
		if (!scope_.in_handler())
			return true; // checked where the function is inlined
		for (const DerivedProbe* p : scope_.probes)
			if (!pred(*p)) {
				error(e, std::string(op) + " " + what + ": '" +
						 to_string(p->point()) + "' is not one");
				return false;
			}
		return true;
	}

	VarDecl* lookup_local(const std::string& name)
	{
		if (scope_.function != nullptr)
			for (auto& p : scope_.function->params)
				if (p->name == name)
					return p.get();
		auto it = scope_.local_index.find(name);
		return it == scope_.local_index.end() ? nullptr : it->second;
	}

	GlobalVar* lookup_global(const Symbol& s)
	{
		GlobalVar* g = e_.decls.find_global(s.name, scope_.file);
		if (g == nullptr)
			return nullptr;
		if (!e_.decls.in_program(*g->file))
			e_.pull(*g->file);
		// A tapset whose own global of this name is hidden by another
		// file's is almost certainly not getting what it expects.
		if (g->file != scope_.file && e_.decls.is_library_file(*scope_.file)) {
			for (const auto& own : scope_.file->globals)
				if (own->name == s.name && !own->is_private) {
					e_.diags.warning(s.loc,
							 "cross-file global variable reference "
							 "to '" + s.name +
								 "'")
						.span(s.length)
						.note("it refers to this declaration, which hides "
						      "the file's own",
						      g->loc);
					break;
				}
		}
		e_.use(*g);
		return g;
	}

	// `arity`: the number of indexes this use gives (0: a scalar use),
	// or -1 when the use does not tell.
	void resolve_symbol(Symbol& s, int arity)
	{
		VarDecl* d = scope_.in_condition() ? nullptr : lookup_local(s.name);
		if (d == nullptr)
			d = lookup_global(s);
		if (d == nullptr && scope_.in_condition()) {
			auto& diag =
				e_.diags.error(DiagKind::SemanticError, s.loc,
					       "probe conditions can only use global variables: "
					       "'" + s.name +
						       "' is not one")
					.span(s.length);
			suggest(diag, s.name, e_.decls.global_names(scope_.file));
			return;
		}
		if (d == nullptr) {
			auto local = std::make_unique<VarDecl>(VarDecl::Scope::Local);
			local->name = s.name;
			local->loc = s.loc;
			local->length = s.length;
			d = local.get();
			scope_.local_index.emplace(s.name, d);
			scope_.locals->push_back(std::move(local));
		}
		s.referent = d;
		// A local is a scalar even where the use does not tell (delete).
		if (arity < 0 && d->scope != VarDecl::Scope::Global)
			arity = 0;
		if (arity >= 0)
			note_arity(*d, arity, s);
	}

	void note_arity(VarDecl& d, int arity, const Symbol& use)
	{
		if (arity > 0 && d.scope == VarDecl::Scope::Param) {
			error(use, "function parameter '" + d.name + "' cannot be an array");
			return;
		}
		if (d.arity < 0) {
			d.arity = arity;
			e_.arity_origin.emplace(&d, use.loc);
			if (arity > 0 && d.scope == VarDecl::Scope::Local)
				error(use,
				      "'" + d.name +
					      "' is used as an array, but arrays must be global: "
					      "missing 'global " +
					      d.name + "' declaration?");
			return;
		}
		if (d.arity == arity)
			return;
		std::string message;
		std::string first;
		if (d.arity == 0) {
			message = "'" + d.name + "' is used as an array here, but it is a scalar";
			first = "'" + d.name + "' was first used as a scalar here";
		} else if (arity == 0) {
			message = "'" + d.name + "' is used as a scalar here, but it is an array";
			first = "'" + d.name + "' was first used as an array here";
		} else {
			message = "'" + d.name + "' is used with " +
				  count_of(static_cast<std::size_t>(arity), "index") +
				  " here, but it has " +
				  count_of(static_cast<std::size_t>(d.arity), "index");
			first = "'" + d.name + "' was first used with " +
				count_of(static_cast<std::size_t>(d.arity), "index") + " here";
		}
		auto& diag =
			e_.diags.error(DiagKind::SemanticError, use.loc, message).span(use.length);
		auto origin = e_.arity_origin.find(&d);
		if (origin != e_.arity_origin.end())
			diag.note(first, origin->second);
	}

	void resolve_call(FunctionCall& call)
	{
		if (scope_.in_condition()) {
			error(call, "probe conditions cannot call functions");
			return;
		}
		std::vector<Function*> candidates = e_.decls.find_functions(call.name, scope_.file);
		Function* in_program = nullptr;
		Function* in_library = nullptr;
		for (Function* f : candidates) {
			if (f->params.size() != call.args.size())
				continue;
			if (e_.decls.in_program(*f->file)) {
				in_program = in_program != nullptr ? in_program : f;
			} else if (in_library == nullptr) {
				in_library = f;
			}
		}
		if (in_program == nullptr && in_library != nullptr) {
			e_.pull(*in_library->file);
			in_program = in_library;
		}
		if (in_program != nullptr) {
			call.referent = in_program;
			e_.calls.push_back({&call, scope_.file});
			return;
		}
		if (!candidates.empty()) {
			auto& diag = e_.diags.error(DiagKind::SemanticError, call.loc,
						    "no function '" + call.name + "' takes " +
							    count_of(call.args.size(), "argument"))
					     .span(call.length);
			for (const Function* f : candidates)
				diag.note("'" + call.name + "' is defined here with " +
						  count_of(f->params.size(), "parameter"),
					  f->loc);
			return;
		}
		auto& diag = e_.diags.error(DiagKind::SemanticError, call.loc,
					    "unresolved function call '" + call.name + "'")
				     .span(call.length);
		// The print family are no functions, but are what a misspelt
		// call most often meant.
		std::vector<std::string> names = e_.decls.function_names(scope_.file);
		std::vector<std::string> printers = ast::PrintFormat::all_names();
		names.insert(names.end(), printers.begin(), printers.end());
		suggest(diag, call.name, names);
	}

	Elaboration& e_;
	Scope& scope_;
	unsigned defined_folded_ = 0; // @defined(...) replaced by constants
};

// Collects the names a body writes.
class WriteCollector : public ConstVisitor<WriteCollector>
{
public:
	using ConstVisitor::visit;
	void visit(const Assignment& e)
	{
		target(*e.lhs);
		ConstVisitor::visit(e);
	}
	void visit(const IncDec& e)
	{
		target(*e.operand);
		ConstVisitor::visit(e);
	}
	void visit(const Delete& s)
	{
		target(*s.target);
		ConstVisitor::visit(s);
	}
	void visit(const Foreach& s)
	{
		if (s.value)
			names.insert(s.value->name);
		for (const auto& k : s.keys)
			names.insert(k->name);
		ConstVisitor::visit(s);
	}
	void visit(const TryCatch& s)
	{
		if (s.catch_var)
			names.insert(s.catch_var->name);
		ConstVisitor::visit(s);
	}

	std::unordered_set<std::string> names;

private:
	void target(const Expr& e)
	{
		if (const auto* s = as<Symbol>(&e))
			names.insert(s->name);
		else if (const auto* i = as<ArrayIndex>(&e))
			target(*i->base);
		else if (const TargetExpr* t = as_target(&e)) {
			if (const auto* var = as<TargetSymbol>(t))
				names.insert(var->name);
		}
	}
};

} // namespace

std::unordered_set<std::string> written_variables(const ast::Block& body)
{
	WriteCollector c;
	c.visit(body);
	return std::move(c.names);
}

void Resolver::resolve_handler(ast::Probe& handler, std::span<const BodyPiece> pieces,
			       const std::unordered_set<std::string>& user_writes,
			       std::span<DerivedProbe* const> probes)
{
	Scope scope;
	scope.locals = &handler.locals;
	scope.probes = probes;
	scope.user_writes = &user_writes;
	for (const BodyPiece& piece : pieces) {
		scope.file = piece.file;
		ScopeResolver(e_, scope).visit(*piece.block);
	}
}

void Resolver::resolve_condition(ast::ExprPtr& condition, const ast::File& file)
{
	Scope scope;
	scope.file = &file;
	ScopeResolver(e_, scope).visit(condition);
}

void Resolver::resolve_function(ast::Function& function)
{
	Scope scope;
	scope.file = function.file;
	scope.function = &function;
	scope.locals = &function.locals;
	for (auto& p : function.params)
		if (p->arity < 0)
			p->arity = 0;
	if (function.embedded)
		resolve_pragmas(*function.embedded, *function.file);
	if (function.body)
		ScopeResolver(e_, scope).visit(*function.body);
}

void Resolver::resolve_pragmas(const ast::EmbeddedCode& code, const ast::File& file)
{
	if (e_.pragma_globals.contains(&code))
		return;
	auto& found = e_.pragma_globals[&code];
	auto resolve = [&](const std::string& name, bool write) {
		ast::GlobalVar* g = e_.decls.find_global(name, &file);
		if (g == nullptr) {
			auto& d = e_.diags.error(
				DiagKind::SemanticError, code.loc,
				"embedded C names an unknown global '" + name + "' in /* pragma:" +
					(write ? "write:" : "read:") + name + " */");
			suggest(d, name, e_.decls.global_names(&file));
			return;
		}
		if (!e_.decls.in_program(*g->file))
			e_.pull(*g->file);
		e_.use(*g);
		found.emplace_back(g, write);
	};
	for (const std::string& name : code.pragmas.reads)
		resolve(name, false);
	for (const std::string& name : code.pragmas.writes)
		resolve(name, true);
}

bool Resolver::link_calls()
{
	bool queued = false;
	for (const Elaboration::Call& c : e_.calls) {
		ast::FunctionCall& call = *c.call;
		std::vector<ast::Function*> set;
		bool private_set = false;
		for (ast::Function* f : e_.decls.find_functions(call.name, c.file)) {
			if (f->params.size() != call.args.size() || !e_.decls.in_program(*f->file))
				continue;
			if (f->is_private && !private_set) {
				set.clear();
				private_set = true;
			}
			if (f->is_private == private_set)
				set.push_back(f);
		}
		// Lower priority numbers run first; user scripts default to 0,
		// tapsets to 1 (stap(1) FUNCTIONS); declaration order breaks ties.
		auto priority = [this](const ast::Function* f) {
			return f->priority.value_or(e_.decls.is_library_file(*f->file) ? 1 : 0);
		};
		std::stable_sort(set.begin(), set.end(),
				 [&](const ast::Function* a, const ast::Function* b) {
					 return priority(a) < priority(b);
				 });
		call.referent = set.front();
		auto shared = std::make_shared<std::vector<ast::Function*>>(set);
		for (ast::Function* f : set) {
			auto& slot = e_.product.overload_sets[f];
			if (!slot || *slot != set)
				slot = shared;
			const std::size_t before = e_.pending_functions.size();
			e_.use(*f);
			queued = queued || e_.pending_functions.size() != before;
		}
	}
	return queued;
}

} // namespace stap
