// Declarations: variables, probe points, probes, aliases, functions, files and
// the program.  Part of parse/ast.h: include that instead.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace stap::ast
{

struct File;

// A variable: a global, a function parameter, or a local that pass 2 creates
// at its first use (locals are never declared in the language).
struct VarDecl : Node {
	enum class Scope : std::uint8_t { Local, Global, Param };
	explicit VarDecl(Scope s) : scope(s) {}
	VarDecl(const VarDecl&) = default;
	VarDecl& operator=(const VarDecl&) = delete;
	virtual ~VarDecl() = default;
	[[nodiscard]] virtual std::unique_ptr<VarDecl> clone() const;

	std::string name;
	const Scope scope;
	Type declared_type = Type::Unknown; // `x:long` on a parameter
	// Pass 2:
	Type type = Type::Unknown;     // the value type (of the elements, for an array)
	int arity = -1;                // -1 unknown, 0 scalar, N: array with N keys
	std::vector<Type> index_types; // key types of an array
};

struct GlobalVar : VarDecl {
	GlobalVar() : VarDecl(Scope::Global) {}
	[[nodiscard]] std::unique_ptr<VarDecl> clone() const override;

	ExprPtr init;                     // IntLiteral or StringLiteral; null if none
	std::optional<std::int64_t> size; // `global a[1000]`: maximum entries
	bool wrap = false;                // `global a%`: overwrite the oldest entries
	bool is_private = false;          // visible in its own file only
	const File* file = nullptr;
};

// One dotted part of a probe point: `function("vfs_*")`, `return`, `*`.
struct ProbePointComponent {
	std::string name; // literal text, wildcards included: "sys**open"
	ExprPtr arg;      // IntLiteral or StringLiteral; null if none
	SourceLocation loc;
	std::uint32_t length = 1;

	[[nodiscard]] ProbePointComponent clone() const;
	[[nodiscard]] bool has_wildcard() const { return name.find('*') != std::string::npos; }
};

struct ProbePoint : Node {
	[[nodiscard]] std::unique_ptr<ProbePoint> clone() const;

	std::vector<ProbePointComponent> components;
	bool optional = false;   // `?`, or `!`
	bool sufficient = false; // `!`: if it resolves, skip the rest of the list
	ExprPtr condition;       // `if (expr)`; may be null
};

struct Probe : Node {
	[[nodiscard]] std::unique_ptr<Probe> clone() const;

	std::vector<std::unique_ptr<ProbePoint>> points;
	std::unique_ptr<Block> body;
	std::vector<std::unique_ptr<VarDecl>> locals; // pass 2
	const File* file = nullptr;
};

// probe NAME = targets { prologue } [, { epilogue }]
// probe NAME += targets { epilogue }
struct ProbeAlias : Node {
	[[nodiscard]] std::unique_ptr<ProbeAlias> clone() const;

	std::unique_ptr<ProbePoint> name; // may hold wildcards and arguments
	std::vector<std::unique_ptr<ProbePoint>> targets;
	std::unique_ptr<Block> prologue; // null for `+=`
	std::unique_ptr<Block> epilogue; // null for `=` without a second block
	const File* file = nullptr;
};

struct Function : Node {
	[[nodiscard]] std::unique_ptr<Function> clone() const;

	std::string name;
	std::vector<std::unique_ptr<VarDecl>> params;
	Type declared_type = Type::Unknown; // `function f:long (...)`
	std::unique_ptr<Block> body;        // null for an embedded-C function
	std::optional<EmbeddedCode> embedded;
	std::optional<std::int64_t> priority; // `function f() :3 { }`
	bool is_private = false;
	const File* file = nullptr;
	// Pass 2:
	Type type = Type::Unknown; // return type
	std::vector<std::unique_ptr<VarDecl>> locals;
};

// One parsed script or tapset file.  Declarations are grouped by kind, each
// group in source order.
struct File {
	std::string name;
	std::uint32_t source = 0; // SourceManager file id
	bool is_tapset = false;   // from the tapset library or an -I directory

	std::vector<EmbeddedCode> embedded; // top-level %{ %}
	std::vector<std::unique_ptr<GlobalVar>> globals;
	std::vector<std::unique_ptr<ProbeAlias>> aliases;
	std::vector<std::unique_ptr<Probe>> probes;
	std::vector<std::unique_ptr<Function>> functions;
};

// The whole program: the user's script files (-e/-E/FILE, in command line
// order), then the tapset files pass 2 pulls in.
struct Program {
	std::vector<std::unique_ptr<File>> files;
};

} // namespace stap::ast
