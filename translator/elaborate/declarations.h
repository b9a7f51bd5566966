// Every declaration of every file pass 2 may draw on: the user's files,
// which are in the program from the start, and the tapset library's, which
// join the program when something in them is used (stap(1) PROCESSING: "If
// any tapset script file is selected because it defines an unresolved
// symbol, then the entirety of that file is added").
//
// Lookups follow stap's scoping: one namespace of globals and one of
// functions for the whole program, except that `private` declarations are
// visible only inside their own file.  The user's scripts come first, so a
// user declaration hides a tapset one of the same name.
#pragma once

#include "parse/ast.h"

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace stap
{

class Declarations
{
public:
	// Files in search order: the user's files first, then the library's.
	void add_program_file(ast::File& file);
	// `slot` is the library's owning pointer; pull() moves the file out.
	void add_library_file(std::unique_ptr<ast::File>& slot);

	[[nodiscard]] bool in_program(const ast::File& file) const;
	[[nodiscard]] bool is_library_file(const ast::File& file) const;
	// Whether SourceManager file `source` is a tapset (.stp) file.
	[[nodiscard]] bool is_library_source(std::uint32_t source) const
	{
		return library_sources_.contains(source);
	}
	// Moves a library file into `program`; false if it already was there.
	bool pull(const ast::File& file, ast::Program& program);

	// The global `name` as code in `from` sees it: from's own private one,
	// else the first public one in the program, else the first in the
	// library (which the caller then pulls in).  Null if there is none.
	[[nodiscard]] ast::GlobalVar* find_global(std::string_view name,
						  const ast::File* from) const;
	// Every function called `name` that code in `from` may call, in search
	// order, in the program or in the library.
	[[nodiscard]] std::vector<ast::Function*> find_functions(std::string_view name,
								 const ast::File* from) const;

	// Names visible from `from`, for "did you mean" notes.
	[[nodiscard]] std::vector<std::string> global_names(const ast::File* from) const;
	[[nodiscard]] std::vector<std::string> function_names(const ast::File* from) const;

	// Every alias of every file, in search order.
	[[nodiscard]] const std::vector<const ast::ProbeAlias*>& aliases() const
	{
		return aliases_;
	}

private:
	struct FileState {
		std::unique_ptr<ast::File>* slot = nullptr; // library files only
		bool in_program = false;
	};
	void index(ast::File& file);
	[[nodiscard]] bool visible(const ast::File* owner, bool is_private,
				   const ast::File* from) const
	{
		return !is_private || owner == from;
	}

	std::unordered_map<const ast::File*, FileState> files_;
	std::unordered_map<std::string, std::vector<ast::GlobalVar*>> globals_;
	std::unordered_map<std::string, std::vector<ast::Function*>> functions_;
	std::vector<const ast::ProbeAlias*> aliases_;
	std::unordered_set<std::uint32_t> library_sources_;
};

} // namespace stap
