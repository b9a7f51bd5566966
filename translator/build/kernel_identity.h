// What identifies a kernel for the caches: its release and a digest of its
// build tree's configuration and symbol versions.  Two trees with the same
// release but another configuration (a rebuilt kernel, another
// Module.symvers) get other caches: a module is only reused for the
// kernel it was built for.
#pragma once

#include "driver/target_kernel.h"

#include <string>

namespace stap
{

struct KernelIdentity {
	std::string release;
	std::string build_dir; // the build tree, symbolic links resolved
	std::string digest;    // hex SHA-256

	// A directory name for per-kernel caches: "RELEASE-<12 hex digits>".
	[[nodiscard]] std::string cache_name() const;
};

// Reads the tree's auto.conf, autoconf.h, utsrelease.h and Module.symvers.
// Without a build tree the digest covers the release and arch only.
KernelIdentity identify_kernel(const TargetKernel& kernel);

} // namespace stap
