// What every part of one module's code generation shares: the globals and
// functions with their C names, the regular expressions compiled so far,
// the locations of run-time errors, and where translate-time errors go.
#pragma once

#include "codegen/regex.h"
#include "parse/ast.h"

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

namespace stap
{
class Diagnostics;
class SourceManager;
} // namespace stap

namespace stap::codegen
{

enum class GlobalKind : std::uint8_t { Long, String, Map, Stat, StatMap };

// What an aggregate gathers: at most one histogram shape (the runtime keeps
// one per aggregate).
struct HistSpec {
	ast::HistogramOp::Shape shape = ast::HistogramOp::Shape::Log;
	bool present = false;
	std::int64_t start = 0, stop = 0, interval = 0; // linear
};

struct GlobalInfo {
	const ast::GlobalVar* decl = nullptr;
	GlobalKind kind = GlobalKind::Long;
	std::size_t index = 0; // in lock order
	std::string c_name;    // g_NAME
	std::string enum_name; // G_NAME
	std::string desc;      // g_NAME_desc (arrays and aggregates)
	HistSpec hist;         // Stat, StatMap
	std::uint8_t bit_shift = 0;
	bool variance = false; // @variance read or sorted by: <<< computes it

	[[nodiscard]] bool is_array() const
	{
		return kind == GlobalKind::Map || kind == GlobalKind::StatMap;
	}
};

struct FunctionInfo {
	const ast::Function* decl = nullptr;
	std::string c_name;        // function_NAME (an overload: function_NAME__N)
	std::string frame;         // member of union stp_frame ("f_NAME")
	std::string locals_struct; // struct function_NAME_locals
	// The overloads a call runs, when more than this one (or when the
	// function says `next`): calls go through dispatcher instead.
	std::vector<const ast::Function*> chain;
	std::string dispatcher; // function_NAME__call, or empty
	bool nexts = false;     // its body or embedded code can `next`
};

class ModuleContext
{
public:
	ModuleContext(const SourceManager& sources, Diagnostics& diags, std::uint32_t maxstringlen);

	const SourceManager& sources;
	Diagnostics& diags;
	const std::uint32_t maxstringlen; // the effective MAXSTRINGLEN, for literals

	std::unordered_map<const ast::VarDecl*, GlobalInfo> globals;
	std::vector<const GlobalInfo*> global_order;
	std::unordered_map<const ast::Function*, FunctionInfo> functions;

	[[nodiscard]] const GlobalInfo* global(const ast::VarDecl* decl) const;
	[[nodiscard]] const GlobalInfo* global_named(const std::string& name) const;
	[[nodiscard]] const FunctionInfo& function(const ast::Function* f) const;

	// A C string literal naming where `loc` is, for run-time errors:
	// "\"operator '/' at t.stp:3:12\"".
	std::string location(const SourceLocation& loc);

	// The C name of the compiled regex for `pattern` (compiled once), or
	// "" after reporting an invalid one at `loc`.
	std::string regex(const std::string& pattern, const SourceLocation& loc);
	// The tables of every regex, in first-use order.
	[[nodiscard]] std::string regex_definitions() const;

	// Reports a translate-time error.
	void error(const SourceLocation& loc, const std::string& message);

private:
	std::map<std::string, std::string> regex_names_;
	std::vector<std::pair<std::string, RegexDfa>> regexes_;
};

} // namespace stap::codegen
