#include "driver/target_kernel.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/utsname.h>
#include <system_error>

namespace stap
{

namespace fs = std::filesystem;

namespace
{

std::string read_whole_file(const fs::path& path)
{
	std::ifstream in(path, std::ios::binary);
	if (!in)
		return {};
	std::ostringstream text;
	text << in.rdbuf();
	return text.str();
}

bool is_file(const fs::path& path)
{
	std::error_code ec;
	return fs::is_regular_file(path, ec);
}

std::string trim(std::string_view s)
{
	while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
		s.remove_prefix(1);
	while (!s.empty() &&
	       (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r'))
		s.remove_suffix(1);
	return std::string(s);
}

// The release a build tree was configured for, as uname -r would report it
// once booted: include/generated/utsrelease.h says it exactly (Debian's
// include/config/kernel.release holds the upstream version instead).
std::string release_of_build_dir(const fs::path& dir)
{
	std::string uts = read_whole_file(dir / "include/generated/utsrelease.h");
	if (std::size_t at = uts.find("UTS_RELEASE"); at != std::string::npos) {
		std::size_t open = uts.find('"', at);
		std::size_t close = open == std::string::npos ? open : uts.find('"', open + 1);
		if (close != std::string::npos)
			return uts.substr(open + 1, close - open - 1);
	}
	return trim(read_whole_file(dir / "include/config/kernel.release"));
}

} // namespace

std::string TargetKernel::config_value(const std::string& name) const
{
	auto it = config.find(name);
	return it == config.end() ? std::string() : it->second;
}

std::string kernel_version_of(std::string_view release)
{
	std::size_t end = 0;
	while (end < release.size() &&
	       ((release[end] >= '0' && release[end] <= '9') || release[end] == '.'))
		++end;
	std::string version(release.substr(0, end));
	while (!version.empty() && version.back() == '.')
		version.pop_back();
	return version;
}

std::string kernel_arch_of(std::string_view machine)
{
	if (machine.size() == 4 && machine[0] == 'i' && machine.substr(2) == "86")
		return "i386";
	if (machine == "aarch64" || machine == "arm64")
		return "arm64";
	if (machine.starts_with("arm"))
		return "arm";
	if (machine.starts_with("ppc") || machine.starts_with("powerpc"))
		return "powerpc";
	if (machine.starts_with("s390"))
		return "s390";
	if (machine.starts_with("mips"))
		return "mips";
	if (machine.starts_with("riscv"))
		return "riscv";
	return std::string(machine);
}

std::unordered_map<std::string, std::string> parse_kernel_config(std::string_view text)
{
	std::unordered_map<std::string, std::string> config;
	while (!text.empty()) {
		std::size_t nl = text.find('\n');
		std::string_view line = text.substr(0, nl);
		text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
		if (!line.starts_with("CONFIG_"))
			continue; // comments, "# CONFIG_X is not set", blank lines
		std::size_t eq = line.find('=');
		if (eq == std::string_view::npos)
			continue;
		std::string value = trim(line.substr(eq + 1));
		if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
			value = value.substr(1, value.size() - 2);
		config[std::string(line.substr(0, eq))] = std::move(value);
	}
	return config;
}

TargetKernelResult discover_target_kernel(const std::string& release_option)
{
	TargetKernelResult result;
	TargetKernel& k = result.kernel;
	struct utsname uts {
	};
	bool have_uname = uname(&uts) == 0;
	k.arch = kernel_arch_of(have_uname ? uts.machine : "x86_64");

	if (release_option.find('/') != std::string::npos) {
		fs::path dir = release_option;
		std::error_code ec;
		if (!fs::is_directory(dir, ec)) {
			result.error = "kernel build tree '" + release_option + "' does not exist";
			return result;
		}
		k.build_dir = dir.string();
		k.release = release_of_build_dir(dir);
		if (k.release.empty()) {
			result.error = "cannot tell the kernel release of build tree '" +
				       release_option +
				       "' (no include/generated/utsrelease.h or "
				       "include/config/kernel.release)";
			return result;
		}
	} else {
		k.release = !release_option.empty() ? release_option
			    : have_uname            ? std::string(uts.release)
						    : std::string();
		fs::path build = fs::path("/lib/modules") / k.release / "build";
		std::error_code ec;
		if (fs::is_directory(build, ec))
			k.build_dir = build.string();
	}
	k.version = kernel_version_of(k.release);

	fs::path candidates[] = {
		k.build_dir.empty() ? fs::path() : fs::path(k.build_dir) / ".config",
		fs::path("/boot") / ("config-" + k.release),
	};
	for (const fs::path& config : candidates) {
		if (!config.empty() && is_file(config)) {
			k.config = parse_kernel_config(read_whole_file(config));
			k.config_file = config.string();
			break;
		}
	}
	return result;
}

} // namespace stap
