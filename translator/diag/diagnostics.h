// The one diagnostics facility of the translator.  Every stage reports
// errors and warnings here, with a source location, and carries on so that
// one run reports many problems.  Tests inspect the structured diagnostics;
// emit() renders them for people:
//
//   t.stp:3:15: semantic error: unresolved function call 'fo'
//       probe begin { fo() }
//                     ^~
//   t.stp:3:15: note: did you mean 'foo'?
#pragma once

#include "diag/source_location.h"

#include <cstddef>
#include <iosfwd>
#include <string>
#include <vector>

namespace stap
{

class SourceManager;

enum class DiagKind {
	ParseError,    // pass 1: "parse error"
	SemanticError, // pass 2: "semantic error"
	Error,         // anything else that stops the run: "error"
	Warning,       // "warning"
};

// Text that follows "file:line:col: " for each kind.
const char* diag_kind_label(DiagKind kind);

struct DiagNote {
	SourceLocation loc; // may be invalid: the note is then printed bare
	std::string message;
};

struct Diagnostic {
	DiagKind kind = DiagKind::Error;
	SourceLocation loc;
	std::uint32_t length = 1; // columns to underline at loc
	std::string message;
	std::vector<DiagNote> notes;

	[[nodiscard]] bool is_error() const { return kind != DiagKind::Warning; }
	Diagnostic& note(std::string message, SourceLocation at = {});
	Diagnostic& span(std::uint32_t columns);
};

class Diagnostics
{
public:
	explicit Diagnostics(const SourceManager& sources);

	// The returned reference stays valid until the next report; use it to
	// add notes:  diags.error(...).note("did you mean 'foo'?");
	Diagnostic& error(DiagKind kind, SourceLocation loc, std::string message);
	Diagnostic& warning(SourceLocation loc, std::string message);

	[[nodiscard]] std::size_t error_count() const { return errors_; }
	[[nodiscard]] std::size_t warning_count() const { return warnings_; }
	[[nodiscard]] bool has_errors() const { return errors_ != 0; }
	[[nodiscard]] const std::vector<Diagnostic>& all() const { return diags_; }

	// -w: drop warnings.  -W: report warnings as errors.
	void set_suppress_warnings(bool on) { suppress_warnings_ = on; }
	void set_warnings_as_errors(bool on) { warnings_as_errors_ = on; }
	void set_color(bool on) { color_ = on; }

	// Writes every diagnostic not yet emitted, in report order.
	void emit(std::ostream& out);
	// Renders one diagnostic (no trailing state change).
	void render(std::ostream& out, const Diagnostic& d) const;

private:
	bool is_duplicate(const Diagnostic& d) const;

	const SourceManager& sources_;
	std::vector<Diagnostic> diags_;
	Diagnostic discarded_; // target for suppressed warnings
	std::size_t emitted_ = 0;
	std::size_t errors_ = 0;
	std::size_t warnings_ = 0;
	bool suppress_warnings_ = false;
	bool warnings_as_errors_ = false;
	bool color_ = false;
};

} // namespace stap
