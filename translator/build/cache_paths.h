// Where stap keeps what it can reuse between runs:
//
//   ROOT/modules/XX/KEY/NAME.ko, NAME.c   the module cache (module_cache.h)
//   ROOT/kernels/RELEASE-ID/              per-kernel work: feature probes,
//                                         the runtime archive, the build
//                                         recipe (kernel_cache.h)
//   ROOT/vm/                              the VM runner's initramfs pieces
//                                         (--remote=qemu)
//
// ROOT is $SYSTEMTAP_DIR/cache when SYSTEMTAP_DIR is set (stap's variable),
// else $XDG_CACHE_HOME/stapforge, else ~/.cache/stapforge.
#pragma once

#include <string>

namespace stap
{

struct CachePaths {
	std::string root;

	[[nodiscard]] std::string modules() const { return root + "/modules"; }
	[[nodiscard]] std::string kernels() const { return root + "/kernels"; }
	[[nodiscard]] std::string vm() const { return root + "/vm"; }
};

CachePaths locate_cache_paths();

} // namespace stap
