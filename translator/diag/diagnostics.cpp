#include "diag/diagnostics.h"

#include "diag/source_manager.h"

#include <ostream>

namespace stap
{

namespace
{

// A run that produces more diagnostics than this is stuck in a loop of
// cascading errors; keeping them all would only consume memory.
constexpr std::size_t kMaxStoredDiagnostics = 10000;

constexpr const char* kColorError = "\033[01;31m";
constexpr const char* kColorWarning = "\033[00;33m";
constexpr const char* kColorCaret = "\033[01m";
constexpr const char* kColorReset = "\033[0m";

} // namespace

const char* diag_kind_label(DiagKind kind)
{
	switch (kind) {
	case DiagKind::ParseError:
		return "parse error";
	case DiagKind::SemanticError:
		return "semantic error";
	case DiagKind::Error:
		return "error";
	case DiagKind::Warning:
		return "warning";
	}
	return "error";
}

Diagnostic& Diagnostic::note(std::string text, SourceLocation at)
{
	notes.push_back(DiagNote{at, std::move(text)});
	return *this;
}

Diagnostic& Diagnostic::span(std::uint32_t columns)
{
	length = columns == 0 ? 1 : columns;
	return *this;
}

Diagnostics::Diagnostics(const SourceManager& sources) : sources_(sources) {}

bool Diagnostics::is_duplicate(const Diagnostic& d) const
{
	for (const Diagnostic& other : diags_)
		if (other.kind == d.kind && other.loc == d.loc && other.message == d.message)
			return true;
	return false;
}

Diagnostic& Diagnostics::error(DiagKind kind, SourceLocation loc, std::string message)
{
	if (kind == DiagKind::Warning)
		return warning(loc, std::move(message));
	Diagnostic d{kind, loc, 1, std::move(message), {}};
	++errors_;
	if (diags_.size() >= kMaxStoredDiagnostics || is_duplicate(d)) {
		discarded_ = std::move(d);
		return discarded_;
	}
	diags_.push_back(std::move(d));
	return diags_.back();
}

Diagnostic& Diagnostics::warning(SourceLocation loc, std::string message)
{
	Diagnostic d{DiagKind::Warning, loc, 1, std::move(message), {}};
	if (warnings_as_errors_)
		d.kind = DiagKind::Error;
	if ((suppress_warnings_ && !warnings_as_errors_) ||
	    diags_.size() >= kMaxStoredDiagnostics || is_duplicate(d)) {
		discarded_ = std::move(d);
		return discarded_;
	}
	if (d.kind == DiagKind::Warning)
		++warnings_;
	else
		++errors_;
	diags_.push_back(std::move(d));
	return diags_.back();
}

void Diagnostics::render(std::ostream& out, const Diagnostic& d) const
{
	std::string where = sources_.describe(d.loc);
	if (!where.empty())
		out << where << ": ";
	const char* color = d.kind == DiagKind::Warning ? kColorWarning : kColorError;
	if (color_)
		out << color;
	out << diag_kind_label(d.kind) << ":";
	if (color_)
		out << kColorReset;
	out << " " << d.message << "\n";

	if (d.loc.valid()) {
		std::string_view line = sources_.line_text(d.loc.file, d.loc.line);
		if (!line.empty()) {
			out << "    " << line << "\n    ";
			// Keep tabs so the caret lines up with the quoted text.
			for (std::uint32_t i = 1; i < d.loc.column && i <= line.size(); ++i)
				out << (line[i - 1] == '\t' ? '\t' : ' ');
			if (color_)
				out << kColorCaret;
			out << '^';
			for (std::uint32_t i = 1; i < d.length; ++i)
				out << '~';
			if (color_)
				out << kColorReset;
			out << "\n";
		}
	}
	// A run of identical frames (a recursive macro) is shown once.
	for (const ExpansionFrame* f = d.loc.expansion; f != nullptr;) {
		std::size_t repeats = 1;
		const ExpansionFrame* next = f->site.expansion;
		for (; next != nullptr && next->description == f->description &&
		       next->site.file == f->site.file && next->site.line == f->site.line &&
		       next->site.column == f->site.column;
		     next = next->site.expansion)
			++repeats;
		std::string site = sources_.describe(f->site);
		out << (site.empty() ? "" : site + ": ") << "note: in expansion of "
		    << f->description;
		if (repeats > 1)
			out << " (" << repeats << " times)";
		out << "\n";
		f = next;
	}
	for (const DiagNote& n : d.notes) {
		std::string site = sources_.describe(n.loc);
		out << (site.empty() ? "" : site + ": ") << "note: " << n.message << "\n";
	}
}

void Diagnostics::emit(std::ostream& out)
{
	for (; emitted_ < diags_.size(); ++emitted_)
		render(out, diags_[emitted_]);
	out.flush();
}

} // namespace stap
