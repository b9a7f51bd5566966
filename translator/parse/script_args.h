// Script arguments (stap(1) GENERAL SYNTAX): $1 pastes argument 1 as tokens,
// @1 makes it a string literal, $# and @# give the number of arguments as a
// number or a string.  A reference beyond the arguments given is an error.
#pragma once

#include "parse/parse_context.h"
#include "parse/token.h"

#include <deque>
#include <vector>

namespace stap
{

// $N, @N, $# or @#.
bool is_script_argument(const Token& t);

// The tokens that `use` (an ArgValue, ArgString, ArgCount or ArgCountString
// token) stands for.  An out-of-range argument is reported and stands for 0
// or "".
std::vector<Token> substitute_script_argument(ParseContext& ctx, const Token& use);

// The token pipeline stage that substitutes script arguments.  It runs after
// conditional preprocessing, so that `%( $# > 0 %? $1 %: 5 %)` works without
// arguments; conditions substitute their own.
class ScriptArgSubstituter : public TokenSource
{
public:
	ScriptArgSubstituter(ParseContext& ctx, TokenSource& upstream)
	    : ctx_(ctx), upstream_(upstream)
	{
	}

	Token next() override;

private:
	ParseContext& ctx_;
	TokenSource& upstream_;
	std::deque<Token> pending_;
};

} // namespace stap
