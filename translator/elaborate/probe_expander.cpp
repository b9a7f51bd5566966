#include "elaborate/probe_expander.h"

#include "elaborate/frame_rebaser.h"
#include "elaborate/suggestions.h"
#include "parse/ast_visitor.h"
#include "parse/printer.h"

#include <algorithm>

namespace stap
{

namespace
{

// The point's components [0, end) as written: "timer.ms(100)".
std::string components_text(const ast::ProbePoint& point, std::size_t end)
{
	std::string text;
	for (std::size_t i = 0; i < end && i < point.components.size(); ++i) {
		const ast::ProbePointComponent& c = point.components[i];
		if (i > 0)
			text += '.';
		text += c.name;
		if (c.arg)
			text += "(" + to_string(*c.arg) + ")";
	}
	return text;
}

std::string alias_text(const ast::ProbeAlias& alias)
{
	std::string text = to_string(*alias.name) + (alias.prologue ? " = " : " += ");
	for (std::size_t i = 0; i < alias.targets.size(); ++i)
		text += (i > 0 ? ", " : "") + to_string(*alias.targets[i]);
	return text;
}

std::vector<std::string> child_names(const ProbeMatchTree::Node& node)
{
	std::vector<std::string> names;
	for (const auto& c : node.children)
		names.push_back(c->name);
	return names;
}

std::string join(const std::vector<std::string>& parts, const char* separator)
{
	std::string text;
	for (std::size_t i = 0; i < parts.size(); ++i)
		text += (i > 0 ? separator : "") + parts[i];
	return text;
}

} // namespace

void ProbeExpander::expand(const ast::Probe& probe)
{
	const std::unordered_set<std::string> user_writes = written_variables(*probe.body);
	Context ctx;
	ctx.probe = &probe;
	ctx.user_writes = &user_writes;
	std::vector<std::string> points;
	for (const auto& p : probe.points)
		points.push_back(to_string(*p));
	ctx.user_points = join(points, ",");
	for (const auto& p : probe.points) {
		Diagnostics scratch(e_.sources);
		Context point_ctx = ctx;
		point_ctx.optional = p->optional;
		point_ctx.diags = p->optional ? &scratch : &e_.diags;
		if (p->condition)
			point_ctx.conditions.push_back({p->condition.get(), probe.file});
		std::size_t n = expand_point(*p, point_ctx);
		if (p->sufficient && n > 0)
			break;
	}
}

std::size_t ProbeExpander::expand_point(const ast::ProbePoint& point, const Context& ctx)
{
	if (derived_count_ >= kMaxDerivedProbes) {
		too_many(ctx);
		return 0;
	}
	ProbeMatchTree::Result result = e_.tree.match(point);
	if (result.matches.empty()) {
		report(result, point, *ctx.diags);
		return 0;
	}
	const std::size_t errors_before = ctx.diags->error_count();
	std::size_t total = 0;
	for (const ProbeMatchTree::Match& m : result.matches) {
		if (!m.node->aliases.empty()) {
			for (const ast::ProbeAlias* alias : m.node->aliases)
				total += expand_alias(*alias, point, m, ctx);
		} else {
			total += build(m, point, ctx);
		}
	}
	if (total == 0 && !ctx.optional && ctx.diags->error_count() == errors_before &&
	    derived_count_ < kMaxDerivedProbes)
		ctx.diags
			->error(DiagKind::SemanticError, point.loc,
				"probe point '" + components_text(point, point.components.size()) +
					"' resolved to no probes: every alternative it expands "
					"to is optional, and none resolved")
			.span(point.components.front().length);
	return total;
}

std::size_t ProbeExpander::expand_alias(const ast::ProbeAlias& alias, const ast::ProbePoint& point,
					const ProbeMatchTree::Match& match, const Context& ctx)
{
	const std::string name = to_string(*alias.name);
	if (std::find(ctx.chain.begin(), ctx.chain.end(), &alias) != ctx.chain.end()) {
		ctx.diags
			->error(DiagKind::SemanticError, point.loc,
				"recursive loop in the expansion of probe alias '" + name + "'")
			.span(point.components.front().length)
			.note("alias '" + name + "' is defined here", alias.loc);
		return 0;
	}
	if (ctx.chain.size() >= kMaxAliasDepth) {
		ctx.diags
			->error(DiagKind::SemanticError, point.loc,
				"probe aliases nested more than " + std::to_string(kMaxAliasDepth) +
					" levels deep")
			.span(point.components.front().length);
		return 0;
	}
	e_.pull(*alias.file);

	// The alias's code, copied with one more expansion frame: errors in it
	// then name both the alias and the probe point that used it.
	const ExpansionFrame* frame =
		e_.sources.add_expansion("probe alias '" + name + "'", point.loc);
	FrameRebaser rebaser(e_.sources, frame);
	std::unique_ptr<ast::Block> prologue = ast::clone_ptr(alias.prologue);
	std::unique_ptr<ast::Block> epilogue = ast::clone_ptr(alias.epilogue);
	Context inner = ctx;
	inner.chain.push_back(&alias);
	inner.chain_text.push_back(alias_text(alias));
	if (prologue) {
		rebaser.rebase(*prologue);
		inner.prologues.insert(inner.prologues.begin(), Piece{prologue.get(), alias.file});
	}
	if (epilogue) {
		rebaser.rebase(*epilogue);
		inner.epilogues.push_back(Piece{epilogue.get(), alias.file});
	}

	std::size_t total = 0;
	for (const auto& target : alias.targets) {
		auto np = target->clone();
		rebaser.rebase(*np);
		for (std::size_t i = match.consumed; i < point.components.size(); ++i)
			np->components.push_back(point.components[i].clone());
		np->optional = np->optional || ctx.optional;
		Diagnostics scratch(e_.sources);
		Context leaf = inner;
		leaf.optional = np->optional;
		leaf.diags = np->optional ? &scratch : ctx.diags;
		if (np->condition)
			leaf.conditions.push_back({np->condition.get(), alias.file});
		std::size_t n = expand_point(*np, leaf);
		total += n;
		if (np->sufficient && n > 0)
			break;
	}
	return total;
}

std::size_t ProbeExpander::build(const ProbeMatchTree::Match& match, const ast::ProbePoint& point,
				 const Context& ctx)
{
	// The concrete point: the tree's names (wildcards resolved) with the
	// arguments and locations the user wrote.
	auto concrete = std::make_unique<ast::ProbePoint>();
	concrete->loc = point.loc;
	concrete->length = point.length;
	concrete->optional = point.optional;
	concrete->sufficient = point.sufficient;
	for (std::size_t i = 0; i < match.path.size(); ++i) {
		const ast::ProbePointComponent& source = *match.sources[i];
		ast::ProbePointComponent c;
		c.name = match.path[i]->name;
		if (match.path[i]->arg != ArgKind::None)
			c.arg = ast::clone_ptr(source.arg);
		c.loc = source.loc;
		c.length = source.length;
		concrete->components.push_back(std::move(c));
	}
	ProbeBuildContext bctx{*ctx.diags, e_.options.guru_mode};
	std::vector<std::unique_ptr<DerivedProbe>> derived;
	match.node->provider->build(*concrete, bctx, derived);
	if (derived.empty())
		return 0;
	std::size_t nodes = node_count(*ctx.probe->body);
	for (const Piece& p : ctx.prologues)
		nodes += node_count(*p.block);
	for (const Piece& p : ctx.epilogues)
		nodes += node_count(*p.block);
	if (derived_count_ + derived.size() > kMaxDerivedProbes ||
	    handler_nodes_ + nodes > kMaxHandlerNodes) {
		too_many(ctx);
		return 0;
	}
	handler_nodes_ += nodes;
	derived_count_ += derived.size();
	const std::size_t n = derived.size();
	add_handler(std::move(concrete), std::move(derived), ctx);
	return n;
}

void ProbeExpander::too_many(const Context& ctx)
{
	derived_count_ = kMaxDerivedProbes;
	if (!too_many_reported_)
		e_.diags.error(DiagKind::SemanticError, ctx.probe->loc,
			       "too many probes: the program resolves to more than " +
				       std::to_string(kMaxDerivedProbes) +
				       ", or their handlers to " + "more than " +
				       std::to_string(kMaxHandlerNodes) +
				       " statements and expressions")
			.span(ctx.probe->length);
	too_many_reported_ = true;
}

namespace
{

struct NodeCounter : ast::ConstVisitor<NodeCounter> {
	using ConstVisitor::visit;
#define STAP_COUNT_NODE(name)                                                                      \
	void visit(const ast::name& n)                                                             \
	{                                                                                          \
		++count;                                                                           \
		ConstVisitor::visit(n);                                                            \
	}
	STAP_AST_EXPR_NODES(STAP_COUNT_NODE)
	STAP_AST_STMT_NODES(STAP_COUNT_NODE)
#undef STAP_COUNT_NODE
	std::size_t count = 0;
};

} // namespace

std::size_t ProbeExpander::node_count(const ast::Block& block)
{
	auto [it, added] = block_sizes_.emplace(&block, 0);
	if (added) {
		NodeCounter counter;
		counter.visit(block);
		it->second = counter.count;
	}
	return it->second;
}

void ProbeExpander::add_handler(std::unique_ptr<ast::ProbePoint> point,
				std::vector<std::unique_ptr<DerivedProbe>> derived,
				const Context& ctx)
{
	auto handler = std::make_unique<ast::Probe>();
	handler->loc = ctx.probe->loc;
	handler->length = ctx.probe->length;
	handler->file = ctx.probe->file;
	auto body = std::make_unique<ast::Block>();
	body->loc = ctx.probe->body->loc;
	body->length = ctx.probe->body->length;
	std::vector<BodyPiece> pieces;
	auto add_piece = [&](const ast::Block& block, const ast::File* file) {
		auto copy = ast::clone_as(block);
		pieces.push_back(BodyPiece{copy.get(), file});
		body->statements.push_back(std::move(copy));
	};
	for (const Piece& p : ctx.prologues)
		add_piece(*p.block, p.file);
	add_piece(*ctx.probe->body, ctx.probe->file);
	for (const Piece& p : ctx.epilogues)
		add_piece(*p.block, p.file);
	handler->body = std::move(body);

	std::vector<DerivedProbe*> probes;
	probes.reserve(derived.size());
	for (const auto& d : derived)
		probes.push_back(d.get());
	resolver_.resolve_handler(*handler, pieces, *ctx.user_writes, probes);

	// The innermost condition first, as the event meets them.
	ast::ExprPtr condition;
	for (auto it = ctx.conditions.rbegin(); it != ctx.conditions.rend(); ++it) {
		ast::ExprPtr c = it->expr->clone();
		resolver_.resolve_condition(c, *it->file);
		if (!condition) {
			condition = std::move(c);
			continue;
		}
		auto both = std::make_unique<ast::Binary>();
		both->op = ast::Binary::Op::LogicalAnd;
		both->loc = condition->loc;
		both->length = condition->length;
		both->lhs = std::move(condition);
		both->rhs = std::move(c);
		condition = std::move(both);
	}
	point->condition = std::move(condition);
	handler->points.push_back(std::move(point));

	std::string origin;
	for (auto it = ctx.chain_text.rbegin(); it != ctx.chain_text.rend(); ++it)
		origin += *it + " <- ";
	origin += ctx.user_points;
	for (auto& d : derived) {
		d->handler = handler.get();
		d->origin = origin;
		e_.product.probes.push_back(std::move(d));
	}
	e_.product.handlers.push_back(std::move(handler));
}

void ProbeExpander::report(const ProbeMatchTree::Result& result, const ast::ProbePoint& point,
			   Diagnostics& sink) const
{
	using Kind = ProbeMatchTree::FailureKind;
	const ProbeMatchTree::Failure& f = result.failure;
	if (f.kind == Kind::None || f.node == nullptr)
		return;
	const ast::ProbePointComponent& c = point.components.at(f.index);
	const ProbeMatchTree::Node& node = *f.node;
	const bool at_root = node.parent == nullptr;
	const std::string before = components_text(point, f.index);
	std::string message;
	bool suggest_children = false;
	switch (f.kind) {
	case Kind::UnknownName:
		message = at_root ? "unknown probe point '" +
					    components_text(point, point.components.size()) + "'"
				  : "unknown probe point component '" + c.name + "' after '" +
					    before + "'";
		suggest_children = true;
		break;
	case Kind::WrongArgument: {
		std::vector<std::string> forms;
		for (const auto& child : node.children)
			if (probe_glob_match(c.name, child->name))
				forms.push_back(child->component().text());
		std::sort(forms.begin(), forms.end());
		forms.erase(std::unique(forms.begin(), forms.end()), forms.end());
		if (forms.size() == 1 && forms.front() == c.name)
			message = "probe point component '" + c.name + "' takes no argument";
		else if (!c.arg)
			message = "probe point component '" + c.name +
				  "' needs an argument: expected " + join(forms, " or ");
		else
			message = "wrong argument for probe point component '" + c.name +
				  "': expected " + join(forms, " or ");
		break;
	}
	case Kind::NoWildcardMatch:
		message = at_root ? "no probe point matches '" + c.name + "'"
				  : "no probe point component matches '" + c.name + "' after '" +
					    before + "'";
		break;
	case Kind::Truncated: {
		std::vector<std::string> next;
		for (const auto& child : node.children)
			if (!child->name.starts_with('_'))
				next.push_back(child->component().text());
		std::sort(next.begin(), next.end());
		next.erase(std::unique(next.begin(), next.end()), next.end());
		message = "probe point '" + components_text(point, f.index + 1) +
			  "' is incomplete: it goes on with " + join(next, ", ");
		break;
	}
	case Kind::InvalidSuffix:
		message = "invalid suffix '" + c.name + "' for probe point '" + before + "'";
		suggest_children = true;
		break;
	case Kind::None:
		return;
	}
	Diagnostic& d = sink.error(DiagKind::SemanticError, c.loc, message).span(c.length);
	if (suggest_children)
		suggest(d, c.name, child_names(node));
}

} // namespace stap
