#include "driver/pass_manager.h"

#include "build/subprocess.h"

#include <chrono>
#include <ostream>
#include <stdexcept>
#include <sys/resource.h>

namespace stap
{

namespace
{

long now_ms()
{
	return static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(
					 std::chrono::steady_clock::now().time_since_epoch())
					 .count());
}

long ms_of(const timeval& tv)
{
	return static_cast<long>(tv.tv_sec) * 1000 + static_cast<long>(tv.tv_usec) / 1000;
}

// CPU time of this process and of its waited-for children (the compiler,
// staprun): stap's passes spend theirs in both.
void cpu_ms(long& user, long& sys)
{
	rusage self{}, children{};
	getrusage(RUSAGE_SELF, &self);
	getrusage(RUSAGE_CHILDREN, &children);
	user = ms_of(self.ru_utime) + ms_of(children.ru_utime);
	sys = ms_of(self.ru_stime) + ms_of(children.ru_stime);
}

} // namespace

PassTimer::PassTimer() : real_ms_(now_ms())
{
	cpu_ms(user_ms_, sys_ms_);
}

std::string PassTimer::elapsed() const
{
	long user = 0, sys = 0;
	cpu_ms(user, sys);
	return "in " + std::to_string(user - user_ms_) + "usr/" + std::to_string(sys - sys_ms_) +
	       "sys/" + std::to_string(now_ms() - real_ms_) + "real ms.";
}

void PassManager::add(Pass pass)
{
	if (pass.number < 1 || pass.number > 5 ||
	    (!passes_.empty() && pass.number <= passes_.rbegin()->first))
		throw std::logic_error("passes must be added in order");
	passes_[pass.number] = std::move(pass);
}

int PassManager::run(Session& s, int first)
{
	if (!s.setup_error.empty()) {
		s.err << "stap: " << s.setup_error << "\n";
		return 1;
	}
	const int last = s.options.last_pass;
	for (int number = first; number <= last; ++number) {
		auto it = passes_.find(number);
		if (it == passes_.end()) {
			int done = number - 1;
			s.err << "stap: pass " << number
			      << " is not available yet in this version; stopping after pass "
			      << done << " (use -p" << done << " to see its result).\n";
			return 1;
		}
		if (int sig = interruption(); sig != 0)
			return 128 + sig; // Ctrl-C: no further pass
		const Pass& pass = it->second;
		const bool verbose = s.options.verbosity(pass.number) > 0;
		if (verbose && !pass.start_message.empty())
			s.err << "Pass " << pass.number << ": " << pass.start_message << "\n";
		PassTimer timer;
		bool ok = pass.run(s);
		s.diags.emit(s.err);
		if (!ok || s.diags.has_errors()) {
			s.err << "Pass " << pass.number << ": " << pass.failure << ".\n";
			return s.failure_status;
		}
		if (verbose && pass.summary) {
			s.err << "Pass " << pass.number << ": " << pass.summary(s);
			if (pass.timed)
				s.err << " " << timer.elapsed();
			s.err << "\n";
		}
		if (pass.number == last && pass.print)
			pass.print(s);
	}
	return 0;
}

} // namespace stap
