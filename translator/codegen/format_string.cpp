#include "codegen/format_string.h"

#include <cstring>

namespace stap::codegen
{

std::variant<FormatSpec, FormatError> parse_format(std::string_view fmt)
{
	FormatSpec spec;
	std::size_t i = 0;
	while (i < fmt.size()) {
		if (fmt[i] != '%') {
			++i;
			continue;
		}
		std::size_t start = i++;
		while (i < fmt.size() && std::strchr("-+ #0", fmt[i]) != nullptr)
			++i;
		if (i < fmt.size() && fmt[i] == '*') {
			spec.args.push_back(FormatArg::Long);
			++i;
		} else {
			while (i < fmt.size() && fmt[i] >= '0' && fmt[i] <= '9')
				++i;
		}
		if (i < fmt.size() && fmt[i] == '.') {
			++i;
			if (i < fmt.size() && fmt[i] == '*') {
				spec.args.push_back(FormatArg::Long);
				++i;
			} else {
				while (i < fmt.size() && fmt[i] >= '0' && fmt[i] <= '9')
					++i;
			}
		}
		while (i < fmt.size() && std::strchr("hlLqjzt", fmt[i]) != nullptr)
			++i;
		if (i == fmt.size())
			return FormatError{"format ends in an incomplete conversion '" +
						   std::string(fmt.substr(start)) + "'",
					   start};
		char conv = fmt[i++];
		switch (conv) {
		case 'd':
		case 'i':
		case 'u':
		case 'x':
		case 'X':
		case 'o':
		case 'p':
		case 'c':
		case 'b':
			spec.args.push_back(FormatArg::Long);
			break;
		case 'm':
		case 'M':
			spec.args.push_back(FormatArg::Long);
			spec.reads_memory = true;
			break;
		case 's':
			spec.args.push_back(FormatArg::String);
			break;
		case '%':
			break;
		default:
			return FormatError{"invalid conversion '" +
						   std::string(fmt.substr(start, i - start)) +
						   "' in format",
					   start};
		}
	}
	return spec;
}

std::string literal_format(std::string_view text)
{
	std::string out;
	for (char c : text) {
		out += c;
		if (c == '%')
			out += '%';
	}
	return out;
}

const char* print_conversion(ast::Type type)
{
	return type == ast::Type::String ? "%s" : "%d";
}

} // namespace stap::codegen
