// stap --remote URL.  The one execution target besides the local machine is
// a disposable qemu VM: --remote=qemu[:RELEASE] builds the module for an
// installed kernel (RELEASE is a release or a series such as 6.1; by
// default the newest installed) and runs pass 5 in a VM booting that
// kernel, with the VM runner (share/stapforge/vm/stap-vm, the testsuite's
// runner), streaming the script's output.
#pragma once

#include "driver/install_paths.h"

#include <string>
#include <vector>

namespace stap
{

struct RemoteTarget {
	bool qemu = false;
	std::string kernel_spec; // "" = the newest installed kernel
};

// False with `error` for URLs other than qemu[:SPEC] or more than one.
bool parse_remotes(const std::vector<std::string>& urls, RemoteTarget& target, std::string& error);

// The release the VM runner boots for `spec`; "" with `error` if none.
std::string resolve_vm_kernel(const InstallPaths& paths, const std::string& spec,
			      std::string& error);

// The VM runner's command line that boots `release`, copies the module in
// and runs `command` (a shell command in the guest) streaming its output;
// `fetch` ("GUESTDIR:HOSTDIR", optional) copies files back afterwards.
std::vector<std::string> vm_stream_command(const InstallPaths& paths, const std::string& release,
					   const std::string& cache_dir,
					   const std::string& module_path,
					   const std::string& guest_module_path,
					   const std::string& command, const std::string& fetch,
					   bool verbose);

} // namespace stap
