// Lines of C with kernel-style indentation (tabs).  Expression emission
// can divert what it writes into a side buffer (capture) to decide, once
// an operand is done, whether earlier operands must be saved first.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace stap::codegen
{

class CWriter
{
public:
	void line(std::string_view text)
	{
		std::string l(static_cast<std::size_t>(depth_), '\t');
		l += text;
		out().push_back(std::move(l));
	}
	// A label: at the left margin, as kernel style has them.
	void label(std::string_view name) { out().push_back(std::string(name) + ":"); }
	// "text {" and one level deeper.
	void open(std::string_view text)
	{
		line(std::string(text) + (text.empty() ? "{" : " {"));
		++depth_;
	}
	// One level up and "}" followed by `suffix`.
	void close(std::string_view suffix = "")
	{
		--depth_;
		line("}" + std::string(suffix));
	}
	void indent() { ++depth_; }
	void dedent() { --depth_; }
	[[nodiscard]] int depth() const { return depth_; }

	// Lines written since begin_capture() go to a side buffer that
	// end_capture() returns; captures nest.
	void begin_capture() { captures_.emplace_back(); }
	std::vector<std::string> end_capture()
	{
		std::vector<std::string> lines = std::move(captures_.back());
		captures_.pop_back();
		return lines;
	}
	void append(const std::vector<std::string>& lines)
	{
		for (const std::string& l : lines)
			out().push_back(l);
	}

	[[nodiscard]] std::string text() const
	{
		std::string s;
		for (const std::string& l : lines_) {
			s += l;
			s += '\n';
		}
		return s;
	}
	[[nodiscard]] const std::vector<std::string>& lines() const { return lines_; }

private:
	std::vector<std::string>& out() { return captures_.empty() ? lines_ : captures_.back(); }

	std::vector<std::string> lines_;
	std::vector<std::vector<std::string>> captures_;
	int depth_ = 0;
};

} // namespace stap::codegen
