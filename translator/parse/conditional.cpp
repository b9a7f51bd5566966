#include "parse/conditional.h"

#include "parse/script_args.h"

#include <cstring>
#include <fnmatch.h>
#include <optional>
#include <string>

namespace stap
{

namespace
{

enum class CmpOp { Lt, Le, Gt, Ge, Eq, Ne };

std::optional<CmpOp> comparison_op(const Token& t)
{
	if (!t.is(TokenKind::Operator))
		return std::nullopt;
	if (t.text == "<")
		return CmpOp::Lt;
	if (t.text == "<=")
		return CmpOp::Le;
	if (t.text == ">")
		return CmpOp::Gt;
	if (t.text == ">=")
		return CmpOp::Ge;
	if (t.text == "==")
		return CmpOp::Eq;
	if (t.text == "!=")
		return CmpOp::Ne;
	return std::nullopt;
}

// Applies `op` to the result of a three-way comparison.
bool holds(CmpOp op, int cmp)
{
	switch (op) {
	case CmpOp::Lt:
		return cmp < 0;
	case CmpOp::Le:
		return cmp <= 0;
	case CmpOp::Gt:
		return cmp > 0;
	case CmpOp::Ge:
		return cmp >= 0;
	case CmpOp::Eq:
		return cmp == 0;
	case CmpOp::Ne:
		return cmp != 0;
	}
	return false;
}

int three_way(std::int64_t a, std::int64_t b)
{
	return a < b ? -1 : a > b ? 1 : 0;
}

bool has_wildcard(const std::string& s)
{
	return s.find_first_of("*?[") != std::string::npos;
}

bool wildcard_match(const std::string& pattern, const std::string& value)
{
	return fnmatch(pattern.c_str(), value.c_str(), 0) == 0;
}

// Parses and evaluates the flattened tokens of a condition.
class ConditionParser
{
public:
	ConditionParser(ParseContext& ctx, std::vector<Token> tokens, SourceLocation open)
	    : ctx_(ctx), tokens_(std::move(tokens)), open_(open)
	{
	}

	bool run()
	{
		if (tokens_.empty()) {
			ctx_.error(open_, "empty preprocessor condition", 2);
			return false;
		}
		bool value = parse_or();
		if (!failed_ && pos_ < tokens_.size())
			fail(tokens_[pos_],
			     "unexpected " + tokens_[pos_].describe() +
				     " in preprocessor condition (&& or || expected)");
		return value && !failed_;
	}

private:
	bool parse_or()
	{
		bool value = parse_and();
		while (!failed_ && peek_op("||")) {
			++pos_;
			bool rhs = parse_and();
			value = value || rhs;
		}
		return value;
	}

	bool parse_and()
	{
		bool value = parse_comparison();
		while (!failed_ && peek_op("&&")) {
			++pos_;
			bool rhs = parse_comparison();
			value = value && rhs;
		}
		return value;
	}

	bool parse_comparison()
	{
		const Token* lhs = take();
		if (lhs == nullptr)
			return false;
		std::optional<std::int64_t> lhs_number;
		if (lhs->is_op("-")) {
			lhs_number = negated_number(lhs);
			if (!lhs_number)
				return false;
		}
		const Token* op_tok = take();
		if (op_tok == nullptr)
			return false;
		std::optional<CmpOp> op = comparison_op(*op_tok);
		if (!op) {
			fail(*op_tok, "expected a comparison operator (== != < <= > >=) in "
				      "preprocessor condition, found " +
					      op_tok->describe());
			return false;
		}
		const Token* rhs = take();
		if (rhs == nullptr)
			return false;
		std::optional<std::int64_t> rhs_number;
		if (rhs->is(TokenKind::Number))
			rhs_number = rhs->number;
		else if (rhs->is_op("-"))
			rhs_number = negated_number(rhs);
		else if (!rhs->is(TokenKind::String)) {
			fail(*rhs, "expected a string or number literal after " + op_tok->text +
					   " in preprocessor condition, found " + rhs->describe());
			return false;
		}
		if (failed_)
			return false;

		if (lhs_number || lhs->is(TokenKind::Number) || lhs->is(TokenKind::String))
			return literal_comparison(*lhs, lhs_number, *op, *rhs, rhs_number);
		if (!lhs->is(TokenKind::Identifier)) {
			unknown(*lhs);
			return false;
		}
		return fact_comparison(*lhs, *op, *rhs, rhs_number);
	}

	bool literal_comparison(const Token& lhs, std::optional<std::int64_t> lhs_number, CmpOp op,
				const Token& rhs, std::optional<std::int64_t> rhs_number)
	{
		if (lhs.is(TokenKind::Number))
			lhs_number = lhs.number;
		if (lhs_number && rhs_number)
			return holds(op, three_way(*lhs_number, *rhs_number));
		if (!lhs_number && !rhs_number)
			return holds(op, lhs.text.compare(rhs.text));
		fail(rhs, std::string("cannot compare a ") + (lhs_number ? "number" : "string") +
				  " with a " + (rhs_number ? "number" : "string") +
				  " in a preprocessor condition");
		return false;
	}

	bool fact_comparison(const Token& name, CmpOp op, const Token& rhs,
			     std::optional<std::int64_t> rhs_number)
	{
		const ParseEnvironment& env = ctx_.env;
		const std::string& n = name.text;
		if (n == "kernel_v" || n == "kernel_vr" || n == "systemtap_v") {
			if (rhs_number)
				return need_string(name, rhs);
			const std::string& value = n == "kernel_v"    ? env.kernel_version
						   : n == "kernel_vr" ? env.kernel_release
								      : env.systemtap_version;
			if ((op == CmpOp::Eq || op == CmpOp::Ne) && has_wildcard(rhs.text))
				return wildcard_match(rhs.text, value) == (op == CmpOp::Eq);
			return holds(op, strverscmp(value.c_str(), rhs.text.c_str()));
		}
		if (n == "guru_mode") {
			if (!rhs_number) {
				fail(rhs, "guru_mode compares with a number (0 or 1)");
				return false;
			}
			return holds(op, three_way(env.guru_mode ? 1 : 0, *rhs_number));
		}
		bool is_config = n.starts_with("CONFIG_");
		if (is_config && rhs_number) {
			std::string value = env.kernel_config ? env.kernel_config(n) : "";
			std::int64_t number = 0;
			try {
				number = value.empty() ? 0 : std::stoll(value, nullptr, 0);
			} catch (const std::exception&) {
				fail(name, n + " is \"" + value + "\", not a number");
				return false;
			}
			return holds(op, three_way(number, *rhs_number));
		}
		if (is_config || n == "arch" || n == "runtime" || n == "systemtap_privilege") {
			if (rhs_number)
				return need_string(name, rhs);
			if (op != CmpOp::Eq && op != CmpOp::Ne) {
				fail(name, n + " can only be compared with == or !=");
				return false;
			}
			std::string value =
				is_config        ? (env.kernel_config ? env.kernel_config(n) : "")
				: n == "arch"    ? env.arch
				: n == "runtime" ? env.runtime
						 : env.privilege;
			return wildcard_match(rhs.text, value) == (op == CmpOp::Eq);
		}
		unknown(name);
		return false;
	}

	bool need_string(const Token& name, const Token& rhs)
	{
		fail(rhs, name.text + " compares with a string literal");
		return false;
	}

	void unknown(const Token& t)
	{
		fail(t, "unknown preprocessor condition " + t.describe() +
				": expected kernel_v, kernel_vr, arch, runtime, CONFIG_..., "
				"systemtap_v, systemtap_privilege, guru_mode, or a comparison "
				"of two literals");
	}

	std::optional<std::int64_t> negated_number(const Token* minus)
	{
		const Token* n = take();
		if (n == nullptr)
			return std::nullopt;
		if (!n->is(TokenKind::Number)) {
			fail(*minus, "expected a number after '-' in preprocessor condition");
			return std::nullopt;
		}
		return static_cast<std::int64_t>(0ULL - static_cast<std::uint64_t>(n->number));
	}

	bool peek_op(const char* op) const
	{
		return pos_ < tokens_.size() && tokens_[pos_].is_op(op);
	}

	const Token* take()
	{
		if (failed_)
			return nullptr;
		if (pos_ >= tokens_.size()) {
			const Token& last = tokens_.back();
			fail(last, "incomplete preprocessor condition after " + last.describe());
			return nullptr;
		}
		return &tokens_[pos_++];
	}

	void fail(const Token& at, std::string message)
	{
		if (!failed_)
			ctx_.error(at.loc, std::move(message), at.length);
		failed_ = true;
	}

	ParseContext& ctx_;
	std::vector<Token> tokens_;
	SourceLocation open_;
	std::size_t pos_ = 0;
	bool failed_ = false;
};

} // namespace

bool evaluate_condition(ParseContext& ctx, const std::vector<Token>& tokens)
{
	std::vector<Token> flat;
	for (const Token& t : tokens) {
		if (!is_script_argument(t)) {
			flat.push_back(t);
			continue;
		}
		std::vector<Token> sub = substitute_script_argument(ctx, t);
		flat.insert(flat.end(), sub.begin(), sub.end());
	}
	SourceLocation open = tokens.empty() ? SourceLocation{} : tokens.front().loc;
	return ConditionParser(ctx, std::move(flat), open).run();
}

ConditionalPreprocessor::Stop ConditionalPreprocessor::skip_branch(bool stop_at_else)
{
	unsigned depth = 0;
	for (;;) {
		Token t = upstream_.next();
		switch (t.kind) {
		case TokenKind::End:
			return Stop::End;
		case TokenKind::PpOpen:
			++depth;
			break;
		case TokenKind::PpClose:
			if (depth == 0)
				return Stop::Close;
			--depth;
			break;
		case TokenKind::PpElse:
			if (depth > 0)
				break;
			if (stop_at_else)
				return Stop::Else;
			ctx_.error(t.loc, "a second '%:' in the same preprocessor conditional", 2);
			break;
		default:
			break;
		}
	}
}

void ConditionalPreprocessor::open_conditional(const Token& open)
{
	std::vector<Token> cond;
	for (;;) {
		Token t = upstream_.next();
		if (t.is(TokenKind::PpThen))
			break;
		if (t.is(TokenKind::End)) {
			ctx_.error(open.loc,
				   "unterminated preprocessor conditional: no '%?' after '%('", 2);
			return;
		}
		if (t.is(TokenKind::PpOpen) || t.is(TokenKind::PpElse) ||
		    t.is(TokenKind::PpClose)) {
			ctx_.error(t.loc,
				   "expected '%?' after the preprocessor condition, found " +
					   t.describe(),
				   2);
			// Drop the whole malformed conditional.
			if (!t.is(TokenKind::PpClose) && skip_branch(false) == Stop::End)
				ctx_.error(open.loc, "unterminated preprocessor conditional", 2);
			return;
		}
		cond.push_back(std::move(t));
	}
	if (cond.empty()) {
		ctx_.error(open.loc, "empty preprocessor condition", 2);
	}
	bool taken = !cond.empty() && evaluate_condition(ctx_, cond);
	if (taken) {
		stack_.push_back(Frame{open.loc, false});
		return;
	}
	switch (skip_branch(true)) {
	case Stop::Else:
		stack_.push_back(Frame{open.loc, true});
		break;
	case Stop::Close:
		break;
	case Stop::End:
		ctx_.error(open.loc, "unterminated preprocessor conditional: no matching '%)'", 2);
		break;
	}
}

Token ConditionalPreprocessor::next()
{
	for (;;) {
		Token t = upstream_.next();

		// A @define passes through as it is: its body's %( %) delimit
		// the body, not a conditional.
		if (define_depth_ > 0) {
			if (t.is(TokenKind::PpOpen))
				++define_depth_;
			else if (t.is(TokenKind::PpClose))
				--define_depth_;
			if (!t.is(TokenKind::End))
				return t;
			define_depth_ = 0;
		}
		if (awaiting_define_body_) {
			if (t.is(TokenKind::PpOpen)) {
				awaiting_define_body_ = false;
				define_depth_ = 1;
				return t;
			}
			if (t.is(TokenKind::Identifier) || t.is_op("(") || t.is_op(")") ||
			    t.is_op(","))
				return t;
			awaiting_define_body_ = false;
		}

		switch (t.kind) {
		case TokenKind::AtName:
			if (t.text == "@define")
				awaiting_define_body_ = true;
			return t;
		case TokenKind::PpOpen:
			open_conditional(t);
			continue;
		case TokenKind::PpThen:
			ctx_.error(t.loc, "'%?' outside a preprocessor conditional", 2);
			continue;
		case TokenKind::PpElse:
			if (stack_.empty() || stack_.back().in_else) {
				ctx_.error(t.loc,
					   stack_.empty()
						   ? "'%:' outside a preprocessor conditional"
						   : "a second '%:' in the same preprocessor "
						     "conditional",
					   2);
				continue;
			}
			// The taken branch ends here: skip the other one.
			if (skip_branch(false) == Stop::End)
				ctx_.error(
					stack_.back().open,
					"unterminated preprocessor conditional: no matching '%)'",
					2);
			stack_.pop_back();
			continue;
		case TokenKind::PpClose:
			if (stack_.empty())
				ctx_.error(t.loc, "'%)' without a matching '%('", 2);
			else
				stack_.pop_back();
			continue;
		case TokenKind::End:
			if (!stack_.empty()) {
				ctx_.error(
					stack_.back().open,
					"unterminated preprocessor conditional: no matching '%)'",
					2);
				stack_.clear();
			}
			return t;
		default:
			return t;
		}
	}
}

} // namespace stap
