// The tree every probe point is matched against: the patterns of the probe
// providers and the names of the probe aliases, one level per component.
//
//   begin ─┬─ (provider: begin/end/error)      timer ─┬─ ms(number) ── randomize(number)
//   begin(number)                                      ├─ profile ── tick
//   syscall ─┬─ open (aliases)                         ...
//            └─ read (aliases)
//
// A point's components are matched level by level: a literal name picks the
// child of that name and argument kind, `*` in a name matches any names at
// that level, and `**` any run of levels.  Where a point goes on below an
// alias that has no matching child, the rest is an alias suffix
// (syscall.read.return: syscall.read's targets, each with .return
// appended); but a wildcard that matches ordinary names never also matches
// through a suffix (language reference 3.2.5).  An alias shadows a provider
// pattern of the same name (a tapset's timer.profile over the built-in one).
#pragma once

#include "parse/ast.h"
#include "probes/probe_pattern.h"
#include "probes/probe_provider.h"

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace stap
{

class ProbeMatchTree
{
public:
	struct Node {
		std::string name;
		ArgKind arg = ArgKind::None;
		Node* parent = nullptr;
		std::vector<std::unique_ptr<Node>> children;
		std::unordered_map<std::string, std::vector<Node*>> by_name;
		const ProbeProvider* provider = nullptr;     // a pattern ends here
		std::vector<const ast::ProbeAlias*> aliases; // aliases of this name

		[[nodiscard]] bool bound() const { return provider != nullptr || !aliases.empty(); }
		[[nodiscard]] PatternComponent component() const { return {name, arg}; }
		// "timer.ms(number)"
		[[nodiscard]] std::string path() const;
	};

	ProbeMatchTree();

	void add_pattern(const ProbePattern& pattern, const ProbeProvider& provider);
	// The alias's name must have literal components without arguments.
	void add_alias(const ast::ProbeAlias& alias);

	[[nodiscard]] const Node& root() const { return *root_; }

	struct Match {
		const Node* node = nullptr;
		std::vector<const Node*> path; // from the root's child down to node
		// The point's component each node of `path` matched (under `**`,
		// one component matches several nodes; its argument belongs to the
		// last).
		std::vector<const ast::ProbePointComponent*> sources;
		std::size_t consumed = 0; // components matched; the rest is a suffix
	};

	enum class FailureKind : std::uint8_t {
		None,
		UnknownName,     // no child of that name
		WrongArgument,   // a child of that name, but another argument kind
		NoWildcardMatch, // a wildcard that matched no child
		Truncated,       // the point ends at a node that is not a probe point
		InvalidSuffix,   // a component after a complete provider point
	};
	struct Failure {
		FailureKind kind = FailureKind::None;
		std::size_t index = 0;      // the point's component at fault
		const Node* node = nullptr; // the node whose children were searched
	};

	struct Result {
		std::vector<Match> matches;
		Failure failure; // the deepest problem met, when nothing matched
	};

	[[nodiscard]] Result match(const ast::ProbePoint& point) const;

private:
	Node& child(Node& parent, const PatternComponent& c);

	std::unique_ptr<Node> root_;
};

// Glob matching of probe point names: `*` matches any run of characters but
// '.', `**` any run at all.
bool probe_glob_match(std::string_view pattern, std::string_view text);

} // namespace stap
