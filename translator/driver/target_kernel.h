// The kernel a script is translated for: the running kernel, or the one
// named with -r RELEASE or -r /BUILD_DIR.  Pass 1 tests its version, arch and
// configuration in %( %) conditions; later passes build against its tree.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

namespace stap
{

struct TargetKernel {
	std::string release;     // "6.1.0-56-cloud-amd64" (kernel_vr)
	std::string version;     // "6.1.0" (kernel_v)
	std::string arch;        // kernel ARCH naming: "x86_64", "arm64", "i386", ...
	std::string build_dir;   // kbuild tree; empty if there is none
	std::string config_file; // where `config` was read from; empty if nowhere
	std::unordered_map<std::string, std::string> config; // "CONFIG_X" -> "y"

	// The value of a configuration option; "" when unset or unknown.
	[[nodiscard]] std::string config_value(const std::string& name) const;
};

struct TargetKernelResult {
	TargetKernel kernel;
	std::string error; // non-empty: -r named something unusable
};

// `release_option` is -r's argument: empty for the running kernel, a
// release name, or a build directory (anything containing a '/').
TargetKernelResult discover_target_kernel(const std::string& release_option);

// The version part of a release: "6.1.0-56-cloud-amd64" -> "6.1.0".
std::string kernel_version_of(std::string_view release);
// uname's machine name in the kernel's ARCH naming: "aarch64" -> "arm64".
std::string kernel_arch_of(std::string_view machine);
// A kernel .config: CONFIG_X=value lines; quotes around strings removed.
std::unordered_map<std::string, std::string> parse_kernel_config(std::string_view text);

} // namespace stap
