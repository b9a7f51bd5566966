// Prints the AST back as script text, in one canonical form (what `stap -p1`
// shows).  The output parses back to the same tree, so printing, reparsing and
// printing again gives identical text.
//
// The form: declarations grouped as top-level embedded C, globals, aliases,
// probes, functions (each group in source order); one statement per line,
// tab-indented, each simple statement ending in ';'; operands that are
// themselves operator expressions in parentheses, so that the tree's shape is
// visible -- x = a + (b * c) -- except the left operand of an operator of the
// same precedence: a + b - c is (a + b) - c.
#pragma once

#include "parse/ast.h"

#include <iosfwd>
#include <string>
#include <string_view>

namespace stap
{

void print_file(std::ostream& out, const ast::File& file);
void print_statement(std::ostream& out, const ast::Stmt& stmt, unsigned indent = 0);

std::string to_string(const ast::Expr& expr);
std::string to_string(const ast::ProbePoint& point); // with ?, ! and condition

// A string literal as script text: "a\"b\n".
std::string quote_string(std::string_view value);

} // namespace stap
