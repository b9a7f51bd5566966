#include "parse/macro.h"

#include <algorithm>

namespace stap
{

namespace
{

std::string arguments(std::size_t n)
{
	return std::to_string(n) + (n == 1 ? " argument" : " arguments");
}

unsigned expansion_depth(const SourceLocation& loc)
{
	unsigned depth = 0;
	for (const ExpansionFrame* f = loc.expansion; f != nullptr; f = f->site.expansion)
		++depth;
	return depth;
}

} // namespace

const MacroDef* MacroTable::find(const std::string& name) const
{
	auto it = macros_.find(name);
	return it == macros_.end() ? nullptr : &it->second;
}

void MacroTable::add(MacroDef&& def)
{
	std::string name = def.name;
	macros_.try_emplace(std::move(name), std::move(def));
}

void report_macro_redefinition(ParseContext& ctx, const MacroDef& def, const MacroDef& previous)
{
	if (Diagnostic* d = ctx.error(def.loc, "macro '" + def.name + "' is already defined",
				      static_cast<std::uint32_t>(def.name.size())))
		d->note("previous definition of '" + def.name + "' is here", previous.loc);
}

namespace
{

// After a malformed @define header: if the offending token opened the body,
// skip the body so that it is not taken for script text.
void skip_body(const Token& t, const std::function<Token()>& next)
{
	if (!t.is(TokenKind::PpOpen))
		return;
	for (unsigned depth = 1; depth > 0;) {
		Token u = next();
		if (u.is(TokenKind::End))
			return;
		if (u.is(TokenKind::PpOpen))
			++depth;
		else if (u.is(TokenKind::PpClose))
			--depth;
	}
}

} // namespace

std::optional<MacroDef> read_macro_definition(ParseContext& ctx, const std::function<Token()>& next)
{
	MacroDef def;
	Token name = next();
	if (!name.is(TokenKind::Identifier)) {
		ctx.error(name.loc,
			  "expected a macro name after '@define', found " + name.describe(),
			  name.length);
		skip_body(name, next);
		return std::nullopt;
	}
	def.name = name.text;
	def.loc = name.loc;
	Token t = next();
	if (t.is_op("(")) {
		def.takes_args = true;
		t = next();
		if (!t.is_op(")")) {
			for (;;) {
				if (!t.is(TokenKind::Identifier)) {
					ctx.error(t.loc,
						  "expected a parameter name in the definition of "
						  "macro '" +
							  def.name + "', found " + t.describe(),
						  t.length);
					skip_body(t, next);
					return std::nullopt;
				}
				def.params.push_back(t.text);
				t = next();
				if (t.is_op(")"))
					break;
				if (!t.is_op(",")) {
					ctx.error(t.loc,
						  "expected ',' or ')' in the parameter list of "
						  "macro "
						  "'" + def.name +
							  "', found " + t.describe(),
						  t.length);
					skip_body(t, next);
					return std::nullopt;
				}
				t = next();
			}
		}
		t = next();
	}
	if (!t.is(TokenKind::PpOpen)) {
		ctx.error(t.loc,
			  "expected '%(' to start the body of macro '" + def.name + "', found " +
				  t.describe(),
			  t.length);
		return std::nullopt;
	}
	SourceLocation open = t.loc;
	unsigned depth = 1;
	for (;;) {
		t = next();
		if (t.is(TokenKind::End)) {
			ctx.error(open,
				  "unterminated body of macro '" + def.name + "': no matching '%)'",
				  2);
			return std::nullopt;
		}
		if (t.is(TokenKind::PpOpen))
			++depth;
		else if (t.is(TokenKind::PpClose) && --depth == 0)
			break;
		def.body.push_back(std::move(t));
	}
	return def;
}

MacroExpander::MacroExpander(ParseContext& ctx, TokenSource& upstream, const MacroTable* library)
    : ctx_(ctx), upstream_(upstream), library_(library)
{
}

Token MacroExpander::pull()
{
	if (pending_.empty())
		return upstream_.next();
	Token t = std::move(pending_.front());
	pending_.pop_front();
	return t;
}

Token MacroExpander::next()
{
	for (;;) {
		Token t = pull();
		if (!t.is(TokenKind::AtName))
			return t;
		if (t.text == "@define") {
			auto def = read_macro_definition(ctx_, [this] { return pull(); });
			if (!def)
				continue;
			if (const MacroDef* previous = local_.find(def->name))
				report_macro_redefinition(ctx_, *def, *previous);
			else
				local_.add(std::move(*def));
			continue;
		}
		std::string name = t.text.substr(1);
		const MacroDef* macro = local_.find(name);
		if (macro == nullptr && library_ != nullptr)
			macro = library_->find(name);
		if (macro == nullptr)
			return t; // @cast, @defined, ...: for the parser
		expand(*macro, t);
	}
}

std::optional<std::vector<std::vector<Token>>> MacroExpander::read_arguments(const MacroDef& macro,
									     const Token& at)
{
	Token open = pull();
	if (!open.is_op("(")) {
		ctx_.error(open.loc,
			   "expected '(' after '@" + macro.name + "': the macro takes " +
				   arguments(macro.params.size()),
			   open.length);
		pending_.push_front(std::move(open));
		return std::nullopt;
	}
	std::vector<std::vector<Token>> args(1);
	unsigned depth = 0;
	for (;;) {
		Token t = pull();
		if (t.is(TokenKind::End)) {
			ctx_.error(at.loc,
				   "unterminated argument list of macro '" + macro.name + "'",
				   at.length);
			return std::nullopt;
		}
		if (t.is(TokenKind::Operator)) {
			const std::string& op = t.text;
			if (op == "(" || op == "[" || op == "{") {
				++depth;
			} else if (op == ")" || op == "]" || op == "}") {
				if (depth == 0 && op == ")")
					break;
				if (depth > 0)
					--depth;
			} else if (op == "," && depth == 0) {
				args.emplace_back();
				continue;
			}
		}
		args.back().push_back(std::move(t));
	}
	if (macro.params.empty() && args.size() == 1 && args[0].empty())
		args.clear(); // @m() for a macro without parameters
	if (args.size() != macro.params.size()) {
		if (Diagnostic* d = ctx_.error(
			    at.loc,
			    "macro '" + macro.name + "' takes " + arguments(macro.params.size()) +
				    " but " + std::to_string(args.size()) +
				    (args.size() == 1 ? " was" : " were") + " given",
			    at.length))
			d->note("'" + macro.name + "' is defined here", macro.loc);
		return std::nullopt;
	}
	return args;
}

void MacroExpander::expand(const MacroDef& macro, const Token& at)
{
	if (exhausted_)
		return;
	if (expansion_depth(at.loc) >= kMaxDepth) {
		ctx_.error(at.loc,
			   "macro expansion nested too deeply (is macro '" + macro.name +
				   "' recursive?)",
			   at.length);
		exhausted_ = true;
		return;
	}
	std::vector<std::vector<Token>> args;
	if (macro.takes_args) {
		auto read = read_arguments(macro, at);
		if (!read)
			return;
		args = std::move(*read);
	}
	const ExpansionFrame* frame =
		ctx_.sources.add_expansion("macro '" + macro.name + "'", at.loc);
	std::vector<Token> out;
	out.reserve(macro.body.size());
	for (const Token& b : macro.body) {
		if (b.is(TokenKind::AtName)) {
			std::string name = b.text.substr(1);
			bool substituted = false;
			for (std::size_t i = 0; i < macro.params.size(); ++i) {
				if (macro.params[i] != name)
					continue;
				std::size_t first = out.size();
				out.insert(out.end(), args[i].begin(), args[i].end());
				if (out.size() > first)
					out[first].space_before = b.space_before;
				substituted = true;
				break;
			}
			if (substituted)
				continue;
		}
		out.push_back(b);
		out.back().loc.expansion = frame;
	}
	if (!out.empty())
		out.front().space_before = at.space_before;
	// Counted at least one per expansion: every expansion costs a frame.
	expanded_tokens_ += std::max<std::size_t>(out.size(), 1);
	if (expanded_tokens_ > kMaxExpandedTokens) {
		ctx_.error(at.loc,
			   "macro expansion produces too many tokens (more than " +
				   std::to_string(kMaxExpandedTokens) + ")",
			   at.length);
		exhausted_ = true;
		return;
	}
	pending_.insert(pending_.begin(), std::make_move_iterator(out.begin()),
			std::make_move_iterator(out.end()));
}

} // namespace stap
