#include "build/cache_key.h"

#include "build/file_util.h"
#include "build/sha256.h"

#include <algorithm>
#include <filesystem>

namespace stap
{

namespace
{

void field_list(Sha256& h, const char* what, const std::vector<std::string>& list)
{
	h.field(what);
	h.field(std::to_string(list.size()));
	for (const std::string& s : list)
		h.field(s);
}

void field_flag(Sha256& h, const char* what, bool on)
{
	h.field(what);
	h.field(on ? "1" : "0");
}

} // namespace

std::optional<ScriptInputs> gather_script_inputs(const Options& opts)
{
	ScriptInputs in;
	if (opts.script_text) {
		in.sources.push_back({"<input>", *opts.script_text});
	} else if (opts.script_file) {
		if (*opts.script_file == "-")
			return std::nullopt; // stdin is read into script_text first
		std::optional<std::string> text = read_file(*opts.script_file);
		if (!text)
			return std::nullopt;
		in.sources.push_back({*opts.script_file, std::move(*text)});
	}
	for (const std::string& extra : opts.extra_scripts)
		in.sources.push_back({"<input>", extra});
	return in;
}

std::string module_cache_key(const Options& opts, const ScriptInputs& scripts,
			     const KernelIdentity& kernel, const InstallPaths& paths,
			     const std::vector<std::string>& tapset_dirs,
			     const std::string& translator_id)
{
	Sha256 h;
	h.field("stapforge module cache v1");
	h.field(translator_id);

	h.field("kernel");
	h.field(kernel.release);
	h.field(kernel.build_dir);
	h.field(kernel.digest);

	h.field("scripts");
	h.field(std::to_string(scripts.sources.size()));
	for (const ScriptInputs::Source& s : scripts.sources) {
		h.field(s.name);
		h.field(s.text);
	}
	field_list(h, "args", opts.script_args);

	if (!opts.c_source_file.empty()) {
		// Developer mode: the C file replaces passes 1-3; the headers
		// next to it are what it may include.
		h.field("c source");
		hash_file(h, opts.c_source_file);
		std::filesystem::path dir = std::filesystem::path(opts.c_source_file).parent_path();
		std::vector<std::string> headers;
		std::error_code ec;
		for (const auto& e : std::filesystem::directory_iterator(
			     dir.empty() ? std::filesystem::path(".") : dir, ec))
			if (e.path().extension() == ".h" && e.is_regular_file(ec))
				headers.push_back(e.path().string());
		std::sort(headers.begin(), headers.end());
		for (const std::string& f : headers)
			hash_file(h, f);
	} else {
		h.field("tapsets");
		h.field(std::to_string(tapset_dirs.size()));
		for (const std::string& dir : tapset_dirs)
			hash_tree(h, dir);
	}
	h.field("runtime");
	hash_tree(h, paths.runtime_dir);

	field_list(h, "-D", opts.defines);
	field_list(h, "-B", opts.make_defines);
	field_list(h, "--modinfo", opts.modinfo);
	h.field("-m");
	h.field(opts.module_name);
	h.field("--privilege");
	h.field(opts.privilege);
	h.field("--compatible");
	h.field(opts.compatible);
	field_flag(h, "-g", opts.guru_mode);
	field_flag(h, "-u", opts.unoptimized);
	field_flag(h, "-W", opts.warnings_as_errors);
	field_flag(h, "-b", opts.bulk_mode);
	h.field("-s");
	h.field(std::to_string(opts.buffer_size_mb)); // the module's default buffer size
	field_flag(h, "--skip-badvars", opts.skip_badvars);
	field_flag(h, "--suppress-handler-errors", opts.suppress_handler_errors);
	field_flag(h, "--suppress-time-limits", opts.suppress_time_limits);
	return h.hex();
}

std::string default_module_name(const std::string& key)
{
	return "stap_" + key.substr(0, 32);
}

} // namespace stap
