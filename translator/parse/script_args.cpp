#include "parse/script_args.h"

#include "parse/lexer.h"

namespace stap
{

bool is_script_argument(const Token& t)
{
	return t.is(TokenKind::ArgValue) || t.is(TokenKind::ArgString) ||
	       t.is(TokenKind::ArgCount) || t.is(TokenKind::ArgCountString);
}

std::vector<Token> substitute_script_argument(ParseContext& ctx, const Token& use)
{
	const std::vector<std::string>& args = ctx.env.script_args;
	std::vector<Token> out;
	if (use.is(TokenKind::ArgCount) || use.is(TokenKind::ArgCountString)) {
		Token t = use;
		t.kind = use.is(TokenKind::ArgCount) ? TokenKind::Number : TokenKind::String;
		t.number = static_cast<std::int64_t>(args.size());
		t.text = std::to_string(args.size());
		out.push_back(std::move(t));
		return out;
	}
	std::int64_t index = use.number;
	if (index < 1 || static_cast<std::size_t>(index) > args.size()) {
		std::string given = args.empty() ? "none was given"
				    : args.size() == 1
					    ? "only 1 was given"
					    : "only " + std::to_string(args.size()) + " were given";
		ctx.error(use.loc, "no script argument " + use.text + ": " + given, use.length);
		// Stand in a harmless literal so that the parse goes on without
		// follow-on errors.
		Token t = use;
		t.kind = use.is(TokenKind::ArgValue) ? TokenKind::Number : TokenKind::String;
		t.number = 0;
		t.text = use.is(TokenKind::ArgValue) ? "0" : "";
		out.push_back(std::move(t));
		return out;
	}
	const std::string& value = args[static_cast<std::size_t>(index) - 1];
	if (use.is(TokenKind::ArgString)) {
		Token t = use;
		t.kind = TokenKind::String;
		t.text = value;
		out.push_back(std::move(t));
		return out;
	}
	// $N: the argument's text, lexed where it came from, as if written at `use`.
	const ExpansionFrame* frame =
		ctx.sources.add_expansion("script argument " + use.text, use.loc);
	Lexer lexer(ctx, ctx.script_arg_file(static_cast<std::size_t>(index)), frame);
	for (Token t = lexer.next(); !t.is(TokenKind::End); t = lexer.next()) {
		if (is_script_argument(t)) {
			ctx.error(t.loc, "a script argument cannot refer to another one", t.length);
			continue;
		}
		out.push_back(std::move(t));
	}
	if (!out.empty())
		out.front().space_before = use.space_before;
	return out;
}

Token ScriptArgSubstituter::next()
{
	for (;;) {
		if (!pending_.empty()) {
			Token t = std::move(pending_.front());
			pending_.pop_front();
			return t;
		}
		Token t = upstream_.next();
		if (!is_script_argument(t))
			return t;
		std::vector<Token> tokens = substitute_script_argument(ctx_, t);
		pending_.insert(pending_.end(), std::make_move_iterator(tokens.begin()),
				std::make_move_iterator(tokens.end()));
	}
}

} // namespace stap
