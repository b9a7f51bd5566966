#include "driver/pass_manager.h"

#include <chrono>
#include <ostream>
#include <stdexcept>

namespace stap
{

void PassManager::add(Pass pass)
{
	if (pass.number != static_cast<int>(passes_.size()) + 1)
		throw std::logic_error("passes must be added in order");
	passes_.push_back(std::move(pass));
}

int PassManager::run(Session& s)
{
	if (!s.setup_error.empty()) {
		s.err << "stap: " << s.setup_error << "\n";
		return 1;
	}
	const int last = s.options.last_pass;
	for (const Pass& pass : passes_) {
		if (pass.number > last)
			break;
		auto start = std::chrono::steady_clock::now();
		bool ok = pass.run(s);
		auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
			std::chrono::steady_clock::now() - start);
		s.diags.emit(s.err);
		if (!ok || s.diags.has_errors()) {
			s.err << "Pass " << pass.number << ": " << pass.failure << ".\n";
			return 1;
		}
		if (s.options.verbosity(pass.number) > 0 && pass.summary)
			s.err << "Pass " << pass.number << ": " << pass.summary(s) << " in "
			      << elapsed.count() << "ms.\n";
		if (pass.number == last) {
			if (pass.print)
				pass.print(s);
			return 0;
		}
	}
	const int next = static_cast<int>(passes_.size()) + 1;
	s.err << "stap: pass " << next << " is not available yet in this version; "
	      << "stopping after pass " << passes_.size() << " (use -p" << passes_.size()
	      << " to see its result).\n";
	return 1;
}

} // namespace stap
