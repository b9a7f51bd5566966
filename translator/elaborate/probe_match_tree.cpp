#include "elaborate/probe_match_tree.h"

namespace stap
{

namespace
{

bool has_wildcard(const std::string& name)
{
	return name.find('*') != std::string::npos;
}

// How deep `**` may reach below one node: far beyond any real probe point.
constexpr std::size_t kMaxGlobstarDepth = 16;

class Matcher
{
public:
	Matcher(const ast::ProbePoint& point, ProbeMatchTree::Result& result)
	    : comps_(point.components), result_(result)
	{
	}

	void walk(const ProbeMatchTree::Node& node, std::size_t i)
	{
		using Kind = ProbeMatchTree::FailureKind;
		if (i == comps_.size()) {
			if (node.bound())
				result_.matches.push_back({&node, path_, sources_, i});
			else
				fail(Kind::Truncated, i == 0 ? 0 : i - 1, node);
			return;
		}
		const ast::ProbePointComponent& c = comps_[i];
		const std::size_t before = result_.matches.size();
		const ArgKind kind = arg_kind_of(c);
		bool name_hit = false;
		if (c.name.find("**") != std::string::npos) {
			std::string prefix;
			++under_wildcard_;
			globstar(node, i, prefix, 0, name_hit);
			--under_wildcard_;
		} else if (has_wildcard(c.name)) {
			++under_wildcard_;
			for (const auto& child : node.children) {
				if (!probe_glob_match(c.name, child->name))
					continue;
				name_hit = true;
				if (child->arg == kind)
					descend(*child, i);
			}
			--under_wildcard_;
		} else if (auto it = node.by_name.find(c.name); it != node.by_name.end()) {
			name_hit = true;
			for (const ProbeMatchTree::Node* child : it->second)
				if (child->arg == kind)
					descend(*child, i);
		}
		if (result_.matches.size() != before)
			return;
		// Nothing below: an alias takes the rest as a suffix, unless a
		// wildcard brought us here (it matched ordinary names, and those
		// are what it stands for).
		const bool is_root = node.parent == nullptr;
		if (!is_root && !node.aliases.empty() && under_wildcard_ == 0)
			result_.matches.push_back({&node, path_, sources_, i});
		else if (!is_root && node.provider != nullptr && !name_hit)
			fail(Kind::InvalidSuffix, i, node);
		else if (name_hit)
			fail(Kind::WrongArgument, i, node);
		else if (has_wildcard(c.name))
			fail(Kind::NoWildcardMatch, i, node);
		else
			fail(Kind::UnknownName, i, node);
	}

private:
	void descend(const ProbeMatchTree::Node& child, std::size_t i)
	{
		path_.push_back(&child);
		sources_.push_back(&comps_[i]);
		walk(child, i + 1);
		path_.pop_back();
		sources_.pop_back();
	}

	// `**`: every run of levels below `node` whose joined names match.
	void globstar(const ProbeMatchTree::Node& node, std::size_t i, const std::string& prefix,
		      std::size_t depth, bool& name_hit)
	{
		if (depth == kMaxGlobstarDepth)
			return;
		const ast::ProbePointComponent& c = comps_[i];
		for (const auto& child : node.children) {
			std::string joined =
				prefix.empty() ? child->name : prefix + "." + child->name;
			path_.push_back(child.get());
			sources_.push_back(&c);
			if (probe_glob_match(c.name, joined)) {
				name_hit = true;
				if (child->arg == arg_kind_of(c))
					walk(*child, i + 1);
			}
			if (child->arg == ArgKind::None)
				globstar(*child, i, joined, depth + 1, name_hit);
			path_.pop_back();
			sources_.pop_back();
		}
	}

	void fail(ProbeMatchTree::FailureKind kind, std::size_t index,
		  const ProbeMatchTree::Node& node)
	{
		ProbeMatchTree::Failure& f = result_.failure;
		if (f.kind == ProbeMatchTree::FailureKind::None || index > f.index)
			f = {kind, index, &node};
	}

	const std::vector<ast::ProbePointComponent>& comps_;
	ProbeMatchTree::Result& result_;
	unsigned under_wildcard_ = 0; // wildcard components matched above
	std::vector<const ProbeMatchTree::Node*> path_;
	std::vector<const ast::ProbePointComponent*> sources_;
};

} // namespace

bool probe_glob_match(std::string_view pattern, std::string_view text)
{
	// Backtracking over the last star: linear enough for names.
	std::size_t p = 0;
	std::size_t t = 0;
	std::size_t star = std::string_view::npos;
	std::size_t resume = 0;
	bool star_crosses_dots = false;
	while (t < text.size()) {
		if (p < pattern.size() && pattern[p] == '*') {
			star_crosses_dots = p + 1 < pattern.size() && pattern[p + 1] == '*';
			while (p < pattern.size() && pattern[p] == '*')
				++p;
			star = p;
			resume = t;
		} else if (p < pattern.size() && pattern[p] == text[t]) {
			++p;
			++t;
		} else if (star != std::string_view::npos &&
			   (star_crosses_dots || text[resume] != '.')) {
			p = star;
			t = ++resume;
		} else {
			return false;
		}
	}
	while (p < pattern.size() && pattern[p] == '*')
		++p;
	return p == pattern.size();
}

std::string ProbeMatchTree::Node::path() const
{
	if (parent == nullptr)
		return "";
	std::string up = parent->path();
	return up.empty() ? component().text() : up + "." + component().text();
}

ProbeMatchTree::ProbeMatchTree() : root_(std::make_unique<Node>()) {}

ProbeMatchTree::Node& ProbeMatchTree::child(Node& parent, const PatternComponent& c)
{
	std::vector<Node*>& named = parent.by_name[c.name];
	for (Node* n : named)
		if (n->arg == c.arg)
			return *n;
	auto node = std::make_unique<Node>();
	node->name = c.name;
	node->arg = c.arg;
	node->parent = &parent;
	named.push_back(node.get());
	parent.children.push_back(std::move(node));
	return *parent.children.back();
}

void ProbeMatchTree::add_pattern(const ProbePattern& pattern, const ProbeProvider& provider)
{
	Node* node = root_.get();
	for (const PatternComponent& c : pattern.components)
		node = &child(*node, c);
	node->provider = &provider;
}

void ProbeMatchTree::add_alias(const ast::ProbeAlias& alias)
{
	Node* node = root_.get();
	for (const ast::ProbePointComponent& c : alias.name->components)
		node = &child(*node, PatternComponent{c.name, ArgKind::None});
	node->aliases.push_back(&alias);
}

ProbeMatchTree::Result ProbeMatchTree::match(const ast::ProbePoint& point) const
{
	Result result;
	Matcher(point, result).walk(*root_, 0);
	return result;
}

} // namespace stap
