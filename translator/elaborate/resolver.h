// Symbol resolution (stap(1) PROCESSING, pass 2): links every identifier to
// its declaration and every call to a function, pulling tapset files into
// the program when they define what is used.
//
// An identifier in a handler or function is, in this order: a parameter of
// the function, a local already met, a global visible from the file the code
// was written in (its own private ones, then public ones: the user's
// scripts, then the tapset library), or else a new local.  Locals are never
// declared; arrays and statistics must be global.  Along the way the arity
// of every variable is inferred (scalar or array of N indexes) and checked,
// and the expressions that depend on the probe resolve: context variables
// through the probe's provider, @cast/@var through the TargetTyping hook,
// @defined and @probewrite to constants, @entry and @kregister against what
// the probe offers.
#pragma once

#include "elaborate/elaboration.h"

#include <span>
#include <string>
#include <unordered_set>

namespace stap
{

class Resolver
{
public:
	explicit Resolver(Elaboration& elaboration) : e_(elaboration) {}

	// A new handler: each piece of its body in the scope of its own file,
	// all sharing the handler's locals.  `user_writes` are the variables
	// the user's part of the body writes (what @probewrite tests);
	// `probes` run the handler.
	void resolve_handler(ast::Probe& handler, std::span<const BodyPiece> pieces,
			     const std::unordered_set<std::string>& user_writes,
			     std::span<DerivedProbe* const> probes);
	// A probe condition, which may only use globals.
	void resolve_condition(ast::ExprPtr& condition, const ast::File& file);
	void resolve_function(ast::Function& function);
	// The globals an embedded-C block names in its pragma comments.
	void resolve_pragmas(const ast::EmbeddedCode& code, const ast::File& file);

	// After the queues ran dry: links every call to its overload set (and
	// queues the functions that joined a set).  True if it queued any.
	bool link_calls();

private:
	Elaboration& e_;
};

// The variables a body writes: assigned, incremented, deleted, or taken as
// foreach keys or values.
std::unordered_set<std::string> written_variables(const ast::Block& body);

} // namespace stap
