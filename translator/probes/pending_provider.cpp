#include "probes/pending_provider.h"

#include "parse/printer.h"

namespace stap
{

PendingProvider::PendingProvider(std::string family, std::vector<std::string> patterns)
    : family_(std::move(family)), patterns_(std::move(patterns))
{
}

std::vector<ProbePattern> PendingProvider::patterns() const
{
	std::vector<ProbePattern> list;
	list.reserve(patterns_.size());
	for (const std::string& p : patterns_)
		list.push_back(ProbePattern::parse(p));
	return list;
}

void PendingProvider::build(const ast::ProbePoint& point, ProbeBuildContext& ctx,
			    std::vector<std::unique_ptr<DerivedProbe>>&) const
{
	auto plain = point.clone();
	plain->optional = plain->sufficient = false;
	plain->condition.reset();
	ctx.diags
		.error(DiagKind::SemanticError, point.loc,
		       "probe point '" + to_string(*plain) + "' is not supported yet: the " +
			       family_ + " probe family is not built in this version")
		.span(point.components.front().length);
}

namespace
{

// Every pattern `prefix` + each of `suffixes`.
void add_all(std::vector<std::string>& out, const std::string& prefix,
	     std::initializer_list<const char*> suffixes)
{
	for (const char* s : suffixes)
		out.push_back(prefix + s);
}

// The function and statement probes below one DWARF-described object.
void add_dwarf_points(std::vector<std::string>& out, const std::string& object, bool user)
{
	for (const char* arg : {"(string)", "(number)"}) {
		std::string fn = object + ".function" + arg;
		add_all(out, fn, {"", ".call", ".exported", ".return"});
		if (!user || std::string(arg) == "(string)")
			add_all(out, fn, {".return.maxactive(number)"});
		if (std::string(arg) == "(string)")
			add_all(out, fn,
				{".inline", ".label(string)", ".callee(string)",
				 ".callee(string).call", ".callee(string).return", ".callees",
				 ".callees(number)"});
		add_all(out, object + ".statement" + arg, {"", ".nearest"});
	}
}

std::vector<std::string> dwarf_patterns()
{
	std::vector<std::string> out;
	add_dwarf_points(out, "kernel", false);
	add_dwarf_points(out, "module(string)", false);
	out.emplace_back("kernel.statement(number).absolute");
	for (const char* process : {"process", "process(string)", "process(number)"}) {
		add_dwarf_points(out, process, true);
		add_dwarf_points(out, std::string(process) + ".library(string)", true);
	}
	return out;
}

std::vector<std::string> process_patterns()
{
	std::vector<std::string> out;
	for (const char* process : {"process", "process(string)", "process(number)"}) {
		std::string p = process;
		add_all(out, p,
			{".begin", ".end", ".thread.begin", ".thread.end", ".syscall",
			 ".syscall.return", ".plt", ".plt.return", ".plt(string)",
			 ".plt(string).return", ".mark(string)", ".provider(string).mark(string)",
			 ".library(string).plt", ".library(string).plt(string)",
			 ".library(string).mark(string)"});
		if (p != "process")
			add_all(out, p, {".insn", ".insn.block"});
	}
	out.emplace_back("process(number).statement(number).absolute");
	out.emplace_back("process(number).statement(number).absolute.return");
	return out;
}

std::vector<std::string> procfs_patterns()
{
	std::vector<std::string> out;
	for (const char* base : {"procfs", "procfs(string)"})
		add_all(out, base,
			{".read", ".read.maxsize(number)", ".umask(number).read",
			 ".umask(number).read.maxsize(number)", ".write", ".umask(number).write"});
	return out;
}

} // namespace

std::vector<std::unique_ptr<ProbeProvider>> make_pending_providers()
{
	std::vector<std::unique_ptr<ProbeProvider>> list;
	auto add = [&list](const char* family, std::vector<std::string> patterns) {
		list.push_back(std::make_unique<PendingProvider>(family, std::move(patterns)));
	};
	add("dwarf", dwarf_patterns());
	add("kprobe",
	    {"kprobe.function(string)", "kprobe.function(string).call",
	     "kprobe.function(string).return", "kprobe.function(string).return.maxactive(number)",
	     "kprobe.module(string).function(string)",
	     "kprobe.module(string).function(string).call",
	     "kprobe.module(string).function(string).return",
	     "kprobe.module(string).function(string).return.maxactive(number)",
	     "kprobe.statement(number).absolute"});
	add("user-space process", process_patterns());
	add("tracepoint", {"kernel.trace(string)"});
	add("kernel marker", {"kernel.mark(string)", "kernel.mark(string).format(string)"});
	add("hardware breakpoint",
	    {"kernel.data(number).write", "kernel.data(number).rw",
	     "kernel.data(number).length(number).write", "kernel.data(number).length(number).rw",
	     "kernel.data(string).write", "kernel.data(string).rw"});
	add("perf",
	    {"perf.type(number).config(number)", "perf.type(number).config(number).sample(number)",
	     "perf.type(number).config(number).hz(number)",
	     "perf.type(number).config(number).process",
	     "perf.type(number).config(number).process(string)",
	     "perf.type(number).config(number).counter(string)",
	     "perf.type(number).config(number).process(string).counter(string)"});
	add("procfs", procfs_patterns());
	add("netfilter", {"netfilter.hook(string).pf(string)",
			  "netfilter.hook(string).pf(string).priority(string)",
			  "netfilter.pf(string).hook(string)",
			  "netfilter.pf(string).hook(string).priority(string)"});
	return list;
}

} // namespace stap
