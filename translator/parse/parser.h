// Pass 1 entry points: parse a script or tapset file into an ast::File, and
// read a .stpm macro library file.
//
// A file goes through the token pipeline
//
//   Lexer -> MacroExpander -> ConditionalPreprocessor -> ScriptArgSubstituter
//         -> Parser
//
// and every problem is reported to the ParseContext's diagnostics; parsing
// goes on after an error (resynchronising at the next statement or
// declaration) so that one run reports many errors.  No input makes it
// crash, loop or exhaust memory: nesting, macro expansion, brace expansion and
// the number of errors per file are all bounded.
#pragma once

#include "parse/ast.h"
#include "parse/macro.h"
#include "parse/parse_context.h"

#include <memory>

namespace stap
{

enum class FileKind : std::uint8_t {
	Script, // a user script: embedded C only in guru mode
	Tapset, // a tapset library file: embedded C always allowed
};

// Bounds that keep the parser's recursion, and every later recursive pass
// over the tree, within the stack: nesting (parentheses, blocks, unary
// operators, ...) and the height of the tree (nesting plus chains such as
// a + b + c + ...).  Beyond them, the file is reported and not parsed further.
constexpr unsigned kMaxNesting = 500;
constexpr unsigned kMaxTreeHeight = 1000;

// Parses registered source `source`.  Always returns a File, holding what
// could be parsed; errors are in ctx.diags.
std::unique_ptr<ast::File> parse_file(ParseContext& ctx, std::uint32_t source, FileKind kind,
				      const MacroTable* library_macros = nullptr);

// Reads the @define's of a .stpm file (which may be wrapped in %( %)
// conditionals, and may hold nothing else) into `macros`.
void parse_macro_file(ParseContext& ctx, std::uint32_t source, MacroTable& macros);

} // namespace stap
