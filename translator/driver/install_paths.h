// Where stap finds its runtime and tapset library.
#pragma once

#include <string>

namespace stap
{

struct InstallPaths {
	std::string runtime_dir;
	std::string tapset_dir;
	std::string vm_dir;  // the qemu VM runner (--remote=qemu)
	std::string bin_dir; // stap's own directory, where staprun is
};

// The runtime and tapsets sit at <bindir>/<STAP_BIN_TO_SHARE>/<project>/ of
// the running executable, in the build tree and once installed alike.
// SYSTEMTAP_RUNTIME and SYSTEMTAP_TAPSET override them, as in SystemTap.
InstallPaths locate_install_paths();

// Directory holding the running executable (from /proc/self/exe).
std::string executable_dir();

} // namespace stap
