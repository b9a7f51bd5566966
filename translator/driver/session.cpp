#include "driver/session.h"

#include "build/file_util.h"

#include <ostream>

namespace stap
{

Session::Session(Options opts, std::ostream& out_stream, std::ostream& err_stream)
    : options(std::move(opts)), paths(locate_install_paths()), diags(sources),
      cache(locate_cache_paths()), out(out_stream), err(err_stream)
{
	if (!options.runtime_dir.empty())
		paths.runtime_dir = options.runtime_dir;
	diags.set_suppress_warnings(options.suppress_warnings);
	diags.set_warnings_as_errors(options.warnings_as_errors);

	TargetKernelResult kernel = discover_target_kernel(options.kernel_release);
	target = std::move(kernel.kernel);
	setup_error = std::move(kernel.error);

	parse_env.kernel_release = target.release;
	parse_env.kernel_version = target.version;
	parse_env.arch = target.arch;
	parse_env.runtime = "kernel";
	if (!options.compatible.empty())
		parse_env.systemtap_version = options.compatible;
	parse_env.privilege = options.privilege;
	parse_env.guru_mode = options.guru_mode;
	parse_env.kernel_config = [this](const std::string& name) {
		return target.config_value(name);
	};
	parse_env.script_args = options.script_args;
}

std::vector<std::string> Session::tapset_dirs() const
{
	std::vector<std::string> dirs{paths.tapset_dir};
	dirs.insert(dirs.end(), options.include_dirs.begin(), options.include_dirs.end());
	return dirs;
}

const KernelIdentity& Session::kernel_identity()
{
	if (!kernel_id_)
		kernel_id_ = identify_kernel(target);
	return *kernel_id_;
}

std::string Session::temp_dir()
{
	if (temp_dir_.empty())
		temp_dir_ = make_temp_dir("stap");
	return temp_dir_;
}

void Session::finish_temp_dir()
{
	if (temp_dir_.empty())
		return;
	if (options.keep_tmpdir)
		err << "Keeping temporary directory \"" << temp_dir_ << "\"\n";
	else
		remove_tree(temp_dir_);
	temp_dir_.clear();
}

TapsetSearch Session::tapset_search() const
{
	TapsetSearch search;
	search.dirs = tapset_dirs();
	search.kernel_release = target.release;
	search.kernel_version = target.version;
	search.arch = target.arch;
	return search;
}

} // namespace stap
