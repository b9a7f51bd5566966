#include "elaborate/program_printer.h"

#include "parse/printer.h"

#include <ostream>
#include <sstream>

namespace stap
{

std::string describe_variable(const ast::VarDecl& var)
{
	std::string text = var.name + ":" + ast::type_name(var.type);
	if (var.arity > 0) {
		text += " [";
		for (int i = 0; i < var.arity; ++i) {
			auto t = static_cast<std::size_t>(i) < var.index_types.size()
					 ? var.index_types[static_cast<std::size_t>(i)]
					 : ast::Type::Unknown;
			text += (i > 0 ? ", " : "") + std::string(ast::type_name(t));
		}
		text += "]";
	}
	return text;
}

std::string describe_function(const ast::Function& function)
{
	std::string text = function.name + ":" + ast::type_name(function.type) + " (";
	for (std::size_t i = 0; i < function.params.size(); ++i)
		text += (i > 0 ? ", " : "") + describe_variable(*function.params[i]);
	return text + ")";
}

namespace
{

void print_locals(std::ostream& out, const std::vector<std::unique_ptr<ast::VarDecl>>& locals)
{
	if (locals.empty())
		return;
	out << "  # locals\n";
	for (const auto& l : locals)
		out << "  " << describe_variable(*l) << "\n";
}

} // namespace

void print_elaborated(std::ostream& out, const ElaboratedProgram& p, bool verbose)
{
	if (!p.embeds.empty()) {
		out << "# global embedded code\n";
		for (const ast::EmbeddedCode* code : p.embeds)
			out << "%{" << code->code << "%}\n";
	}
	if (!p.globals.empty()) {
		out << "# globals\n";
		for (const ast::GlobalVar* g : p.globals) {
			out << describe_variable(*g);
			if (verbose && g->init)
				out << " = " << to_string(*g->init);
			out << "\n";
		}
	}
	if (!p.functions.empty()) {
		out << "# functions\n";
		for (const ast::Function* f : p.functions) {
			out << describe_function(*f) << "\n";
			print_locals(out, f->locals);
			if (!verbose)
				continue;
			if (f->embedded)
				out << "%{" << f->embedded->code << "%}\n";
			else if (f->body)
				print_statement(out, *f->body);
		}
	}
	if (!p.probes.empty()) {
		out << "# probes\n";
		for (const auto& d : p.probes) {
			out << to_string(d->point());
			if (const auto& cond = d->handler->points.front()->condition)
				out << " if (" << to_string(*cond) << ")";
			out << " /* <- " << d->origin << " */\n";
			if (verbose) {
				std::ostringstream detail;
				d->describe(detail);
				if (!detail.str().empty())
					out << "  # " << detail.str() << "\n";
			}
			print_locals(out, d->handler->locals);
			if (verbose)
				print_statement(out, *d->handler->body);
		}
	}
	out.flush();
}

} // namespace stap
