// Probe point resolution: from the probe points a probe names to derived
// probes and their handlers (stapprobes(3stap) SYNTAX, language reference
// 3.2 and 4.1).
//
// Each point is matched in the match tree.  A match on an alias expands it:
// each of the alias's targets (with any suffix of the point appended) is
// resolved in turn, the alias's prologue is put before the probe's body and
// its epilogue after, and the alias's target conditions are and-ed to the
// point's.  Aliases of aliases nest; an alias that reaches itself is an
// error.  A match on a provider pattern builds derived probes; each build
// gets one handler (the body with everything around it, resolved at once).
//
// `?` makes a point optional: if it does not resolve, that is no error, and
// this passes down through every alias and wildcard below it.  `!` is
// optional and sufficient: if it resolves, the points after it in the same
// list are skipped.
#pragma once

#include "elaborate/elaboration.h"
#include "elaborate/resolver.h"

#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace stap
{

class ProbeExpander
{
public:
	ProbeExpander(Elaboration& elaboration, Resolver& resolver)
	    : e_(elaboration), resolver_(resolver)
	{
	}

	// Expands a probe declared in a file of the program.
	void expand(const ast::Probe& probe);

	// Bounds that keep a pathological program (aliases fanning out to
	// aliases, each copying a large body) from exhausting the translator:
	// derived probes, expression and statement nodes in all the handlers,
	// and alias nesting.  Real programs stay far below them (every syscall
	// alias of the library: a few thousand handlers).
	static constexpr std::size_t kMaxDerivedProbes = 100000;
	static constexpr std::size_t kMaxHandlerNodes = 2000000;
	static constexpr std::size_t kMaxAliasDepth = 64;

private:
	struct Piece {
		const ast::Block* block;
		const ast::File* file;
	};
	struct Condition {
		const ast::Expr* expr;
		const ast::File* file;
	};
	// Where an expansion stands: the user's probe, the aliases expanded
	// on the way (outermost first), what they put around the body.
	struct Context {
		const ast::Probe* probe = nullptr;
		const std::unordered_set<std::string>* user_writes = nullptr;
		std::string user_points; // "foo,error"
		std::vector<const ast::ProbeAlias*> chain;
		std::vector<std::string> chain_text; // "foo = begin, end(2)?"
		std::vector<Piece> prologues;        // in run order
		std::vector<Piece> epilogues;
		std::vector<Condition> conditions; // the user's first
		bool optional = false;
		Diagnostics* diags = nullptr; // a scratch sink when optional
	};

	std::size_t expand_point(const ast::ProbePoint& point, const Context& ctx);
	std::size_t expand_alias(const ast::ProbeAlias& alias, const ast::ProbePoint& point,
				 const ProbeMatchTree::Match& match, const Context& ctx);
	std::size_t build(const ProbeMatchTree::Match& match, const ast::ProbePoint& point,
			  const Context& ctx);
	void add_handler(std::unique_ptr<ast::ProbePoint> point,
			 std::vector<std::unique_ptr<DerivedProbe>> derived, const Context& ctx);
	void too_many(const Context& ctx);
	void report(const ProbeMatchTree::Result& result, const ast::ProbePoint& point,
		    Diagnostics& sink) const;

	Elaboration& e_;
	Resolver& resolver_;
	std::size_t node_count(const ast::Block& block);

	std::size_t derived_count_ = 0;
	std::size_t handler_nodes_ = 0;
	std::unordered_map<const ast::Block*, std::size_t> block_sizes_;
	bool too_many_reported_ = false;
};

} // namespace stap
