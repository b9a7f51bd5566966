// Loading and removing modules, and what the kernel must provide first.
#pragma once

#include "module_info.h"

#include <string>
#include <vector>

namespace staprun
{

// The release of the running kernel (uname -r).
std::string running_release();

// Whether a module of this name is loaded (listed in /proc/modules).
bool module_loaded(const std::string& name);

struct Params {
	std::string text; // for finit_module
	std::string error;
};

// The parameter string for NAME=VALUE settings of the module's globals:
// every NAME must be one of its parameters and every VALUE fit its type.
// bufsize_mb > 0 adds the transport buffer size (staprun -b).
Params build_params(const ModuleInfo& info, const std::vector<std::string>& settings,
		    int bufsize_mb);

// finit_module; returns 0 or an errno.
int load_module(int fd, const std::string& params);
// delete_module, retrying a little while the module is still busy;
// returns 0 or an errno.
int unload_module(const std::string& name);

// Mounts debugfs on /sys/kernel/debug unless it is there; "" or an error.
std::string ensure_debugfs();

// Where a module's control and trace files are (runtime/protocol.h).
std::string module_debugfs_dir(const std::string& name);

} // namespace staprun
