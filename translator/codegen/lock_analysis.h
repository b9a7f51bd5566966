// Which global locks a probe handler takes (docs/runtime-api.md, "Globals
// and locking"): every global its body and the functions it calls,
// transitively, use, each once, with a write lock when any use needs one.
//
// Which lock a use needs depends on the kind of global:
//   read a scalar, look up or test (`in`) an array element      read
//   assign/++/--/delete a scalar or an array element, clear     write
//   foreach over an array (it sorts the array)                  write
//   s <<< v, s[k] <<< v (touch only this CPU's part)           read
//   @count(s) ..., @hist_*(s), foreach over / `in` / delete s   write
// Embedded C counts through its /* pragma:read:NAME */ and
// /* pragma:write:NAME */ comments.
#pragma once

#include "parse/ast.h"

#include <functional>
#include <map>
#include <unordered_map>
#include <vector>

namespace stap::codegen
{

// Global -> true for a write lock.  Ordered by nothing in particular; the
// caller sorts by its own global numbering.
using LockSet = std::unordered_map<const ast::VarDecl*, bool>;

class LockAnalysis
{
public:
	// `overloads` lists the functions a call runs (may be null: just the
	// referent); `global_by_name` resolves embedded-C pragma names.
	LockAnalysis(
		std::function<std::vector<const ast::Function*>(const ast::Function&)> overloads,
		std::function<const ast::VarDecl*(const std::string&)> global_by_name);

	// Locks of a handler: its body, its probe-point condition, and the
	// functions it calls.
	LockSet handler_locks(const ast::Probe& handler);
	// Locks of one function and everything it calls.
	LockSet function_locks(const ast::Function& function);

private:
	struct Direct {
		LockSet locks;
		std::vector<const ast::Function*> calls;
	};
	const Direct& direct(const ast::Function& f);
	LockSet close_over_calls(Direct d);

	std::function<std::vector<const ast::Function*>(const ast::Function&)> overloads_;
	std::function<const ast::VarDecl*(const std::string&)> global_by_name_;
	std::map<const ast::Function*, Direct> direct_;
};

// Adds a use: a write wins over a read.
void add_lock(LockSet& set, const ast::VarDecl* global, bool write);

} // namespace stap::codegen
