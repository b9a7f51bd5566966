// The state the parts of pass 2 share while elaborating one program (see
// elaborate.h for the steps): the declarations, the match tree, the work
// queues and the product.  Internal to elaborate/.
#pragma once

#include "elaborate/declarations.h"
#include "elaborate/elaborate.h"
#include "elaborate/probe_match_tree.h"

#include <deque>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace stap
{

// A part of a handler's body and the file it was written in (which decides
// what `private` names it sees).
struct BodyPiece {
	ast::Block* block;
	const ast::File* file;
};

class Elaboration
{
public:
	explicit Elaboration(const ElaborateInput& input);

	const ElaborateInput& input;
	SourceManager& sources;
	Diagnostics& diags;
	const ElaborateOptions& options;
	ElaboratedProgram product;
	Declarations decls;
	ProbeMatchTree tree;

	// Brings a tapset file into the program, once: its probes are queued
	// for expansion and its top-level embedded C recorded.
	void pull(const ast::File& file);
	// The probes of `file` (in the program) are to be expanded.
	void adopt(ast::File& file);
	std::deque<ast::Probe*> pending_probes;
	// Top-level embedded C of adopted files, for their pragma globals.
	std::deque<std::pair<const ast::EmbeddedCode*, const ast::File*>> pending_embeds;

	// First uses: record the order; a function's body is queued.
	void use(ast::Function& function);
	void use(ast::GlobalVar& global);
	std::deque<ast::Function*> pending_functions;

	// Calls as resolved so far; linked to their overload sets at the end.
	struct Call {
		ast::FunctionCall* call;
		const ast::File* file;
	};
	std::vector<Call> calls;

	// Whether code at `loc` was written in the tapset library (macros
	// from library .stpm files count where they were used).  The
	// optimiser's warnings are for the user's code only, as in stap.
	[[nodiscard]] bool is_library_code(SourceLocation loc) const;

	// Where each variable's arity was first inferred.
	std::unordered_map<const ast::VarDecl*, SourceLocation> arity_origin;
	// The globals each embedded-C block names in its pragma comments:
	// (global, written?).
	std::unordered_map<const ast::EmbeddedCode*, std::vector<std::pair<ast::GlobalVar*, bool>>>
		pragma_globals;

private:
	std::unordered_set<const void*> used_;
};

class ProbeExpander;
class Resolver;

// The first steps of elaborate(): indexes the user's files and the library,
// builds the match tree from the providers and the aliases, and queues the
// user's probes.
void prepare(Elaboration& elaboration);

// Expands and resolves everything queued, pulling tapset files in as they
// are needed, until nothing new turns up; then links the calls.
void resolve_queued(Elaboration& elaboration, ProbeExpander& expander, Resolver& resolver);

} // namespace stap
