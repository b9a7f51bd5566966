#include "parse/parser.h"

#include "parse/conditional.h"
#include "parse/lexer.h"
#include "parse/script_args.h"

#include <array>
#include <string_view>
#include <vector>

namespace stap
{

namespace
{

using namespace ast;

// Thrown after reporting an error, to unwind to the statement or declaration
// that recovers.
struct SyntaxError {
};
// Thrown when the file cannot be parsed further (nesting limit, too many
// errors).
struct GiveUp {
};

// Reserved words: never variable names.  (Probe point components and
// member names may still use them: kernel.function("f").return.)
constexpr std::array<std::string_view, 20> kKeywords = {
	"probe",  "global",  "function", "private", "if",     "else",  "while",
	"for",    "foreach", "in",       "limit",   "next",   "break", "continue",
	"return", "delete",  "try",      "catch",   "string", "long",
};

bool is_keyword(std::string_view s)
{
	for (std::string_view k : kKeywords)
		if (k.size() == s.size() && k[0] == s[0] && k == s)
			return true;
	return false;
}

bool starts_statement(const Token& t)
{
	if (!t.is(TokenKind::Identifier))
		return false;
	static constexpr std::array<std::string_view, 10> kStarts = {
		"if",    "while",    "for",    "foreach", "next",
		"break", "continue", "return", "delete",  "try"};
	for (std::string_view k : kStarts)
		if (t.same_text(k))
			return true;
	return false;
}

// Keywords that only start a top-level declaration (unlike %{ %}, which may
// also be an expression).
bool starts_declaration(const Token& t)
{
	return t.is_ident("probe") || t.is_ident("global") || t.is_ident("function") ||
	       t.is_ident("private");
}

// Sets a variable for the lifetime of a scope.
template <typename T>
class Restore
{
public:
	Restore(T& var, T value) : var_(var), saved_(var) { var_ = value; }
	~Restore() { var_ = saved_; }
	Restore(const Restore&) = delete;
	Restore& operator=(const Restore&) = delete;

private:
	T& var_;
	T saved_;
};

// `in` sits between & and the comparisons; =~ and !~ are comparisons.
constexpr int kInPrecedence = 6;
constexpr int kRegexPrecedence = 7;

// The operator of enum Op (spelled as op_spelling() says) that a token is.
template <typename Op>
std::optional<Op> operator_of(const Token& t, Op last)
{
	if (!t.is(TokenKind::Operator))
		return std::nullopt;
	// Spellings as string_views, built once: this runs for every token
	// after an operand.
	static const std::vector<std::pair<std::string_view, Op>> kOps = [last] {
		std::vector<std::pair<std::string_view, Op>> ops;
		for (int i = 0; i <= static_cast<int>(last); ++i)
			ops.emplace_back(op_spelling(static_cast<Op>(i)), static_cast<Op>(i));
		return ops;
	}();
	for (const auto& [spelling, op] : kOps)
		if (t.same_text(spelling))
			return op;
	return std::nullopt;
}

std::optional<Binary::Op> binary_op(const Token& t)
{
	return operator_of(t, Binary::Op::LogicalOr);
}

std::optional<Assignment::Op> assignment_op(const Token& t)
{
	return operator_of(t, Assignment::Op::Accumulate);
}

class Parser
{
public:
	Parser(ParseContext& ctx, TokenSource& tokens, FileKind kind, File& file)
	    : ctx_(ctx), tokens_(tokens), kind_(kind), file_(file)
	{
	}

	void parse_file();

private:
	// ---- Tokens ----
	// Lookahead of up to kLookahead tokens, in a ring (no allocation per
	// token).
	const Token& peek(std::size_t ahead = 0)
	{
		while (buffered_ <= ahead) {
			ring_[(head_ + buffered_) % kLookahead] = tokens_.next();
			++buffered_;
		}
		return ring_[(head_ + ahead) % kLookahead];
	}
	Token take()
	{
		peek();
		Token t = std::move(ring_[head_]);
		head_ = (head_ + 1) % kLookahead;
		--buffered_;
		++consumed_;
		return t;
	}
	bool accept_op(std::string_view op)
	{
		if (!peek().is_op(op))
			return false;
		take();
		return true;
	}
	Token expect_op(std::string_view op, std::string_view where)
	{
		if (!peek().is_op(op))
			fail(peek(), "expected '" + std::string(op) + "' " + std::string(where) +
					     ", found " + peek().describe());
		return take();
	}
	Token expect_identifier(std::string_view what)
	{
		const Token& t = peek();
		if (!t.is(TokenKind::Identifier) || is_keyword(t.text))
			fail(t, "expected " + std::string(what) + ", found " + t.describe());
		return take();
	}

	// ---- Errors ----
	[[noreturn]] void fail(const Token& at, std::string message)
	{
		report(at, std::move(message));
		throw SyntaxError{};
	}
	void report(const Token& at, std::string message)
	{
		ctx_.error(at.loc, std::move(message), at.length);
		if (ctx_.gave_up())
			throw GiveUp{};
	}
	void sync_statement(std::uint32_t error_line);
	void sync_declaration();

	// Too deep a nesting ends the parse of the file.
	void check_depth(const Token& at)
	{
		if (depth_ > kMaxNesting)
			ctx_.error(at.loc,
				   "nesting too deep (more than " + std::to_string(kMaxNesting) +
					   " levels)",
				   at.length);
		else if (depth_ + chain_ > kMaxTreeHeight)
			ctx_.error(at.loc,
				   "expression too complex (operators nested more than " +
					   std::to_string(kMaxTreeHeight) + " deep)",
				   at.length);
		else
			return;
		throw GiveUp{};
	}

	// Counts the parser's recursion.
	class Nest
	{
	public:
		Nest(Parser& p, const Token& at) : p_(p)
		{
			++p_.depth_;
			p_.check_depth(at);
		}
		~Nest() { --p_.depth_; }
		Nest(const Nest&) = delete;
		Nest& operator=(const Nest&) = delete;

	private:
		Parser& p_;
	};

	template <typename T>
	std::unique_ptr<T> make(const Token& at)
	{
		auto node = std::make_unique<T>();
		node->loc = at.loc;
		node->length = at.length;
		return node;
	}

	bool embedded_allowed() const { return kind_ == FileKind::Tapset || ctx_.env.guru_mode; }
	void check_embedded(const Token& at, std::string_view what);

	// ---- Declarations ----
	void parse_declaration();
	void parse_probe(const Token& probe_tok);
	void parse_globals(bool is_private);
	void parse_function(bool is_private);
	std::vector<std::unique_ptr<ProbePoint>> parse_probe_point_list();
	std::vector<std::unique_ptr<ProbePoint>> parse_probe_point_spec();
	std::vector<std::vector<ProbePointComponent>> parse_component_sequence();
	ProbePointComponent parse_component();
	ExprPtr parse_literal(std::string_view where);
	Type parse_type();

	// ---- Statements ----
	std::unique_ptr<Block> parse_block();
	StmtPtr parse_statement();
	StmtPtr parse_if(const Token& kw);
	StmtPtr parse_foreach(const Token& kw);
	StmtPtr parse_delete(const Token& kw);
	StmtPtr parse_try(const Token& kw);
	StmtPtr parse_loop_body();
	void accept_terminator() { accept_op(";"); }

	// ---- Expressions ----
	ExprPtr parse_expression();
	ExprPtr parse_assignment();
	ExprPtr parse_ternary();
	ExprPtr parse_binary(int min_precedence);
	ExprPtr parse_unary();
	ExprPtr parse_postfix();
	ExprPtr parse_primary(bool& bare_identifier);
	ExprPtr parse_at_operator(const Token& at);
	ExprPtr parse_print(const Token& name, PrintFormat::Style style, bool to_string);
	ExprPtr parse_target_symbol(const Token& name);
	std::unique_ptr<StringLiteral> parse_string_literal(std::string_view where);
	std::int64_t parse_int_literal(std::string_view where);
	std::vector<ExprPtr> parse_index_list(bool allow_wildcards);
	std::vector<ExprPtr> parse_call_args();
	ExprPtr parse_array_operand(std::string_view where);
	std::unique_ptr<InArray> finish_in(const Token& in_tok, std::vector<ExprPtr> keys,
					   SourceLocation loc);
	void add_component(ExprPtr& e, TargetComponent component, const Token& at);
	void check_lvalue(const Expr& e, const Token& op);

	ParseContext& ctx_;
	TokenSource& tokens_;
	FileKind kind_;
	File& file_;
	static constexpr std::size_t kLookahead = 4;
	std::array<Token, kLookahead> ring_;
	std::size_t head_ = 0;
	std::size_t buffered_ = 0;
	std::size_t consumed_ = 0;
	unsigned depth_ = 0; // recursion
	unsigned chain_ = 0; // operators of chains being parsed: they deepen the tree
	unsigned loop_depth_ = 0;
	bool in_function_ = false;
};

// ---- Recovery ---------------------------------------------------------------

// Skips to where the next statement probably starts.  Only braces are
// counted: parentheses are what erroneous code most often leaves unbalanced.
void Parser::sync_statement(std::uint32_t error_line)
{
	unsigned depth = 0;
	for (;;) {
		const Token& t = peek();
		if (t.is(TokenKind::End))
			return;
		if (depth == 0) {
			if (t.is_op("}"))
				return; // ends the enclosing block
			if (t.is_op(";")) {
				take();
				return;
			}
			if (t.loc.line != error_line &&
			    (starts_statement(t) || starts_declaration(t)))
				return;
		}
		if (t.is_op("{")) {
			++depth;
		} else if (t.is_op("}")) {
			take();
			if (--depth == 0)
				return; // skipped a whole block
			continue;
		}
		take();
	}
}

void Parser::sync_declaration()
{
	unsigned depth = 0;
	for (;;) {
		const Token& t = peek();
		if (t.is(TokenKind::End))
			return;
		if (depth == 0 && (starts_declaration(t) || t.is(TokenKind::Embedded)))
			return;
		if (t.is_op("{"))
			++depth;
		else if (t.is_op("}") && depth > 0)
			--depth;
		take();
	}
}

void Parser::check_embedded(const Token& at, std::string_view what)
{
	if (!embedded_allowed())
		report(at, std::string(what) + " in a script requires guru mode (-g)");
}

// ---- Declarations ------------------------------------------------------------

void Parser::parse_file()
{
	try {
		while (!peek().is(TokenKind::End)) {
			std::size_t before = consumed_;
			try {
				parse_declaration();
			} catch (const SyntaxError&) {
				sync_declaration();
			}
			if (consumed_ == before)
				take(); // never loop on one token
		}
	} catch (const GiveUp&) {
		// Reported already; keep what was parsed.
	}
}

void Parser::parse_declaration()
{
	Token t = take();
	if (t.is(TokenKind::Embedded)) {
		check_embedded(t, "embedded C");
		file_.embedded.push_back(
			EmbeddedCode{t.text, t.loc, EmbeddedPragmas::scan(t.text)});
		return;
	}
	if (t.is_ident("probe")) {
		parse_probe(t);
		return;
	}
	if (t.is_ident("global")) {
		parse_globals(false);
		return;
	}
	if (t.is_ident("function")) {
		parse_function(false);
		return;
	}
	if (t.is_ident("private")) {
		if (peek().is_ident("function")) {
			take();
			parse_function(true);
		} else {
			if (peek().is_ident("global"))
				take();
			parse_globals(true);
		}
		return;
	}
	fail(t, "expected 'probe', 'global', 'function', 'private' or '%{', found " + t.describe());
}

Type Parser::parse_type()
{
	Token t = take();
	if (t.is_ident("long"))
		return Type::Long;
	if (t.is_ident("string"))
		return Type::String;
	fail(t, "expected a type ('long' or 'string'), found " + t.describe());
}

void Parser::parse_globals(bool is_private)
{
	do {
		Token name = expect_identifier("a global variable name");
		auto g = make<GlobalVar>(name);
		g->name = name.text;
		g->is_private = is_private;
		g->file = &file_;
		if (accept_op("%"))
			g->wrap = true;
		if (accept_op("[")) {
			Token size = take();
			if (!size.is(TokenKind::Number) || size.number <= 0)
				fail(size,
				     "expected a positive array size, found " + size.describe());
			g->size = size.number;
			expect_op("]", "after the array size");
		}
		if (peek().is_op("=")) {
			Token eq = take();
			if (g->size)
				fail(eq, "only scalar globals can be initialized");
			g->init = parse_literal("as the initial value of a global");
		}
		file_.globals.push_back(std::move(g));
	} while (accept_op(","));
	accept_op(";");
}

void Parser::parse_function(bool is_private)
{
	Token name = expect_identifier("a function name");
	if (PrintFormat::lookup(name.text))
		fail(name, "'" + name.text + "' is a built-in and cannot be redefined");
	auto fn = make<Function>(name);
	fn->name = name.text;
	fn->is_private = is_private;
	fn->file = &file_;
	if (accept_op(":"))
		fn->declared_type = parse_type();
	expect_op("(", "after the function name");
	if (!accept_op(")")) {
		do {
			Token pname = expect_identifier("a parameter name");
			auto param = std::make_unique<VarDecl>(VarDecl::Scope::Param);
			param->loc = pname.loc;
			param->length = pname.length;
			param->name = pname.text;
			if (accept_op(":"))
				param->declared_type = parse_type();
			for (const auto& other : fn->params)
				if (other->name == param->name)
					fail(pname, "duplicate parameter '" + pname.text + "'");
			fn->params.push_back(std::move(param));
		} while (accept_op(","));
		expect_op(")", "after the parameters");
	}
	if (accept_op(":"))
		fn->priority = parse_int_literal("as the function's priority");
	if (peek().is(TokenKind::Embedded)) {
		Token code = take();
		check_embedded(code, "an embedded-C function");
		fn->embedded = EmbeddedCode{code.text, code.loc, EmbeddedPragmas::scan(code.text)};
	} else {
		if (!peek().is_op("{"))
			fail(peek(), "expected '{' or '%{' to start the body of function '" +
					     fn->name + "', found " + peek().describe());
		Restore restore(in_function_, true);
		fn->body = parse_block();
	}
	file_.functions.push_back(std::move(fn));
}

void Parser::parse_probe(const Token& probe_tok)
{
	std::vector<std::unique_ptr<ProbePoint>> first = parse_probe_point_spec();
	if (peek().is_op("=") || peek().is_op("+=")) {
		Token op = take();
		if (first.size() != 1)
			fail(op, "a probe alias name cannot use brace expansion");
		ProbePoint& name = *first.front();
		if (name.optional || name.sufficient)
			fail(op, "a probe alias name cannot be optional ('?') or sufficient ('!')");
		if (name.condition)
			fail(op, "a probe alias name cannot have a condition");
		auto alias = make<ProbeAlias>(probe_tok);
		alias->name = std::move(first.front());
		alias->file = &file_;
		alias->targets = parse_probe_point_list();
		std::unique_ptr<Block> block = parse_block();
		if (op.text == "+=") {
			alias->epilogue = std::move(block);
			if (peek().is_op(","))
				fail(peek(), "a '+=' alias has only an epilogue: it cannot also "
					     "have a second block");
		} else {
			alias->prologue = std::move(block);
			if (accept_op(","))
				alias->epilogue = parse_block();
		}
		file_.aliases.push_back(std::move(alias));
		return;
	}
	auto probe = make<Probe>(probe_tok);
	probe->points = std::move(first);
	probe->file = &file_;
	while (accept_op(",")) {
		auto more = parse_probe_point_spec();
		for (auto& p : more)
			probe->points.push_back(std::move(p));
	}
	if (!peek().is_op("{"))
		fail(peek(),
		     "expected ',' or '{' after the probe point, found " + peek().describe());
	probe->body = parse_block();
	file_.probes.push_back(std::move(probe));
}

std::vector<std::unique_ptr<ProbePoint>> Parser::parse_probe_point_list()
{
	std::vector<std::unique_ptr<ProbePoint>> points = parse_probe_point_spec();
	while (accept_op(",")) {
		auto more = parse_probe_point_spec();
		for (auto& p : more)
			points.push_back(std::move(p));
	}
	return points;
}

std::vector<std::unique_ptr<ProbePoint>> Parser::parse_probe_point_spec()
{
	const Token start = peek();
	std::vector<std::vector<ProbePointComponent>> alternatives = parse_component_sequence();
	bool optional = false;
	bool sufficient = false;
	if (accept_op("?")) {
		optional = true;
	} else if (peek().is_op("!")) {
		take();
		optional = true;
		sufficient = true;
	}
	ExprPtr condition;
	if (peek().is_ident("if")) {
		take();
		expect_op("(", "after 'if' in a probe point condition");
		condition = parse_expression();
		expect_op(")", "after the probe point condition");
	}
	std::vector<std::unique_ptr<ProbePoint>> points;
	for (auto& components : alternatives) {
		auto p = make<ProbePoint>(start);
		p->components = std::move(components);
		p->optional = optional;
		p->sufficient = sufficient;
		p->condition = clone_ptr(condition);
		points.push_back(std::move(p));
	}
	return points;
}

// A dotted sequence of components, possibly with brace alternatives such as
// syscall.{open,close}: returns every expansion, in product order.
std::vector<std::vector<ProbePointComponent>> Parser::parse_component_sequence()
{
	constexpr std::size_t kMaxExpansions = 10000;
	std::vector<std::vector<ProbePointComponent>> result(1);
	do {
		const Token& t = peek();
		Nest nest(*this, t);
		if (t.is_op("{")) {
			Token open = take();
			std::vector<std::vector<ProbePointComponent>> alternatives;
			do {
				auto seqs = parse_component_sequence();
				for (auto& s : seqs)
					alternatives.push_back(std::move(s));
			} while (accept_op(","));
			expect_op("}", "to close the probe point brace expansion");
			if (result.size() * alternatives.size() > kMaxExpansions)
				fail(open,
				     "brace expansion makes too many probe points (more than " +
					     std::to_string(kMaxExpansions) + ")");
			std::vector<std::vector<ProbePointComponent>> product;
			for (const auto& prefix : result)
				for (const auto& alt : alternatives) {
					std::vector<ProbePointComponent> seq;
					seq.reserve(prefix.size() + alt.size());
					for (const auto& c : prefix)
						seq.push_back(c.clone());
					for (const auto& c : alt)
						seq.push_back(c.clone());
					product.push_back(std::move(seq));
				}
			result = std::move(product);
		} else {
			ProbePointComponent c = parse_component();
			for (std::size_t i = 0; i + 1 < result.size(); ++i)
				result[i].push_back(c.clone());
			result.back().push_back(std::move(c));
		}
	} while (accept_op("."));
	return result;
}

ProbePointComponent Parser::parse_component()
{
	const Token& first = peek();
	if (!(first.is(TokenKind::Identifier) && !first.text.starts_with("$")) && !first.is_op("*"))
		fail(first,
		     "expected a probe point component (a name or '*'), found " + first.describe());
	ProbePointComponent c;
	c.loc = first.loc;
	// A name is a run of adjacent identifiers and '*': sys**open, *_read.
	do {
		Token piece = take();
		c.name += piece.text;
	} while ((peek().is(TokenKind::Identifier) || peek().is_op("*")) && !peek().space_before &&
		 !peek().text.starts_with("$"));
	c.length = static_cast<std::uint32_t>(c.name.size());
	if (accept_op("(")) {
		c.arg = parse_literal("as a probe point argument");
		expect_op(")", "after the probe point argument");
	}
	return c;
}

// A number (with an optional minus sign) or string literal.
ExprPtr Parser::parse_literal(std::string_view where)
{
	const Token& t = peek();
	if (t.is(TokenKind::String))
		return parse_string_literal(where);
	if (t.is(TokenKind::Number) || t.is_op("-")) {
		Token at = peek();
		auto lit = make<IntLiteral>(at);
		lit->value = parse_int_literal(where);
		return lit;
	}
	fail(t, "expected a string or number literal " + std::string(where) + ", found " +
			t.describe());
}

std::int64_t Parser::parse_int_literal(std::string_view where)
{
	bool negative = accept_op("-");
	Token t = take();
	if (!t.is(TokenKind::Number))
		fail(t, "expected a number " + std::string(where) + ", found " + t.describe());
	auto value = static_cast<std::uint64_t>(t.number);
	return static_cast<std::int64_t>(negative ? 0 - value : value);
}

std::unique_ptr<StringLiteral> Parser::parse_string_literal(std::string_view where)
{
	const Token& t = peek();
	if (!t.is(TokenKind::String))
		fail(t,
		     "expected a string literal " + std::string(where) + ", found " + t.describe());
	Token first = take();
	auto lit = make<StringLiteral>(first);
	lit->value = std::move(first.text);
	// Adjacent literals are glued together, as in C.
	while (peek().is(TokenKind::String))
		lit->value += take().text;
	return lit;
}

// ---- Statements ---------------------------------------------------------------

std::unique_ptr<Block> Parser::parse_block()
{
	Token open = expect_op("{", "to start a block");
	Nest nest(*this, open);
	auto block = make<Block>(open);
	for (;;) {
		const Token& t = peek();
		if (t.is_op("}")) {
			take();
			return block;
		}
		if (t.is(TokenKind::End))
			fail(t, "expected '}' to close the block opened at line " +
					std::to_string(open.loc.line) + ", found end of input");
		if (starts_declaration(t)) {
			// Most likely a missing '}': let the declaration parse.
			report(t, "expected '}' to close the block opened at line " +
					  std::to_string(open.loc.line) + ", found " +
					  t.describe());
			return block;
		}
		std::size_t before = consumed_;
		std::uint32_t line = t.loc.line;
		try {
			block->statements.push_back(parse_statement());
		} catch (const SyntaxError&) {
			sync_statement(line);
			if (consumed_ == before && !peek().is_op("}") && !peek().is(TokenKind::End))
				take();
		}
	}
}

StmtPtr Parser::parse_loop_body()
{
	Restore restore(loop_depth_, loop_depth_ + 1);
	return parse_statement();
}

StmtPtr Parser::parse_statement()
{
	const Token& t = peek();
	Nest nest(*this, t);
	if (t.is_op("{"))
		return parse_block();
	if (t.is_op(";"))
		return make<Null>(take());
	if (t.is(TokenKind::Identifier)) {
		if (t.text == "if")
			return parse_if(take());
		if (t.text == "while") {
			Token kw = take();
			auto s = make<While>(kw);
			expect_op("(", "after 'while'");
			s->cond = parse_expression();
			expect_op(")", "after the 'while' condition");
			s->body = parse_loop_body();
			return s;
		}
		if (t.text == "for") {
			Token kw = take();
			auto s = make<For>(kw);
			expect_op("(", "after 'for'");
			if (!peek().is_op(";"))
				s->init = parse_expression();
			expect_op(";", "after the 'for' initialization");
			if (!peek().is_op(";"))
				s->cond = parse_expression();
			expect_op(";", "after the 'for' condition");
			if (!peek().is_op(")"))
				s->step = parse_expression();
			expect_op(")", "after the 'for' increment");
			s->body = parse_loop_body();
			return s;
		}
		if (t.text == "foreach")
			return parse_foreach(take());
		if (t.text == "delete")
			return parse_delete(take());
		if (t.text == "try")
			return parse_try(take());
		if (t.text == "next") {
			auto s = make<Next>(take());
			accept_terminator();
			return s;
		}
		if (t.text == "break" || t.text == "continue") {
			Token kw = take();
			if (loop_depth_ == 0)
				report(kw, "'" + kw.text + "' outside a loop");
			StmtPtr s;
			if (kw.text == "break")
				s = make<Break>(kw);
			else
				s = make<Continue>(kw);
			accept_terminator();
			return s;
		}
		if (t.text == "return") {
			Token kw = take();
			if (!in_function_)
				report(kw,
				       "'return' outside a function (use 'next' to leave a probe)");
			auto s = make<Return>(kw);
			const Token& n = peek();
			bool has_value = !n.is_op(";") && !n.is_op("}") && !n.is(TokenKind::End) &&
					 !(n.is(TokenKind::Identifier) && is_keyword(n.text));
			if (has_value)
				s->value = parse_expression();
			accept_terminator();
			return s;
		}
		if (t.text == "else")
			fail(t, "'else' without a matching 'if'");
	}
	Token first = peek();
	auto s = make<ExprStmt>(first);
	s->expr = parse_expression();
	accept_terminator();
	return s;
}

StmtPtr Parser::parse_if(const Token& kw)
{
	auto s = make<If>(kw);
	expect_op("(", "after 'if'");
	s->cond = parse_expression();
	expect_op(")", "after the 'if' condition");
	s->then_stmt = parse_statement();
	if (peek().is_ident("else")) {
		take();
		s->else_stmt = parse_statement();
	}
	return s;
}

StmtPtr Parser::parse_foreach(const Token& kw)
{
	auto s = make<Foreach>(kw);
	expect_op("(", "after 'foreach'");

	// A variable with an optional sort mark: `k`, `k+`, `k-`.
	auto sorted_var = [&](unsigned column) {
		Token name = expect_identifier("a loop variable name");
		auto sym = make<Symbol>(name);
		sym->name = name.text;
		if (peek().is_op("+") || peek().is_op("-")) {
			Token mark = take();
			if (s->sort != Foreach::Sort::None)
				fail(mark, "only one sort mark ('+' or '-') is allowed in foreach");
			s->sort = mark.text == "+" ? Foreach::Sort::Ascending
						   : Foreach::Sort::Descending;
			s->sort_column = column;
		}
		return sym;
	};
	auto key_list = [&]() {
		if (accept_op("[")) {
			do
				s->keys.push_back(
					sorted_var(static_cast<unsigned>(s->keys.size() + 1)));
			while (accept_op(","));
			expect_op("]", "after the foreach keys");
		} else {
			s->keys.push_back(sorted_var(1));
		}
	};

	// `v = [k...]` binds the value too; v's sort mark sorts by value.
	bool has_value = peek().is(TokenKind::Identifier) &&
			 (peek(1).is_op("=") ||
			  ((peek(1).is_op("+") || peek(1).is_op("-")) && peek(2).is_op("=")));
	if (has_value) {
		s->value = sorted_var(0);
		expect_op("=", "after the foreach value variable");
	}
	key_list();
	if (!peek().is_ident("in"))
		fail(peek(),
		     "expected 'in' after the foreach variables, found " + peek().describe());
	take();
	s->array = parse_array_operand("after 'in'");
	if (peek().is_op("["))
		s->restriction = parse_index_list(true);
	if (peek().is(TokenKind::AtName)) {
		Token agg = take();
		auto func = lookup_stat_func(agg.text.substr(1));
		if (!func)
			fail(agg,
			     "expected a statistic (@count, @sum, @min, @max, @avg) to sort by, "
			     "found " +
				     agg.describe());
		s->sort_aggregate = func;
		if (!peek().is_op("+") && !peek().is_op("-"))
			fail(peek(),
			     "expected '+' or '-' after " + agg.text + " to give the sort order");
	}
	if (peek().is_op("+") || peek().is_op("-")) {
		Token mark = take();
		if (s->sort != Foreach::Sort::None)
			fail(mark, "only one sort mark ('+' or '-') is allowed in foreach");
		s->sort = mark.text == "+" ? Foreach::Sort::Ascending : Foreach::Sort::Descending;
		s->sort_column = 0;
	}
	if (s->sort_aggregate && s->sort_column != 0)
		fail(kw, "a statistic to sort by applies to the array value, not to a key");
	if (peek().is_ident("limit")) {
		take();
		s->limit = parse_expression();
	}
	expect_op(")", "to close the foreach header");
	s->body = parse_loop_body();
	return s;
}

StmtPtr Parser::parse_delete(const Token& kw)
{
	auto s = make<Delete>(kw);
	const Token& t = peek();
	if (t.is(TokenKind::Identifier) && !t.text.starts_with("$") && !is_keyword(t.text) &&
	    peek(1).is_op("[")) {
		Token name = take();
		auto sym = make<Symbol>(name);
		sym->name = name.text;
		auto index = make<ArrayIndex>(name);
		index->base = std::move(sym);
		index->indexes = parse_index_list(true);
		s->target = std::move(index);
	} else {
		s->target = parse_expression();
		check_lvalue(*s->target, kw);
	}
	accept_terminator();
	return s;
}

StmtPtr Parser::parse_try(const Token& kw)
{
	auto s = make<TryCatch>(kw);
	s->try_block = parse_block();
	if (!peek().is_ident("catch"))
		fail(peek(), "expected 'catch' after the try block, found " + peek().describe());
	take();
	if (accept_op("(")) {
		Token name = expect_identifier("a variable name for the error message");
		auto sym = make<Symbol>(name);
		sym->name = name.text;
		s->catch_var = std::move(sym);
		expect_op(")", "after the catch variable");
	}
	s->catch_block = parse_block();
	return s;
}

// ---- Expressions --------------------------------------------------------------

ExprPtr Parser::parse_expression()
{
	Nest nest(*this, peek());
	return parse_assignment();
}

void Parser::check_lvalue(const Expr& e, const Token& op)
{
	bool ok = false;
	if (e.kind == ExprKind::Symbol) {
		ok = true;
	} else if (const auto* index = as<ArrayIndex>(&e)) {
		ok = index->base && index->base->kind == ExprKind::Symbol;
		for (const auto& i : index->indexes)
			ok = ok && i != nullptr;
	} else if (const TargetExpr* target = as_target(&e)) {
		ok = !target->addressof && target->pretty == PrettyPrint::None;
	}
	if (!ok)
		fail(op, "'" + op.text +
				 "' needs a variable, an array element or a target variable to "
				 "operate on");
}

ExprPtr Parser::parse_assignment()
{
	ExprPtr lhs = parse_ternary();
	auto op = assignment_op(peek());
	if (!op)
		return lhs;
	Token op_tok = take();
	check_lvalue(*lhs, op_tok);
	auto a = make<Assignment>(op_tok);
	a->op = *op;
	a->lhs = std::move(lhs);
	Nest nest(*this, op_tok);
	a->rhs = parse_assignment();
	return a;
}

ExprPtr Parser::parse_ternary()
{
	ExprPtr cond = parse_binary(1);
	if (!peek().is_op("?"))
		return cond;
	Token q = take();
	Nest nest(*this, q);
	auto t = make<Ternary>(q);
	t->cond = std::move(cond);
	t->then_expr = parse_expression();
	expect_op(":", "in the conditional expression");
	t->else_expr = parse_ternary();
	return t;
}

ExprPtr Parser::parse_array_operand(std::string_view where)
{
	const Token& t = peek();
	if (t.is(TokenKind::AtName) && (t.text == "@hist_log" || t.text == "@hist_linear")) {
		Token at = take();
		return parse_at_operator(at);
	}
	if (!t.is(TokenKind::Identifier) || is_keyword(t.text) || t.text.starts_with("$"))
		fail(t, "expected an array name " + std::string(where) + ", found " + t.describe());
	Token name = take();
	auto sym = make<Symbol>(name);
	sym->name = name.text;
	return sym;
}

std::unique_ptr<InArray> Parser::finish_in(const Token& in_tok, std::vector<ExprPtr> keys,
					   SourceLocation loc)
{
	auto in = make<InArray>(in_tok);
	auto index = make<ArrayIndex>(in_tok);
	index->loc = loc;
	index->base = parse_array_operand("after 'in'");
	index->indexes = std::move(keys);
	in->key = std::move(index);
	return in;
}

// Precedence climbing over the binary operators; `in` and the regex matches
// have their own right-hand sides.
ExprPtr Parser::parse_binary(int min_precedence)
{
	ExprPtr lhs;
	int max_precedence = 100; // lowered after `in`, whose result takes no tighter operator
	if (peek().is_op("[")) {
		// [k1, k2] in array
		Token open = peek();
		if (min_precedence > kInPrecedence)
			fail(open, "expected an expression, found '['");
		std::vector<ExprPtr> keys = parse_index_list(true);
		if (!peek().is_ident("in"))
			fail(peek(),
			     "expected 'in' after the bracketed keys, found " + peek().describe());
		Token in_tok = take();
		lhs = finish_in(in_tok, std::move(keys), open.loc);
		max_precedence = kInPrecedence - 1;
	} else {
		lhs = parse_unary();
	}
	unsigned added = 0;
	try {
		for (;;) {
			const Token& t = peek();
			std::optional<Binary::Op> op = binary_op(t);
			bool is_in = t.is_ident("in");
			bool is_regex = t.is_op("=~") || t.is_op("!~");
			int prec;
			if (op)
				prec = precedence(*op);
			else if (is_in)
				prec = kInPrecedence;
			else if (is_regex)
				prec = kRegexPrecedence;
			else
				break;
			if (prec < min_precedence || prec > max_precedence)
				break;
			Token op_tok = take();
			// Each operator of a chain deepens the tree by one.
			++chain_;
			++added;
			check_depth(op_tok);
			if (is_in) {
				std::vector<ExprPtr> keys;
				SourceLocation loc = lhs->loc;
				keys.push_back(std::move(lhs));
				lhs = finish_in(op_tok, std::move(keys), loc);
				max_precedence = kInPrecedence - 1;
				continue;
			}
			if (is_regex) {
				auto m = make<RegexMatch>(op_tok);
				m->lhs = std::move(lhs);
				m->negated = op_tok.text == "!~";
				m->pattern = parse_string_literal("as the regular expression");
				lhs = std::move(m);
				continue;
			}
			auto b = make<Binary>(op_tok);
			b->op = *op;
			b->lhs = std::move(lhs);
			b->rhs = parse_binary(prec + 1);
			lhs = std::move(b);
		}
	} catch (...) {
		chain_ -= added;
		throw;
	}
	chain_ -= added;
	return lhs;
}

ExprPtr Parser::parse_unary()
{
	const Token& t = peek();
	if (!t.is(TokenKind::Operator))
		return parse_postfix();
	if (t.text == "-" || t.text == "+" || t.text == "!" || t.text == "~") {
		Token op = take();
		Nest nest(*this, op);
		ExprPtr operand = parse_unary();
		if (op.text == "-") {
			if (auto* lit = as<IntLiteral>(operand.get())) {
				// Fold into the literal, so that -9223372036854775808 is a
				// literal and printing reparses to the same tree.
				lit->value = static_cast<std::int64_t>(
					0 - static_cast<std::uint64_t>(lit->value));
				lit->loc = op.loc;
				return operand;
			}
		}
		auto u = make<Unary>(op);
		u->op = op.text == "-"   ? Unary::Op::Neg
			: op.text == "+" ? Unary::Op::Plus
			: op.text == "!" ? Unary::Op::Not
					 : Unary::Op::BitNot;
		u->operand = std::move(operand);
		return u;
	}
	if (t.text == "++" || t.text == "--") {
		Token op = take();
		Nest nest(*this, op);
		auto e = make<IncDec>(op);
		e->increment = op.text == "++";
		e->prefix = true;
		e->operand = parse_unary();
		check_lvalue(*e->operand, op);
		return e;
	}
	if (t.text == "&") {
		Token op = take();
		Nest nest(*this, op);
		ExprPtr operand = parse_unary();
		TargetExpr* target = as_target(operand.get());
		if (target == nullptr || target->addressof || target->pretty != PrettyPrint::None)
			fail(op, "'&' takes the address of a target variable expression ($var, "
				 "@var, @cast or ->member), not of this operand");
		target->addressof = true;
		target->loc = op.loc;
		return operand;
	}
	return parse_postfix();
}

void Parser::add_component(ExprPtr& e, TargetComponent component, const Token& at)
{
	TargetExpr* target = as_target(e.get());
	if (target == nullptr || target->addressof || target->pretty != PrettyPrint::None) {
		if (target != nullptr && target->pretty != PrettyPrint::None)
			fail(at, "nothing can follow a '$' or '$$' pretty-print suffix");
		auto cast = make<AutoCast>(at);
		cast->loc = e->loc;
		cast->operand = std::move(e);
		e = std::move(cast);
		target = as_target(e.get());
	}
	target->components.push_back(std::move(component));
}

ExprPtr Parser::parse_postfix()
{
	bool bare = false;
	ExprPtr e = parse_primary(bare);
	for (;;) {
		const Token& t = peek();
		if (t.is_op("[")) {
			Token open = t;
			if ((bare && e->kind == ExprKind::Symbol) ||
			    e->kind == ExprKind::HistogramOp) {
				auto index = make<ArrayIndex>(open);
				index->loc = e->loc;
				index->length = e->length;
				index->base = std::move(e);
				index->indexes = parse_index_list(false);
				e = std::move(index);
				bare = false;
				continue;
			}
			take();
			TargetComponent c;
			c.kind = TargetComponent::Kind::Index;
			c.loc = open.loc;
			c.index = parse_expression();
			expect_op("]", "after the index");
			add_component(e, std::move(c), open);
			continue;
		}
		if (t.is_op("->")) {
			Token arrow = take();
			if (!peek().is(TokenKind::Identifier) || peek().text.starts_with("$"))
				fail(peek(), "expected a member name after '->', found " +
						     peek().describe());
			Token member = take();
			// A trailing $ or $$ is the pretty-print suffix: $p->name$.
			std::string name = member.text;
			std::size_t dollars = 0;
			while (dollars < name.size() && name[name.size() - 1 - dollars] == '$')
				++dollars;
			name.resize(name.size() - dollars);
			if (dollars > 2 || name.find('$') != std::string::npos)
				fail(member, "invalid member name '" + member.text + "'");
			PrettyPrint pretty = dollars == 0   ? PrettyPrint::None
					     : dollars == 1 ? PrettyPrint::Shallow
							    : PrettyPrint::Deep;
			TargetComponent c;
			c.kind = TargetComponent::Kind::Member;
			c.member = std::move(name);
			c.loc = member.loc;
			add_component(e, std::move(c), arrow);
			if (pretty != PrettyPrint::None) {
				as_target(e.get())->pretty = pretty;
				break;
			}
			continue;
		}
		if ((t.is_ident("$") || t.is_ident("$$")) && !t.space_before &&
		    as_target(e.get())) {
			TargetExpr* target = as_target(e.get());
			if (target->pretty != PrettyPrint::None || target->addressof)
				break;
			target->pretty = t.text == "$" ? PrettyPrint::Shallow : PrettyPrint::Deep;
			take();
			break;
		}
		if (t.is_op("++") || t.is_op("--")) {
			Token op = take();
			check_lvalue(*e, op);
			auto inc = make<IncDec>(op);
			inc->increment = op.text == "++";
			inc->prefix = false;
			inc->operand = std::move(e);
			return inc;
		}
		break;
	}
	return e;
}

std::vector<ExprPtr> Parser::parse_index_list(bool allow_wildcards)
{
	Token open = expect_op("[", "to start the index list");
	std::vector<ExprPtr> indexes;
	do {
		if (peek().is_op("*") && (peek(1).is_op(",") || peek(1).is_op("]"))) {
			Token star = take();
			if (!allow_wildcards)
				fail(star,
				     "a '*' wildcard index is allowed only in delete, 'in' and "
				     "foreach");
			indexes.push_back(nullptr);
			continue;
		}
		indexes.push_back(parse_expression());
	} while (accept_op(","));
	expect_op("]",
		  "to close the index list opened at column " + std::to_string(open.loc.column));
	return indexes;
}

std::vector<ExprPtr> Parser::parse_call_args()
{
	std::vector<ExprPtr> args;
	expect_op("(", "to start the argument list");
	if (accept_op(")"))
		return args;
	do
		args.push_back(parse_expression());
	while (accept_op(","));
	expect_op(")", "after the arguments");
	return args;
}

ExprPtr Parser::parse_print(const Token& name, PrintFormat::Style style, bool to_string)
{
	auto p = make<PrintFormat>(name);
	p->style = style;
	p->to_string = to_string;
	if (!peek().is_op("("))
		fail(peek(), "expected '(' after '" + name.text + "', found " + peek().describe());
	bool needs_format = style == PrintFormat::Style::Printf ||
			    style == PrintFormat::Style::Printd ||
			    style == PrintFormat::Style::Printdln;
	if (needs_format) {
		take();
		p->format = parse_string_literal(style == PrintFormat::Style::Printf
							 ? "as the format of " + name.text
							 : "as the delimiter of " + name.text);
		while (accept_op(","))
			p->args.push_back(parse_expression());
		expect_op(")", "after the arguments of " + name.text);
	} else {
		p->args = parse_call_args();
	}
	std::size_t minimum =
		style == PrintFormat::Style::Print                                             ? 1
		: style == PrintFormat::Style::Printd || style == PrintFormat::Style::Printdln ? 2
											       : 0;
	if (p->args.size() < minimum)
		report(name, "'" + name.text + "' needs at least " + std::to_string(minimum) +
				     (minimum == 1 ? " value" : " values") +
				     (needs_format ? " after the delimiter" : ""));
	return p;
}

ExprPtr Parser::parse_target_symbol(const Token& name)
{
	const std::string& text = name.text;
	std::size_t lead = text.starts_with("$$") ? 2 : 1;
	std::size_t trail = 0;
	while (trail < text.size() - lead && text[text.size() - 1 - trail] == '$')
		++trail;
	std::string_view core(text.data() + lead, text.size() - lead - trail);
	if (core.empty() || core.find('$') != std::string_view::npos || trail > 2 ||
	    (core[0] >= '0' && core[0] <= '9'))
		fail(name, "invalid target variable name '" + text + "'");
	auto t = make<TargetSymbol>(name);
	t->name = text.substr(0, lead + core.size());
	t->pretty = trail == 0   ? PrettyPrint::None
		    : trail == 1 ? PrettyPrint::Shallow
				 : PrettyPrint::Deep;
	return t;
}

ExprPtr Parser::parse_primary(bool& bare_identifier)
{
	const Token& t = peek();
	switch (t.kind) {
	case TokenKind::Number: {
		Token n = take();
		auto lit = make<IntLiteral>(n);
		lit->value = n.number;
		return lit;
	}
	case TokenKind::String:
		return parse_string_literal("");
	case TokenKind::Embedded: {
		Token code = take();
		check_embedded(code, "an embedded-C expression");
		auto e = make<EmbeddedExpr>(code);
		e->code = EmbeddedCode{code.text, code.loc, EmbeddedPragmas::scan(code.text)};
		return e;
	}
	case TokenKind::AtName:
		return parse_at_operator(take());
	case TokenKind::Operator:
		if (t.is_op("(")) {
			Token open = take();
			ExprPtr e = parse_expression(); // counts the nesting
			expect_op(")", "to close the parenthesis opened at column " +
					       std::to_string(open.loc.column));
			return e;
		}
		break;
	case TokenKind::Identifier: {
		if (is_keyword(t.text))
			fail(t, "expected an expression, found the keyword '" + t.text + "'");
		if (t.text.starts_with("$"))
			return parse_target_symbol(take());
		Token name = take();
		if (auto print = PrintFormat::lookup(name.text))
			return parse_print(name, print->first, print->second);
		if (peek().is_op("(")) {
			auto call = make<FunctionCall>(name);
			call->name = name.text;
			call->args = parse_call_args();
			return call;
		}
		auto sym = make<Symbol>(name);
		sym->name = name.text;
		bare_identifier = true;
		return sym;
	}
	default:
		break;
	}
	fail(t, "expected an expression, found " + t.describe());
}

ExprPtr Parser::parse_at_operator(const Token& at)
{
	const std::string& op = at.text;
	auto open = [&] { expect_op("(", "after " + op); };
	auto close = [&] { expect_op(")", "to close " + op + "("); };

	if (op == "@cast") {
		auto c = make<Cast>(at);
		open();
		c->operand = parse_expression();
		expect_op(",", "after the first argument of @cast");
		c->type_name = parse_string_literal("as the type name of @cast")->value;
		if (accept_op(","))
			c->module = parse_string_literal("as the module of @cast")->value;
		close();
		return c;
	}
	if (op == "@var") {
		auto v = make<AtVar>(at);
		open();
		v->name = parse_string_literal("as the variable name of @var")->value;
		if (accept_op(","))
			v->module = parse_string_literal("as the module of @var")->value;
		close();
		return v;
	}
	if (op == "@defined" || op == "@entry") {
		open();
		ExprPtr operand = parse_expression();
		close();
		if (op == "@defined") {
			auto d = make<Defined>(at);
			d->operand = std::move(operand);
			return d;
		}
		auto e = make<Entry>(at);
		e->operand = std::move(operand);
		return e;
	}
	if (op == "@probewrite") {
		auto w = make<ProbeWrite>(at);
		open();
		Token name = expect_identifier("a variable name");
		w->variable = make<Symbol>(name);
		w->variable->name = name.text;
		close();
		return w;
	}
	if (op == "@kregister" || op == "@uregister") {
		auto r = make<Register>(at);
		r->user = op == "@uregister";
		open();
		r->number = parse_int_literal("as the DWARF register number");
		close();
		return r;
	}
	if (op == "@kderef" || op == "@uderef") {
		auto m = make<MemoryRead>(at);
		m->user = op == "@uderef";
		open();
		Token size_tok = peek();
		m->size = parse_int_literal("as the size to read");
		if (m->size != 1 && m->size != 2 && m->size != 4 && m->size != 8)
			report(size_tok, "the size to read must be 1, 2, 4 or 8 bytes");
		expect_op(",", "after the size");
		m->address = parse_expression();
		close();
		return m;
	}
	if (op == "@const") {
		check_embedded(at, "@const");
		open();
		std::string name = parse_string_literal("as the name of the C constant")->value;
		close();
		// As in stap: an embedded-C expression that only reads a constant.
		auto e = make<EmbeddedExpr>(at);
		std::string code = "/* pure */ /* unprivileged */ /* stable */ " + name;
		e->code = EmbeddedCode{code, at.loc, EmbeddedPragmas::scan(code)};
		return e;
	}
	if (op == "@hist_log" || op == "@hist_linear") {
		auto h = make<HistogramOp>(at);
		h->shape = op == "@hist_log" ? HistogramOp::Shape::Log : HistogramOp::Shape::Linear;
		open();
		h->operand = parse_expression();
		if (h->shape == HistogramOp::Shape::Linear) {
			for (const char* what : {"low bound", "high bound", "bucket width"}) {
				expect_op(",", "before the @hist_linear " + std::string(what));
				h->params.push_back(parse_int_literal("as the @hist_linear " +
								      std::string(what)));
			}
		}
		close();
		return h;
	}
	if (auto func = lookup_stat_func(op.substr(1))) {
		auto s = make<StatOp>(at);
		s->func = *func;
		open();
		s->operand = parse_expression();
		if (*func == StatFunc::Variance && accept_op(",")) {
			Token shift_tok = peek();
			s->bit_shift = parse_int_literal("as the @variance bit shift");
			if (*s->bit_shift < 0 || *s->bit_shift > 62)
				report(shift_tok,
				       "the @variance bit shift must be between 0 and 62");
		}
		close();
		return s;
	}
	fail(at, "unknown operator '" + op + "' (no macro of that name is defined)");
}

// Reads a .stpm file: only @define's, possibly inside conditionals.
void read_macro_definitions(ParseContext& ctx, TokenSource& tokens, MacroTable& macros)
{
	for (Token t = tokens.next(); !t.is(TokenKind::End); t = tokens.next()) {
		if (!t.is(TokenKind::AtName) || t.text != "@define") {
			ctx.error(
				t.loc,
				"a macro library (.stpm) file may contain only @define's, found " +
					t.describe(),
				t.length);
			// Skip to the next definition.
			do
				t = tokens.next();
			while (!t.is(TokenKind::End) &&
			       !(t.is(TokenKind::AtName) && t.text == "@define"));
			if (t.is(TokenKind::End))
				return;
		}
		auto def = read_macro_definition(ctx, [&tokens] { return tokens.next(); });
		if (!def)
			continue;
		if (const MacroDef* previous = macros.find(def->name))
			report_macro_redefinition(ctx, *def, *previous);
		else
			macros.add(std::move(*def));
	}
}

} // namespace

std::unique_ptr<ast::File> parse_file(ParseContext& ctx, std::uint32_t source, FileKind kind,
				      const MacroTable* library_macros)
{
	ctx.start_file();
	auto file = std::make_unique<ast::File>();
	file->name = ctx.sources.name(source);
	file->source = source;
	file->is_tapset = kind == FileKind::Tapset;

	Lexer lexer(ctx, source);
	MacroExpander macros(ctx, lexer, library_macros);
	ConditionalPreprocessor conditionals(ctx, macros);
	ScriptArgSubstituter args(ctx, conditionals);
	Parser parser(ctx, args, kind, *file);
	parser.parse_file();
	return file;
}

void parse_macro_file(ParseContext& ctx, std::uint32_t source, MacroTable& macros)
{
	ctx.start_file();
	Lexer lexer(ctx, source);
	ConditionalPreprocessor conditionals(ctx, lexer);
	read_macro_definitions(ctx, conditionals, macros);
}

} // namespace stap
