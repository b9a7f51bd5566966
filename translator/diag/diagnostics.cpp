#include "diag/diagnostics.h"

#include "diag/source_manager.h"

#include <algorithm>
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
			// A very long line (generated or minified input) is shown as
			// a window around the culprit, with "..." where it was cut.
			constexpr std::size_t kWindow = 160;
			constexpr std::size_t kLeadIn = 60;
			std::size_t column = d.loc.column == 0 ? 0 : d.loc.column - 1;
			std::size_t start = 0;
			if (line.size() > kWindow && column > kLeadIn)
				start = std::min(column - kLeadIn, line.size() - kWindow);
			std::string_view shown = line.substr(start, kWindow);
			bool cut_before = start > 0;
			bool cut_after = start + shown.size() < line.size();
			out << "    " << (cut_before ? "..." : "") << shown
			    << (cut_after ? "..." : "") << "\n    " << (cut_before ? "   " : "");
			// Keep tabs so the caret lines up with the quoted text.
			for (std::size_t i = start; i < column && i < start + shown.size(); ++i)
				out << (line[i] == '\t' ? '\t' : ' ');
			if (color_)
				out << kColorCaret;
			out << '^';
			std::size_t end =
				std::min<std::size_t>(column + std::max<std::uint32_t>(d.length, 1),
						      start + shown.size());
			for (std::size_t i = column + 1; i < end; ++i)
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
