#include "elaborate/print_format.h"

#include <cctype>

namespace stap
{

namespace
{

bool is_digit(char c)
{
	return std::isdigit(static_cast<unsigned char>(c)) != 0;
}

} // namespace

PrintFormatSpec parse_print_format(std::string_view f)
{
	PrintFormatSpec spec;
	std::size_t i = 0;
	auto fail = [&spec](std::size_t at, std::string what) {
		spec.error = std::move(what);
		spec.error_offset = at;
		return spec;
	};
	while (i < f.size()) {
		if (f[i] != '%') {
			++i;
			continue;
		}
		const std::size_t start = i++;
		if (i < f.size() && f[i] == '%') {
			++i;
			continue;
		}
		while (i < f.size() &&
		       std::string_view("-+ #0").find(f[i]) != std::string_view::npos)
			++i;
		if (i < f.size() && f[i] == '*') {
			spec.arguments.push_back(ast::Type::Long);
			++i;
		} else {
			while (i < f.size() && is_digit(f[i]))
				++i;
		}
		if (i < f.size() && f[i] == '.') {
			++i;
			if (i < f.size() && f[i] == '*') {
				spec.arguments.push_back(ast::Type::Long);
				++i;
			} else {
				while (i < f.size() && is_digit(f[i]))
					++i;
			}
		}
		if (i < f.size() && f[i] == 'l')
			++i;
		if (i == f.size())
			return fail(start, "the conversion at '" + std::string(f.substr(start)) +
						   "' has no conversion specifier");
		const char conv = f[i++];
		switch (conv) {
		case 'd':
		case 'i':
		case 'o':
		case 'u':
		case 'x':
		case 'X':
		case 'p':
		case 'c':
		case 'b':
		case 'm':
		case 'M':
			spec.arguments.push_back(ast::Type::Long);
			break;
		case 's':
			spec.arguments.push_back(ast::Type::String);
			break;
		default:
			return fail(start, "invalid conversion specifier '" +
						   std::string(f.substr(start, i - start)) +
						   "': expected one of d i o u x X p c b m M s %");
		}
	}
	return spec;
}

} // namespace stap
