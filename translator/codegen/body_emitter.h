// C for the body of one probe handler or script function.
//
// Expressions become C expressions where they are pure (arithmetic,
// comparisons, variable reads, array lookups, regex matches); everything
// with a side effect or a way to fail (assignments, calls, printing, map
// updates, division) becomes statements that run first, in the script's
// evaluation order, leaving their value in a temporary.  When a later
// operand needs such statements, the earlier operands are saved to
// temporaries before them, so that evaluation stays left to right.
//
// Errors: a failing operation sets c->last_error; the code then jumps to
// the innermost error label: the handler's exit, a try block's catch, or
// a foreach's cleanup (which ends its iteration and goes on outwards).
//
// Storage: script locals and string temporaries live in the per-CPU locals
// area (`l->`: the handler's struct, or the function's frame for the
// current nesting level); long temporaries and loop cursors are C locals.
#pragma once

#include "codegen/c_writer.h"
#include "codegen/module_context.h"

#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace stap::codegen
{

// A value an expression computed.
struct CValue {
	std::string code; // C expression
	ast::Type type = ast::Type::Long;
	bool stable = false;   // a literal or temporary: later code cannot change it
	bool own_temp = false; // a string temporary nobody else refers to yet
};

class BodyEmitter
{
public:
	// `locals_struct` names the struct this body's locals go in and
	// `locals_access` is where it is: "&STP_LOCALS(c)->probe.p0".
	BodyEmitter(ModuleContext& module, std::string locals_struct, std::string locals_access);

	// static void NAME(struct stp_context *c) running `handler`.
	std::string emit_handler(const ast::Probe& handler, const std::string& c_name);
	// The definition of a script (not embedded-C) function.
	std::string emit_function(const FunctionInfo& info);

	// "struct NAME { ... };" with this body's locals and temporaries, or
	// "" when it needs none (call after emit_*).
	[[nodiscard]] std::string locals_definition() const;
	[[nodiscard]] bool has_locals() const { return !fields_.empty(); }

private:
	struct Loop {
		std::string continue_label; // "" for a C continue
		bool is_foreach = false;
		std::string iter_end; // stp_map_iter_end(...); for a foreach over a map
	};

	// ---- statements (stmt_emitter.cpp) ----
	void block(const ast::Block& b);
	void charge(std::size_t n, const SourceLocation& loc);
	void statement(const ast::Stmt& s);
	void if_stmt(const ast::If& s);
	void while_stmt(const ast::While& s);
	void for_stmt(const ast::For& s);
	void foreach_stmt(const ast::Foreach& s);
	void foreach_hist(const ast::Foreach& s);
	void delete_stmt(const ast::Delete& s);
	void return_stmt(const ast::Return& s);
	void try_stmt(const ast::TryCatch& s);
	void loop_body(const ast::Stmt& body, const SourceLocation& loop_loc);
	// The iter_end calls of every enclosing foreach (for next/return).
	void end_all_iterations();

	// ---- expressions (expr_emitter.cpp) ----
	CValue expr(const ast::Expr& e);
	void expr_for_effect(const ast::Expr& e);
	CValue condition(const ast::Expr& e); // a long, for if/while
	// Evaluates operands in order, saving earlier ones when later ones
	// need statements.
	std::vector<CValue> operands(const std::vector<const ast::Expr*>& es);
	CValue spill(const CValue& v);
	CValue literal_int(std::int64_t v);
	CValue literal_string(const std::string& s);
	CValue symbol_read(const ast::Symbol& s);
	CValue array_read(const ast::ArrayIndex& e);
	CValue binary(const ast::Binary& e);
	CValue logical(const ast::Binary& e);
	CValue concat(const ast::Binary& e);
	CValue ternary(const ast::Ternary& e);
	CValue assignment(const ast::Assignment& e, bool want);
	CValue incdec(const ast::IncDec& e, bool want);
	CValue call(const ast::FunctionCall& e);
	CValue print(const ast::PrintFormat& e);
	CValue print_hist(const ast::PrintFormat& e);
	CValue unsupported(const ast::Expr& e, const std::string& what);
	CValue regex_match(const ast::RegexMatch& e);
	CValue in_array(const ast::InArray& e);
	CValue stat_op(const ast::StatOp& e);
	CValue hist_index(const ast::ArrayIndex& e);
	CValue embedded_expr(const ast::EmbeddedExpr& e);
	CValue memory_read(const ast::MemoryRead& e);

	// Keys of a[k1, ...]: "STP_KEYS({.l = ...}, {.s = ...})".
	std::string keys(const std::vector<CValue>& values);
	std::vector<CValue> key_values(const ast::ArrayIndex& e);
	// Wildcards of a[k1, *]: a bit per `*` column; keys hold 0 there.
	std::string wild_keys(const ast::ArrayIndex& e, unsigned& mask);
	// The stats of s or s[k] (NULL for a missing element) as a C
	// expression, after the statements that get it.
	std::string stat_of(const ast::Expr& operand, const SourceLocation& loc);
	std::string stat_map(const GlobalInfo& g, const SourceLocation& loc);
	// Assigns v to a scalar variable; returns the variable.
	CValue store_scalar(const ast::VarDecl& var, const CValue& v);

	// ---- storage ----
	std::string new_long_temp();
	std::string new_string_temp();
	std::string new_cursor(const std::string& type, const std::string& prefix);
	// A string buffer in the locals that no statement reuses.
	std::string new_string_slot();
	// Captured lines, placed one level deeper than they were written.
	void append_nested(const std::vector<std::string>& lines);
	std::string local_field(const ast::VarDecl& v);
	std::string var_lvalue(const ast::VarDecl& v); // l->l_x or g_x
	void init_local(const ast::VarDecl& v);

	// ---- control ----
	std::string new_label(const std::string& prefix);
	void jump_on_error(); // if (unlikely(c->last_error)) goto <label>;
	void fail_goto();     // goto <label>; (marks it used)
	void set_location(const SourceLocation& loc);
	std::string& current_error_label() { return error_labels_.back(); }
	void place_label(const std::string& name);

	std::string frame_head(const std::string& signature, const std::string& locals_init);
	[[nodiscard]] std::string c_local_decls() const;

	ModuleContext& m_;
	CWriter w_;
	std::string locals_struct_;
	std::string locals_access_;
	const FunctionInfo* function_ = nullptr; // null in a handler

	// Fields of the locals struct, in order: (declaration, name).
	std::vector<std::pair<std::string, std::string>> fields_;
	std::set<std::string> field_names_;
	std::unordered_map<const ast::VarDecl*, std::string> local_names_;
	std::size_t string_temps_ = 0, string_temps_used_ = 0;
	std::size_t long_temps_ = 0;
	std::vector<std::string> c_locals_; // "s64 t1", "struct stp_map_node *n1"
	std::size_t cursors_ = 0;
	std::size_t labels_ = 0;
	std::vector<std::string> error_labels_;
	std::set<std::string> used_labels_;
	std::vector<Loop> loops_;
};

// The C parameter of a script function's parameter: p_NAME.
std::string param_name(const ast::VarDecl& p);
// "static s64 function_f(struct stp_context *c, ...)": script functions
// take their parameters as p_NAME, embedded-C ones as STAP_ARG_NAME; a
// string result goes to `char *rv`; overloads report `next` in *nexted.
std::string function_signature(const FunctionInfo& info, const ModuleContext& m);

} // namespace stap::codegen
