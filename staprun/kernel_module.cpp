#include "kernel_module.h"

#include "runtime/protocol.h"

#include <fcntl.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

namespace staprun
{

namespace
{

const char kDebugfs[] = "/sys/kernel/debug";

// What the kernel's kstrtoll(s, 0) accepts: optional sign, then decimal,
// 0x hex or 0 octal digits.
bool is_integer(std::string_view s)
{
	if (!s.empty() && (s[0] == '-' || s[0] == '+'))
		s.remove_prefix(1);
	int base = 10;
	if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s.remove_prefix(2);
	} else if (s.size() > 1 && s[0] == '0') {
		base = 8;
		s.remove_prefix(1);
	}
	unsigned long long v = 0;
	auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v, base);
	return !s.empty() && ec == std::errc() && ptr == s.data() + s.size();
}

} // namespace

std::string running_release()
{
	struct utsname u;
	if (uname(&u) != 0)
		return "";
	return u.release;
}

bool module_loaded(const std::string& name)
{
	std::ifstream in("/proc/modules");
	std::string line;
	while (std::getline(in, line))
		if (line.compare(0, name.size() + 1, name + " ") == 0)
			return true;
	return false;
}

Params build_params(const ModuleInfo& info, const std::vector<std::string>& settings,
		    int bufsize_mb)
{
	Params p;
	for (const std::string& s : settings) {
		size_t eq = s.find('=');
		if (eq == std::string::npos || eq == 0) {
			p.error = "module option '" + s + "' is not NAME=VALUE";
			return p;
		}
		std::string name = s.substr(0, eq), value = s.substr(eq + 1);
		const ModuleParam* param = info.param(name);
		if (!param || name.starts_with("_stp_")) {
			std::string known;
			for (const ModuleParam& mp : info.params)
				if (!mp.name.starts_with("_stp_"))
					known += (known.empty() ? "" : ", ") + mp.name;
			p.error = "the module has no global '" + name + "' to set" +
				  (known.empty() ? std::string(" (it has none)")
						 : " (it has: " + known + ")");
			return p;
		}
		if (param->type == "long" && !is_integer(value)) {
			p.error = "global '";
			p.error.append(name).append("' takes a number, not '").append(value) += "'";
			return p;
		}
		if (value.find('"') != std::string::npos) {
			p.error = "the value of '" + name + "' cannot contain '\"'";
			return p;
		}
		if (!p.text.empty())
			p.text += ' ';
		// The kernel's argument parser takes quoted values with spaces.
		bool quote = value.find_first_of(" \t\n") != std::string::npos;
		p.text.append(name).append(quote ? "=\"" : "=").append(value);
		if (quote)
			p.text += '"';
	}
	if (bufsize_mb > 0)
		p.text += (p.text.empty() ? "" : " ") + std::string("_stp_bufsize=") +
			  std::to_string(bufsize_mb);
	return p;
}

int load_module(int fd, const std::string& params)
{
	if (syscall(SYS_finit_module, fd, params.c_str(), 0) != 0)
		return errno;
	return 0;
}

int unload_module(const std::string& name)
{
	for (int attempt = 0;; attempt++) {
		if (syscall(SYS_delete_module, name.c_str(), O_NONBLOCK) == 0)
			return 0;
		int err = errno;
		// Our files may still be released by the kernel: wait a little.
		if ((err != EAGAIN && err != EBUSY) || attempt >= 50)
			return err;
		std::this_thread::sleep_for(std::chrono::milliseconds(20));
	}
}

std::string ensure_debugfs()
{
	std::ifstream in("/proc/mounts");
	std::string dev, dir, type;
	while (in >> dev >> dir >> type) {
		if (dir == kDebugfs && type == "debugfs")
			return "";
		in.ignore(4096, '\n');
	}
	if (mount("debugfs", kDebugfs, "debugfs", 0, nullptr) != 0)
		return std::string("cannot mount debugfs on ") + kDebugfs + ": " +
		       std::strerror(errno);
	return "";
}

std::string module_debugfs_dir(const std::string& name)
{
	return std::string(kDebugfs) + "/" + STP_DEBUGFS_DIR + "/" + name;
}

} // namespace staprun
