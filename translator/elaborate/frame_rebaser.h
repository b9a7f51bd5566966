// Alias expansion copies an alias's prologue, epilogue and targets into the
// probes that use it.  The copies keep their own source locations (errors
// point into the alias), and get one more expansion frame, "in expansion of
// alias 'a.b'" at the probe point that used it, so that a diagnostic shows
// both places.  A location already inside a macro expansion keeps its macro
// frames, with the alias frame added at the outer end of the chain.
#pragma once

#include "diag/source_manager.h"
#include "parse/ast.h"

#include <unordered_map>

namespace stap
{

class FrameRebaser
{
public:
	// `outer`: the frame every copied location gets at its outer end.
	FrameRebaser(SourceManager& sources, const ExpansionFrame* outer);

	[[nodiscard]] SourceLocation rebase(SourceLocation loc);
	void rebase(ast::Block& block);
	void rebase(ast::Expr& expr);
	void rebase(ast::ProbePoint& point);

private:
	const ExpansionFrame* rebase(const ExpansionFrame* frame);

	SourceManager& sources_;
	const ExpansionFrame* outer_;
	std::unordered_map<const ExpansionFrame*, const ExpansionFrame*> done_;
};

} // namespace stap
