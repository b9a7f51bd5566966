#include "driver/remote.h"

#include "build/file_util.h"
#include "build/subprocess.h"

namespace stap
{

bool parse_remotes(const std::vector<std::string>& urls, RemoteTarget& target, std::string& error)
{
	if (urls.empty())
		return true;
	if (urls.size() > 1) {
		error = "only one --remote target is supported";
		return false;
	}
	const std::string& url = urls.front();
	if (url == "qemu" || url.starts_with("qemu:")) {
		target.qemu = true;
		target.kernel_spec = url == "qemu" ? "" : url.substr(5);
		return true;
	}
	error = "unsupported --remote '" + url +
		"': the supported target is qemu[:RELEASE] (a disposable VM booting an "
		"installed kernel)";
	return false;
}

std::string resolve_vm_kernel(const InstallPaths& paths, const std::string& spec,
			      std::string& error)
{
	std::string dir = make_temp_dir("stapvm");
	if (dir.empty()) {
		error = "cannot create a temporary directory";
		return {};
	}
	ProcessOptions o;
	o.output_file = dir + "/out";
	std::vector<std::string> argv = {"tclsh", paths.vm_dir + "/stap-vm", "--which-kernel"};
	if (!spec.empty()) {
		argv.push_back("--kernel");
		argv.push_back(spec);
	}
	int rc = run_process(argv, o, error);
	std::string out = read_file(o.output_file).value_or("");
	remove_tree(dir);
	while (!out.empty() && (out.back() == '\n' || out.back() == ' '))
		out.pop_back();
	if (rc != 0) {
		if (rc > 0)
			error = out.starts_with("stap-vm: ") ? out.substr(9) : out;
		return {};
	}
	return out;
}

std::vector<std::string> vm_stream_command(const InstallPaths& paths, const std::string& release,
					   const std::string& cache_dir,
					   const std::string& module_path,
					   const std::string& guest_module_path,
					   const std::string& command, const std::string& fetch,
					   bool verbose)
{
	std::vector<std::string> argv = {
		"/usr/bin/env", "tclsh",       paths.vm_dir + "/stap-vm",
		"--stream",     "--kernel",    release,
		"--bin-dir",    paths.bin_dir, "--cache-dir",
		cache_dir,      "--file",      module_path + ":" + guest_module_path};
	if (!fetch.empty()) {
		argv.push_back("--fetch");
		argv.push_back(fetch);
	}
	if (verbose)
		argv.push_back("-v");
	argv.push_back("--");
	argv.push_back(command);
	return argv;
}

} // namespace stap
