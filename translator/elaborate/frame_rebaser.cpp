#include "elaborate/frame_rebaser.h"

#include "parse/ast_visitor.h"

#include <type_traits>

namespace stap
{

namespace
{

// Rewrites the location of every node below the one visited.
class Walker : public ast::Visitor<Walker>
{
public:
	explicit Walker(FrameRebaser& r) : rebaser_(r) {}
	using Visitor::visit;

#define STAP_REBASE_NODE(name)                                                                     \
	void visit(ast::name& n)                                                                   \
	{                                                                                          \
		fix(n);                                                                            \
		Visitor::visit(n);                                                                 \
	}
	STAP_AST_EXPR_NODES(STAP_REBASE_NODE)
	STAP_AST_STMT_NODES(STAP_REBASE_NODE)
#undef STAP_REBASE_NODE

private:
	template <typename T>
	void fix(T& n)
	{
		n.loc = rebaser_.rebase(n.loc);
		if constexpr (std::is_base_of_v<ast::TargetExpr, T>) {
			for (ast::TargetComponent& c : n.components)
				c.loc = rebaser_.rebase(c.loc);
		}
		if constexpr (std::is_same_v<ast::EmbeddedExpr, T>)
			n.code.loc = rebaser_.rebase(n.code.loc);
	}

	FrameRebaser& rebaser_;
};

} // namespace

FrameRebaser::FrameRebaser(SourceManager& sources, const ExpansionFrame* outer)
    : sources_(sources), outer_(outer)
{
}

const ExpansionFrame* FrameRebaser::rebase(const ExpansionFrame* frame)
{
	if (frame == nullptr)
		return outer_;
	if (auto it = done_.find(frame); it != done_.end())
		return it->second;
	SourceLocation site = frame->site;
	site.expansion = rebase(frame->site.expansion); // may grow done_
	const ExpansionFrame* copy = sources_.add_expansion(frame->description, site);
	done_[frame] = copy;
	return copy;
}

SourceLocation FrameRebaser::rebase(SourceLocation loc)
{
	loc.expansion = rebase(loc.expansion);
	return loc;
}

void FrameRebaser::rebase(ast::Block& block)
{
	Walker(*this).visit(block);
}

void FrameRebaser::rebase(ast::Expr& expr)
{
	Walker(*this).visit(expr);
}

void FrameRebaser::rebase(ast::ProbePoint& point)
{
	point.loc = rebase(point.loc);
	for (ast::ProbePointComponent& c : point.components) {
		c.loc = rebase(c.loc);
		if (c.arg)
			rebase(*c.arg);
	}
	if (point.condition)
		rebase(*point.condition);
}

} // namespace stap
