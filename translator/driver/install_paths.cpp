#include "driver/install_paths.h"

#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace stap
{

namespace fs = std::filesystem;

std::string executable_dir()
{
	std::error_code ec;
	fs::path exe = fs::read_symlink("/proc/self/exe", ec);
	if (ec)
		return ".";
	return exe.parent_path().string();
}

InstallPaths locate_install_paths()
{
	fs::path share = fs::path(executable_dir()) / STAP_BIN_TO_SHARE / STAP_SHARE_SUBDIR;
	share = share.lexically_normal();
	InstallPaths paths{(share / "runtime").string(), (share / "tapset").string(),
			   (share / "vm").string(), executable_dir()};
	if (const char* runtime = std::getenv("SYSTEMTAP_RUNTIME"); runtime && *runtime)
		paths.runtime_dir = runtime;
	if (const char* tapset = std::getenv("SYSTEMTAP_TAPSET"); tapset && *tapset)
		paths.tapset_dir = tapset;
	return paths;
}

} // namespace stap
