#include "build/build_pass.h"

#include "build/c_identifier.h"
#include "build/file_util.h"
#include "build/kbuild_file.h"
#include "build/module_builder.h"
#include "build/module_cache.h"
#include "driver/cache_lookup.h"

#include <filesystem>
#include <ostream>

namespace stap
{

namespace fs = std::filesystem;

namespace
{

// The module's compiler options: pass 3's, then each -D NAME[=VALUE].
bool module_cflags(Session& s, std::vector<std::string>& cflags)
{
	cflags = s.module.cflags;
	if (!s.options.c_source_file.empty()) {
		// Hand-written modules include headers from their directory
		// (and with --c-source, -I DIR adds C include directories).
		cflags.push_back("-iquote");
		cflags.push_back(fs::absolute(s.options.c_source_file).parent_path().string());
		for (const std::string& dir : s.options.include_dirs) {
			cflags.push_back("-iquote");
			cflags.push_back(fs::absolute(dir).string());
		}
	}
	for (const std::string& d : s.options.defines) {
		if (!is_c_identifier(d.substr(0, d.find('=')))) {
			s.diags.error(DiagKind::Error, {},
				      "invalid -D '" + d + "': expected NAME or NAME=VALUE");
			return false;
		}
		cflags.push_back("-D" + d);
	}
	for (const std::string& b : s.options.make_defines) {
		std::size_t eq = b.find('=');
		if (eq == std::string::npos || eq == 0 || b.find(' ') < eq) {
			s.diags.error(DiagKind::Error, {},
				      "invalid -B '" + b + "': expected NAME=VALUE");
			return false;
		}
	}
	return true;
}

bool build(Session& s)
{
	if (s.module.c_source.empty()) {
		s.diags.error(DiagKind::Error, {}, "pass 3 produced no C for the module");
		return false;
	}
	if (!is_valid_module_name(s.module.name)) {
		s.diags.error(DiagKind::Error, {},
			      "invalid module name '" + s.module.name +
				      "': use letters, digits and '_', at most 55 of them "
				      "(stp_script, stp_runtime and names starting "
				      "with stp_member_ are reserved)");
		return false;
	}
	ModuleBuild b;
	if (!module_cflags(s, b.cflags))
		return false;
	b.name = s.module.name;
	b.c_source = s.module.c_source;
	b.make_defines = s.options.make_defines;
	b.build_dir = s.temp_dir();
	if (b.build_dir.empty()) {
		s.diags.error(DiagKind::Error, {}, "cannot create a temporary directory");
		return false;
	}
	b.kernel = s.kernel_identity();
	b.runtime_dir = s.paths.runtime_dir;
	b.cache = s.cache;
	b.unused_patchable_entries =
		s.target.config_value("CONFIG_HAVE_DYNAMIC_FTRACE_NO_PATCHABLE") == "y";
	b.verbose = s.options.verbosity(4);

	ModuleBuildResult r = build_module(b, s.err);
	if (!r.ok) {
		// The compiler's messages first, as kbuild printed them.
		if (std::optional<std::string> log = read_file(r.log_path); log && !log->empty())
			s.err << *log << (log->back() == '\n' ? "" : "\n");
		s.diags.error(DiagKind::Error, {}, r.error);
		return false;
	}
	s.module.ko_path = r.ko_path;
	if (s.options.verbosity(4) >= 2)
		s.err << "Pass 4: built " << r.ko_path << " ("
		      << (r.method == "replay" ? "replayed the kernel's kbuild recipe"
			  : r.method == "cold" ? "kbuild, with the per-kernel preparation"
					       : "kbuild")
		      << ")\n";
	if (s.options.disable_cache || s.module_key.empty())
		return true;
	// Only what was built from the inputs the key describes goes in: a
	// script or tapset edited during the build would poison the entry.
	if (current_module_key(s) != s.module_key) {
		s.err << "stap: the script, a tapset or the runtime changed during the build: "
			 "the module is not cached\n";
		return true;
	}
	ModuleCache cache(s.cache.root);
	std::string error;
	std::optional<ModuleCache::Entry> e =
		cache.store(s.module_key, s.module.name, r.ko_path, s.module.c_source, error);
	if (!e) {
		s.err << "stap: cannot keep the module in the cache: " << error << "\n";
		return true;
	}
	s.module.ko_path = e->ko_path;
	ModuleCache::PruneStats st = cache.prune(cache.limit_bytes(), s.module_key);
	if (st.removed > 0 && s.options.verbosity(4) >= 2)
		s.err << "Pass 4: removed " << st.removed
		      << " least recently used modules from the cache\n";
	return true;
}

// stap -p4: the module's path; with -m (or without the cache, where the
// module would be lost) a copy in the current directory, as stap does.
void print_module(Session& s)
{
	std::string path = s.module.ko_path;
	if (!s.options.module_name.empty() || s.options.disable_cache) {
		std::string local = s.module.name + ".ko";
		std::error_code ec;
		fs::copy_file(path, local, fs::copy_options::overwrite_existing, ec);
		if (ec) {
			s.err << "stap: cannot copy " << path << " to " << local << ": "
			      << ec.message() << "\n";
			s.failure_status = 1;
		} else {
			path = local;
		}
	}
	s.out << path << "\n";
	s.out.flush();
}

void print_c(Session& s)
{
	s.out << s.module.c_source;
	s.out.flush();
}

std::string cached_c_path(Session& s)
{
	std::string ko = s.module.ko_path;
	return ko.substr(0, ko.size() - 3) + ".c";
}

} // namespace

Pass make_build_pass()
{
	Pass p{4, "compile", "compilation failed", build, print_module, nullptr};
	p.summary = [](Session& s) { return "compiled C into \"" + s.module.name + ".ko\""; };
	return p;
}

Pass make_cached_c_pass()
{
	Pass p{3,       "translate", "translation failed", [](Session&) { return true; },
	       print_c, nullptr};
	p.summary = [](Session& s) { return "using cached " + cached_c_path(s); };
	p.timed = false;
	return p;
}

Pass make_cached_ko_pass()
{
	Pass p{4,      "compile", "compilation failed", [](Session&) { return true; }, print_module,
	       nullptr};
	p.summary = [](Session& s) { return "using cached " + s.module.ko_path; };
	p.timed = false;
	return p;
}

Pass make_c_source_pass()
{
	Pass p{3,
	       "translate",
	       "translation failed",
	       [](Session& s) {
		       std::optional<std::string> text = read_file(s.options.c_source_file);
		       if (!text) {
			       s.diags.error(DiagKind::Error, {},
					     "cannot read C source file '" +
						     s.options.c_source_file + "'");
			       return false;
		       }
		       s.module.c_source = std::move(*text);
		       return true;
	       },
	       print_c,
	       nullptr};
	p.summary = [](Session& s) { return "read C from \"" + s.options.c_source_file + "\""; };
	return p;
}

} // namespace stap
