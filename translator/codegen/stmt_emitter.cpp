// Statements of a body (see body_emitter.h for the scheme).
#include "codegen/body_emitter.h"
#include "codegen/stat_field.h"

namespace stap::codegen
{

namespace
{

// The statements of a block, with nested blocks opened up: a block is no
// scope in the language (locals belong to the whole handler), and pass 2
// wraps handler bodies in blocks of their own.
void flatten(const ast::Block& b, std::vector<const ast::Stmt*>& out)
{
	for (const auto& s : b.statements) {
		if (s->kind == ast::StmtKind::Block)
			flatten(static_cast<const ast::Block&>(*s), out);
		else if (s->kind != ast::StmtKind::Null)
			out.push_back(s.get());
	}
}

std::vector<const ast::Stmt*> flat(const ast::Block& b)
{
	std::vector<const ast::Stmt*> out;
	flatten(b, out);
	return out;
}

const ast::VarDecl* referent(const ast::Expr* e)
{
	if (const auto* s = ast::as<ast::Symbol>(e))
		return s->referent;
	return nullptr;
}

} // namespace

void BodyEmitter::charge(std::size_t n, const SourceLocation& loc)
{
	if (n == 0)
		return;
	w_.line("if (stp_actions(c, " + std::to_string(n) + ", " + m_.location(loc) + "))");
	w_.indent();
	fail_goto();
	w_.dedent();
}

void BodyEmitter::block(const ast::Block& b)
{
	std::vector<const ast::Stmt*> statements = flat(b);
	if (!statements.empty())
		charge(statements.size(), statements.front()->loc);
	for (const ast::Stmt* s : statements)
		statement(*s);
}

void BodyEmitter::statement(const ast::Stmt& s)
{
	// Temporaries only live while one statement's expressions run.
	string_temps_used_ = 0;
	using K = ast::StmtKind;
	switch (s.kind) {
	case K::Block:
		block(static_cast<const ast::Block&>(s));
		return;
	case K::ExprStmt:
		expr_for_effect(*static_cast<const ast::ExprStmt&>(s).expr);
		return;
	case K::If:
		if_stmt(static_cast<const ast::If&>(s));
		return;
	case K::While:
		while_stmt(static_cast<const ast::While&>(s));
		return;
	case K::For:
		for_stmt(static_cast<const ast::For&>(s));
		return;
	case K::Foreach:
		foreach_stmt(static_cast<const ast::Foreach&>(s));
		return;
	case K::Delete:
		delete_stmt(static_cast<const ast::Delete&>(s));
		return;
	case K::Next:
		if (function_ != nullptr) {
			if (!function_->nexts)
				m_.error(s.loc, "next in a function that is not overloaded");
			w_.line("*nexted = true;");
		}
		end_all_iterations();
		w_.line("goto out;");
		used_labels_.insert("out");
		return;
	case K::Break:
		w_.line("break;");
		return;
	case K::Continue:
		if (loops_.empty()) {
			m_.error(s.loc, "continue outside a loop");
			return;
		}
		if (loops_.back().continue_label.empty()) {
			w_.line("continue;");
		} else {
			w_.line("goto " + loops_.back().continue_label + ";");
			used_labels_.insert(loops_.back().continue_label);
		}
		return;
	case K::Return:
		return_stmt(static_cast<const ast::Return&>(s));
		return;
	case K::TryCatch:
		try_stmt(static_cast<const ast::TryCatch&>(s));
		return;
	case K::Null:
		return;
	}
}

// A branch or loop body: a block's braces are the C braces.
static const ast::Block* as_block(const ast::Stmt& s)
{
	return s.kind == ast::StmtKind::Block ? static_cast<const ast::Block*>(&s) : nullptr;
}

void BodyEmitter::if_stmt(const ast::If& s)
{
	CValue cond = condition(*s.cond);
	w_.open("if (" + cond.code + ")");
	if (const ast::Block* b = as_block(*s.then_stmt))
		block(*b);
	else
		statement(*s.then_stmt);
	if (s.else_stmt) {
		w_.close(" else {");
		w_.indent();
		if (const ast::Block* b = as_block(*s.else_stmt))
			block(*b);
		else
			statement(*s.else_stmt);
	}
	w_.close();
}

void BodyEmitter::loop_body(const ast::Stmt& body, const SourceLocation& loop_loc)
{
	// Each iteration costs one action for the loop itself, so that even an
	// empty loop ends at MAXACTION.
	const ast::Block* b = as_block(body);
	std::vector<const ast::Stmt*> statements;
	if (b != nullptr)
		statements = flat(*b);
	else
		statements.push_back(&body);
	charge(1 + statements.size(), loop_loc);
	for (const ast::Stmt* st : statements)
		statement(*st);
}

void BodyEmitter::while_stmt(const ast::While& s)
{
	w_.begin_capture();
	CValue cond = condition(*s.cond);
	std::vector<std::string> pre = w_.end_capture();
	loops_.push_back({"", false, ""});
	if (pre.empty()) {
		w_.open("while (" + cond.code + ")");
	} else {
		w_.open("for (;;)");
		append_nested(pre);
		w_.line("if (!(" + cond.code + "))");
		w_.line("\tbreak;");
	}
	loop_body(*s.body, s.loc);
	w_.close();
	loops_.pop_back();
}

void BodyEmitter::for_stmt(const ast::For& s)
{
	if (s.init) {
		string_temps_used_ = 0;
		expr_for_effect(*s.init);
	}
	string_temps_used_ = 0;
	w_.begin_capture();
	CValue cond = s.cond ? condition(*s.cond) : CValue{"", ast::Type::Long, true, false};
	std::vector<std::string> pre = w_.end_capture();
	std::vector<std::string> step;
	if (s.step) {
		w_.begin_capture();
		expr_for_effect(*s.step);
		step = w_.end_capture();
	}
	// One plain statement as the step fits in the for header.
	bool simple_step = step.empty() || (step.size() == 1 && step[0].back() == ';' &&
					    step[0].find("goto") == std::string::npos);
	if (pre.empty() && simple_step) {
		std::string st;
		if (!step.empty()) {
			st = step[0].substr(static_cast<std::size_t>(w_.depth()));
			st.pop_back();
		}
		loops_.push_back({"", false, ""});
		w_.open("for (; " + cond.code + "; " + st + ")");
		loop_body(*s.body, s.loc);
		w_.close();
		loops_.pop_back();
		return;
	}
	std::string cont = new_label("cont");
	loops_.push_back({cont, false, ""});
	w_.open("for (;;)");
	append_nested(pre);
	if (s.cond) {
		w_.line("if (!(" + cond.code + "))");
		w_.line("\tbreak;");
	}
	loop_body(*s.body, s.loc);
	bool used = used_labels_.count(cont) != 0;
	if (used)
		w_.label(cont);
	string_temps_used_ = 0;
	append_nested(step);
	if (used && step.empty())
		w_.line(";");
	w_.close();
	loops_.pop_back();
}

void BodyEmitter::foreach_stmt(const ast::Foreach& s)
{
	if (ast::as<ast::HistogramOp>(s.array.get()) != nullptr) {
		foreach_hist(s);
		return;
	}
	const GlobalInfo* g = m_.global(referent(s.array.get()));
	if (g == nullptr || !g->is_array()) {
		m_.error(s.loc, "foreach needs a global array");
		return;
	}
	std::string map = g->c_name;
	if (g->kind == GlobalKind::StatMap)
		map = stat_map(*g, s.loc);

	// Restrictions and limit: evaluated once, before the loop.
	std::vector<std::pair<std::size_t, std::string>> restrict;
	for (std::size_t i = 0; i < s.restriction.size(); ++i) {
		if (!s.restriction[i])
			continue;
		CValue v = expr(*s.restriction[i]);
		std::string slot =
			v.type == ast::Type::String ? new_string_slot() : new_cursor("s64", "key");
		if (v.type == ast::Type::String)
			w_.line("stp_strlcpy(" + slot + ", " + v.code + ", MAXSTRINGLEN);");
		else
			w_.line(slot + " = " + v.code + ";");
		restrict.emplace_back(i, slot);
	}
	std::string limit;
	if (s.limit) {
		CValue v = expr(*s.limit);
		limit = new_cursor("s64", "limit");
		w_.line(limit + " = " + v.code + ";");
	}
	std::string loc = m_.location(s.loc);
	if (s.sort != ast::Foreach::Sort::None) {
		w_.line("if (stp_map_check(c, &" + g->desc + ", stp_map_sort(" + map + ", " +
			std::to_string(s.sort_column) + ", " +
			(s.sort == ast::Foreach::Sort::Ascending ? "1" : "-1") + ", " +
			stat_field(s.sort_aggregate.value_or(ast::StatFunc::Count)) + "), " + loc +
			"))");
		w_.indent();
		fail_goto();
		w_.dedent();
	}
	std::string n = new_cursor("struct stp_map_node *", "n");
	std::string fail = new_label("foreach_fail");
	w_.line("stp_map_iter_begin(" + map + ");");
	error_labels_.push_back(fail);
	loops_.push_back({"", true, "stp_map_iter_end(" + map + ");"});
	w_.open("for (" + n + " = stp_map_first(" + map + "); " + n + "; " + n +
		" = stp_map_next(" + map + ", " + n + "))");
	for (auto& [col, slot] : restrict) {
		bool str = g->decl->index_types.size() > col &&
			   g->decl->index_types[col] == ast::Type::String;
		std::string key = std::string(str ? "stp_node_key_string(" : "stp_node_key_long(") +
				  map + ", " + n + ", " + std::to_string(col) + ")";
		w_.line(str ? "if (strcmp(" + key + ", " + slot + "))"
			    : "if (" + key + " != " + slot + ")");
		w_.line("\tcontinue;");
	}
	if (!limit.empty()) {
		w_.line("if (" + limit + "-- <= 0)");
		w_.line("\tbreak;");
	}
	for (std::size_t i = 0; i < s.keys.size(); ++i) {
		const ast::VarDecl* k = s.keys[i]->referent;
		if (k == nullptr)
			continue;
		std::string lv = var_lvalue(*k);
		if (k->type == ast::Type::String)
			w_.line("stp_strlcpy(" + lv + ", stp_node_key_string(" + map + ", " + n +
				", " + std::to_string(i) + "), MAXSTRINGLEN);");
		else
			w_.line(lv + " = stp_node_key_long(" + map + ", " + n + ", " +
				std::to_string(i) + ");");
	}
	if (s.value && s.value->referent != nullptr) {
		const ast::VarDecl& v = *s.value->referent;
		if (g->kind == GlobalKind::StatMap)
			m_.error(s.value->loc,
				 "the value of an aggregate array cannot be bound in foreach");
		else if (v.type == ast::Type::String)
			w_.line("stp_strlcpy(" + var_lvalue(v) + ", stp_node_string(" + map + ", " +
				n + "), MAXSTRINGLEN);");
		else
			w_.line(var_lvalue(v) + " = stp_node_long(" + map + ", " + n + ");");
	}
	loop_body(*s.body, s.loc);
	w_.close();
	loops_.pop_back();
	error_labels_.pop_back();
	bool failed = used_labels_.count(fail) != 0;
	if (failed)
		w_.label(fail);
	w_.line("stp_map_iter_end(" + map + ");");
	if (failed)
		jump_on_error();
}

void BodyEmitter::foreach_hist(const ast::Foreach& s)
{
	const auto& h = static_cast<const ast::HistogramOp&>(*s.array);
	if (s.sort != ast::Foreach::Sort::None || !s.restriction.empty() || s.value ||
	    s.keys.size() != 1) {
		m_.error(s.loc, "foreach over a histogram takes one bucket variable, "
				"without sorting or restriction");
		return;
	}
	const GlobalInfo* g = m_.global(referent(h.operand.get()));
	if (const auto* idx = ast::as<ast::ArrayIndex>(h.operand.get()))
		g = m_.global(referent(idx->base.get()));
	std::string desc = g == nullptr                     ? "NULL"
			   : g->kind == GlobalKind::StatMap ? "&" + g->desc + ".stat"
							    : "&" + g->desc;
	std::string st = stat_of(*h.operand, h.loc);
	std::string sp = new_cursor("const struct stp_stat *", "st");
	w_.line(sp + " = " + st + ";");
	std::string limit;
	if (s.limit) {
		CValue v = expr(*s.limit);
		limit = new_cursor("s64", "limit");
		w_.line(limit + " = " + v.code + ";");
	}
	std::string b = new_cursor("u32", "bucket");
	loops_.push_back({"", false, ""});
	w_.open("for (" + b + " = 0; " + sp + " && " + b + " < stp_stat_nbuckets(" + desc + "); " +
		b + "++)");
	if (!limit.empty()) {
		w_.line("if (" + limit + "-- <= 0)");
		w_.line("\tbreak;");
	}
	if (const ast::VarDecl* k = s.keys[0]->referent)
		w_.line(var_lvalue(*k) + " = " + b + ";");
	loop_body(*s.body, s.loc);
	w_.close();
	loops_.pop_back();
}

void BodyEmitter::delete_stmt(const ast::Delete& s)
{
	std::string loc = m_.location(s.loc);
	auto check = [&](const GlobalInfo& g, const std::string& call) {
		w_.line("if (stp_map_check(c, &" + g.desc + ", " + call + ", " + loc + "))");
		w_.indent();
		fail_goto();
		w_.dedent();
	};
	if (const auto* idx = ast::as<ast::ArrayIndex>(s.target.get())) {
		const GlobalInfo* g = m_.global(referent(idx->base.get()));
		if (g == nullptr || !g->is_array()) {
			m_.error(s.loc,
				 "delete of an element of something that is not a global array");
			return;
		}
		unsigned mask = 0;
		std::string k = wild_keys(*idx, mask);
		std::string fn =
			g->kind == GlobalKind::StatMap ? "stp_pmap_delete" : "stp_map_delete";
		if (mask != 0)
			check(*g, fn + "_wild(" + g->c_name + ", " + k + ", " +
					  std::to_string(mask) + ")");
		else
			check(*g, fn + "(" + g->c_name + ", " + k + ")");
		return;
	}
	const ast::VarDecl* v = referent(s.target.get());
	if (v == nullptr) {
		m_.error(s.loc, "delete needs a variable or an array element");
		return;
	}
	if (const GlobalInfo* g = m_.global(v)) {
		switch (g->kind) {
		case GlobalKind::Map:
			check(*g, "stp_map_clear(" + g->c_name + ")");
			return;
		case GlobalKind::StatMap:
			check(*g, "stp_pmap_clear(" + g->c_name + ")");
			return;
		case GlobalKind::Stat:
			w_.line("stp_pstat_clear(" + g->c_name + ");");
			return;
		default:
			break;
		}
	}
	if (v->type == ast::Type::String)
		w_.line(var_lvalue(*v) + "[0] = '\\0';");
	else
		w_.line(var_lvalue(*v) + " = 0;");
}

void BodyEmitter::end_all_iterations()
{
	for (auto it = loops_.rbegin(); it != loops_.rend(); ++it)
		if (it->is_foreach)
			w_.line(it->iter_end);
}

void BodyEmitter::return_stmt(const ast::Return& s)
{
	if (function_ == nullptr) {
		m_.error(s.loc, "return outside a function");
		return;
	}
	if (s.value) {
		CValue v = expr(*s.value);
		if (function_->decl->type == ast::Type::String)
			w_.line("stp_strlcpy(rv, " + v.code + ", MAXSTRINGLEN);");
		else if (function_->decl->type == ast::Type::Long)
			w_.line("rv = " + v.code + ";");
	}
	end_all_iterations();
	w_.line("goto out;");
	used_labels_.insert("out");
}

void BodyEmitter::try_stmt(const ast::TryCatch& s)
{
	std::string catch_label = new_label("catch");
	std::string end_label = new_label("try_end");
	std::string outer = current_error_label();
	error_labels_.push_back(catch_label);
	block(*s.try_block);
	error_labels_.pop_back();
	if (used_labels_.count(catch_label) == 0)
		return; // nothing in the try block can fail
	w_.line("goto " + end_label + ";");
	w_.label(catch_label);
	// abort() cannot be caught; anything else can.
	std::string msg = "NULL";
	if (s.catch_var && s.catch_var->referent != nullptr)
		msg = var_lvalue(*s.catch_var->referent);
	w_.line("if (!stp_catch(c, " + msg + "))");
	w_.line("\tgoto " + outer + ";");
	used_labels_.insert(outer);
	block(*s.catch_block);
	w_.label(end_label);
	w_.line(";");
}

} // namespace stap::codegen
