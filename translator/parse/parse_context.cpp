#include "parse/parse_context.h"

namespace stap
{

Diagnostic* ParseContext::error(SourceLocation loc, std::string message, std::uint32_t length)
{
	if (gave_up())
		return nullptr;
	Diagnostic& d = diags.error(DiagKind::ParseError, loc, std::move(message)).span(length);
	if (++errors_in_file_ == kMaxErrorsPerFile)
		d.note("too many errors in this file; giving up on it");
	return &d;
}

std::uint32_t ParseContext::script_arg_file(std::size_t index)
{
	script_arg_files_.resize(env.script_args.size(), 0);
	std::uint32_t& id = script_arg_files_.at(index - 1);
	if (id == 0)
		id = sources.add_file("script argument $" + std::to_string(index),
				      env.script_args[index - 1]);
	return id;
}

} // namespace stap
