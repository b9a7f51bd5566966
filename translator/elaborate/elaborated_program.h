// The product of pass 2, what code generation (pass 3) consumes.
//
// Everything in it is resolved and typed:
//   - every ast::Expr below a handler or function has its `type` (Unknown
//     only for calls of functions without a value, histograms, and print
//     statements used as statements);
//   - every ast::Symbol its `referent` (a GlobalVar, a parameter or a local
//     of the enclosing handler or function), every ast::FunctionCall its
//     `referent` (the first of its overloads, see overloads());
//   - every VarDecl its final `type`, `arity` (0 scalar, N array) and
//     `index_types`;
//   - every handler (ast::Probe) and function its `locals`.
// The files the declarations live in are owned by the session's
// ast::Program (the user's files, then the tapset files pulled in).
#pragma once

#include "parse/ast.h"
#include "probes/derived_probe.h"

#include <memory>
#include <unordered_map>
#include <vector>

namespace stap
{

// Globals a piece of code reads and writes, directly or through the
// functions it calls (transitively), in program order; what code
// generation locks around a handler.  Embedded C counts through its
// /* pragma:read:NAME */ and /* pragma:write:NAME */ comments.
struct GlobalAccess {
	std::vector<ast::GlobalVar*> reads;
	std::vector<ast::GlobalVar*> writes;

	[[nodiscard]] bool reads_var(const ast::GlobalVar& g) const;
	[[nodiscard]] bool writes_var(const ast::GlobalVar& g) const;
};

class ElaboratedProgram
{
public:
	ElaboratedProgram() = default;
	ElaboratedProgram(const ElaboratedProgram&) = delete;
	ElaboratedProgram& operator=(const ElaboratedProgram&) = delete;
	ElaboratedProgram(ElaboratedProgram&&) = default;
	ElaboratedProgram& operator=(ElaboratedProgram&&) = default;

	// The globals and functions the program uses, in the order they were
	// first referenced.
	std::vector<ast::GlobalVar*> globals;
	std::vector<ast::Function*> functions;
	// Top-level %{ %} blocks of the files in the program, in file order.
	std::vector<const ast::EmbeddedCode*> embeds;

	// The code probes run.  Owned here; each has one point (the resolved
	// point before the provider expanded it) whose `condition`, if any, is
	// the conjunction of the conditions of the probe and of every alias on
	// the way, and whose body is the user's body wrapped in the alias
	// prologues and epilogues.
	std::vector<std::unique_ptr<ast::Probe>> handlers;
	// The concrete probes, in program order; each points at its handler.
	std::vector<std::unique_ptr<DerivedProbe>> probes;

	// The functions of f's name and arity that a call runs, in order (a
	// `next` goes on with the following one): lower priority numbers
	// first, then user-script functions before tapset ones, then
	// declaration order.  A private function only overloads private
	// functions of its own file.  Just {&f} when it is alone.
	[[nodiscard]] const std::vector<ast::Function*>& overloads(const ast::Function& f) const;

	[[nodiscard]] const GlobalAccess& access(const ast::Probe& handler) const;
	[[nodiscard]] const GlobalAccess& access(const ast::Function& function) const;

	// Filled by pass 2.
	std::unordered_map<const ast::Function*, std::shared_ptr<std::vector<ast::Function*>>>
		overload_sets;
	std::unordered_map<const void*, GlobalAccess> global_access;
};

} // namespace stap
