// Conditional preprocessing (stap(1) PREPROCESSING):
//
//   %( CONDITION %? TRUE-TOKENS [ %: FALSE-TOKENS ] %)
//
// CONDITION is comparisons joined by && and || (&& binds tighter; there are
// no parentheses).  Each comparison is `NAME OP LITERAL` for one of the
// target facts below, or a comparison of two string or two number literals:
//
//   kernel_v, kernel_vr, systemtap_v   all six operators, strverscmp(3);
//                                      == and != with * ? [ use fnmatch(3)
//   arch, runtime, CONFIG_*,           == and != against a string: fnmatch(3);
//   systemtap_privilege                CONFIG_* against a number: numeric
//   guru_mode                          against 0 or 1
//
// Conditionals nest arbitrarily.  A @define body passes through untouched, so
// that a .stpm file may wrap its definitions in conditionals.
#pragma once

#include "parse/parse_context.h"
#include "parse/token.h"

#include <vector>

namespace stap
{

class ConditionalPreprocessor : public TokenSource
{
public:
	ConditionalPreprocessor(ParseContext& ctx, TokenSource& upstream)
	    : ctx_(ctx), upstream_(upstream)
	{
	}

	Token next() override;

private:
	enum class Stop { Else, Close, End };
	// Skips a branch up to the %: (if `stop_at_else`) or %) that ends it.
	Stop skip_branch(bool stop_at_else);
	// Handles `%(`: reads and evaluates the condition, and skips the untaken
	// branch.  Pushes a frame if a branch is being taken.
	void open_conditional(const Token& open);

	struct Frame {
		SourceLocation open;
		bool in_else; // taking the %: branch
	};

	ParseContext& ctx_;
	TokenSource& upstream_;
	std::vector<Frame> stack_;
	unsigned define_depth_ = 0;         // inside a @define body: its %( depth
	bool awaiting_define_body_ = false; // after @define, before its %(
};

// Evaluates a whole condition: the tokens between %( and %?.  Reports
// malformed conditions, which count as false.
bool evaluate_condition(ParseContext& ctx, const std::vector<Token>& tokens);

} // namespace stap
