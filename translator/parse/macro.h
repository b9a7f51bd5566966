// Preprocessor macros (stap(1) PREPROCESSOR MACROS):
//
//   @define NAME %( BODY %)
//   @define NAME(PARAM, ...) %( BODY %)      ... @NAME, @NAME(ARG, ...)
//
// Macro expansion runs before conditional preprocessing, as in SystemTap: a
// definition inside either branch of a %( %) conditional takes effect.  Macros
// are local to the file that defines them, except those of the .stpm files
// on the tapset path, which every script and tapset sees.
#pragma once

#include "parse/parse_context.h"
#include "parse/token.h"

#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace stap
{

struct MacroDef {
	std::string name;
	std::vector<std::string> params;
	bool takes_args = false; // defined with a (possibly empty) parameter list
	std::vector<Token> body;
	SourceLocation loc; // of the name in the @define
};

class MacroTable
{
public:
	[[nodiscard]] const MacroDef* find(const std::string& name) const;
	// Adds `def`; a definition of the same name already there stays.
	void add(MacroDef&& def);
	[[nodiscard]] std::size_t size() const { return macros_.size(); }

private:
	std::unordered_map<std::string, MacroDef> macros_;
};

// Reads the rest of a definition after its `@define` token from `next`.
// Reports malformed definitions and returns nullopt for them.
std::optional<MacroDef> read_macro_definition(ParseContext& ctx,
					      const std::function<Token()>& next);

// Reports `def` as a redefinition of `previous`.
void report_macro_redefinition(ParseContext& ctx, const MacroDef& def, const MacroDef& previous);

// The token pipeline stage that collects this file's @defines and expands
// macro invocations (rescanning the result, so macros may use macros).
class MacroExpander : public TokenSource
{
public:
	MacroExpander(ParseContext& ctx, TokenSource& upstream, const MacroTable* library);

	Token next() override;

	// Bounds that keep runaway (recursive or exponential) macros finite.
	static constexpr unsigned kMaxDepth = 100;
	static constexpr std::size_t kMaxExpandedTokens = 250000; // per file

private:
	Token pull();
	void expand(const MacroDef& macro, const Token& at);
	// Reads `(arg, ...)` after an invocation; nullopt (reported) if malformed.
	std::optional<std::vector<std::vector<Token>>> read_arguments(const MacroDef& macro,
								      const Token& at);

	ParseContext& ctx_;
	TokenSource& upstream_;
	const MacroTable* library_;
	MacroTable local_;
	std::deque<Token> pending_; // expansion results not yet handed on
	std::size_t expanded_tokens_ = 0;
	bool exhausted_ = false; // the token budget ran out: expand no more
};

} // namespace stap
