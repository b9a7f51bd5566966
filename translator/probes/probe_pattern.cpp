#include "probes/probe_pattern.h"

#include <stdexcept>

namespace stap
{

const char* arg_kind_name(ArgKind kind)
{
	switch (kind) {
	case ArgKind::None:
		return "";
	case ArgKind::Number:
		return "number";
	case ArgKind::String:
		return "string";
	}
	return "";
}

ArgKind arg_kind_of(const ast::ProbePointComponent& component)
{
	if (component.arg == nullptr)
		return ArgKind::None;
	return component.arg->kind == ast::ExprKind::StringLiteral ? ArgKind::String
								   : ArgKind::Number;
}

std::string PatternComponent::text() const
{
	if (arg == ArgKind::None)
		return name;
	return name + "(" + arg_kind_name(arg) + ")";
}

ProbePattern ProbePattern::parse(std::string_view text)
{
	ProbePattern pattern;
	std::size_t pos = 0;
	while (pos <= text.size()) {
		std::size_t end = text.find('.', pos);
		if (end == std::string_view::npos)
			end = text.size();
		std::string_view part = text.substr(pos, end - pos);
		PatternComponent c;
		std::size_t paren = part.find('(');
		if (paren == std::string_view::npos) {
			c.name = part;
		} else {
			std::string_view arg = part.substr(paren);
			c.name = part.substr(0, paren);
			if (arg == "(number)")
				c.arg = ArgKind::Number;
			else if (arg == "(string)")
				c.arg = ArgKind::String;
			else
				throw std::invalid_argument("bad probe pattern argument in '" +
							    std::string(text) + "'");
		}
		if (c.name.empty())
			throw std::invalid_argument("empty component in probe pattern '" +
						    std::string(text) + "'");
		pattern.components.push_back(std::move(c));
		pos = end + 1;
	}
	return pattern;
}

std::string ProbePattern::text() const
{
	std::string out;
	for (const PatternComponent& c : components) {
		if (!out.empty())
			out += '.';
		out += c.text();
	}
	return out;
}

} // namespace stap
