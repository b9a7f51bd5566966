#include "build/module_builder.h"

#include "build/file_util.h"
#include "build/kbuild_file.h"
#include "build/kbuild_recipe.h"
#include "build/kernel_cache.h"
#include "build/module_strip.h"
#include "build/runtime_layout.h"
#include "build/subprocess.h"

#include <algorithm>
#include <filesystem>
#include <ostream>
#include <set>
#include <sstream>

namespace stap
{

namespace fs = std::filesystem;

namespace
{

class Builder
{
public:
	Builder(const ModuleBuild& b, std::ostream& progress)
	    : b_(b), progress_(progress), cache_(b.cache, b.kernel, b.runtime_dir),
	      log_(b.build_dir + "/build.log")
	{
		result_.log_path = log_;
	}

	ModuleBuildResult run();

private:
	void say(const std::string& msg)
	{
		if (b_.verbose >= 2)
			progress_ << msg << "\n";
	}
	bool fail(std::string msg)
	{
		result_.error = std::move(msg);
		return false;
	}
	bool write(const std::string& file, const std::string& text)
	{
		if (!write_file_atomic(b_.build_dir + "/" + file, text))
			return fail("cannot write " + b_.build_dir + "/" + file);
		return true;
	}
	bool replayable(const KbuildRecipe& recipe) const;
	bool replay(const KbuildRecipe& recipe);
	bool runtime_archive(const KbuildRecipe& recipe, const ProcessOptions& env);
	bool run_shell(const std::string& command, const ProcessOptions& env,
		       const std::string& what);
	bool write_runtime_sources(const std::set<std::string>& staged);
	bool kbuild(bool probes);
	void learn_recipe(bool replace = false);
	void strip(const std::vector<std::string>& environment);

	const ModuleBuild& b_;
	std::ostream& progress_;
	KernelCache cache_;
	std::string log_;
	ModuleBuildResult result_;
	std::vector<std::string> tool_env_; // a replayed recipe's environment
	bool cache_usable_ = true;          // false: the kernel cache cannot be written
	RuntimeLayout layout_;
};

bool Builder::replayable(const KbuildRecipe& recipe) const
{
	// -B changes make's variables, which the recipe has baked in; an
	// exported symbol needs kbuild's symbol-version step.
	return b_.make_defines.empty() && b_.c_source.find("EXPORT_SYMBOL") == std::string::npos &&
	       !recipe.steps.empty();
}

bool Builder::replay(const KbuildRecipe& recipe)
{
	say("Pass 4: replaying the kernel's kbuild recipe in " + b_.build_dir);
	ProcessOptions env = kbuild_environment();
	env.cwd = b_.kernel.build_dir;
	env.output_file = log_;
	for (const std::string& e : recipe.environment)
		env.set.push_back(instantiate_recipe_text(e, b_.build_dir, b_.name, {}));
	tool_env_ = env.set;
	for (const KbuildRecipe::Step& step : recipe.steps) {
		std::string text =
			instantiate_recipe_text(step.text, b_.build_dir, b_.name, b_.cflags);
		std::string target =
			instantiate_recipe_text(step.target, b_.build_dir, b_.name, {});
		if (step.kind == KbuildRecipe::Kind::Write) {
			if (!write(target, text))
				return false;
			continue;
		}
		if (step.kind == KbuildRecipe::Kind::CopyModuleCommon)
			continue; // staged with the runtime
		if (target == "stp_runtime.o" && !runtime_archive(recipe, env))
			return false;
		std::string error;
		int rc = run_process({"/bin/sh", "-c", text}, env, error);
		if (rc != 0)
			return fail(rc < 0 ? error : "building " + target + " failed");
		// modpost reads each object's .cmd file (for symbol versions,
		// of which the replayed objects have none).
		fs::path t(target);
		if (!write((t.parent_path() / ("." + t.filename().string() + ".cmd")).string(),
			   "# built by stap from the kbuild recipe: " + text + "\n"))
			return false;
	}
	return true;
}

bool Builder::run_shell(const std::string& command, const ProcessOptions& env,
			const std::string& what)
{
	std::string error;
	int rc = run_process({"/bin/sh", "-c", command}, env, error);
	if (rc != 0)
		return fail(rc < 0 ? error : what + " failed");
	return true;
}

// The archive of the runtime members the module links (kbuild_file.h says
// how kbuild makes it): those the kernel cache has are copied, the others
// compiled with the recipe's command and kept in the cache.
bool Builder::runtime_archive(const KbuildRecipe& recipe, const ProcessOptions& env)
{
	const std::string& dir = b_.build_dir;
	std::string listing = dir + "/stp_script.undefined";
	if (!run_shell("${NM:-nm} -u " + shell_quote(dir + "/stp_script.o") + " >" +
			       shell_quote(listing),
		       env, "listing stp_script.o's undefined symbols"))
		return false;
	std::vector<std::string> undefined;
	std::istringstream in(read_file(listing).value_or(""));
	for (std::string kind, symbol; in >> kind >> symbol;)
		if (kind == "U")
			undefined.push_back(symbol);
	std::vector<const RuntimeMember*> needed = layout_.members_for(undefined);
	std::vector<std::string> units;
	units.reserve(needed.size());
	for (const RuntimeMember* m : needed)
		units.push_back(member_unit(*m));
	std::vector<std::string> staged = cache_.stage_members(dir, units);
	std::vector<std::string> missing;
	std::string compile;
	for (const RuntimeMember* m : needed) {
		std::string unit = member_unit(*m);
		if (std::find(staged.begin(), staged.end(), unit) != staged.end())
			continue;
		if (recipe.member_compile.empty())
			return fail("the recipe cannot compile runtime member " + m->name);
		if (!write(unit + ".c", member_source(*m, b_.runtime_dir)))
			return false;
		missing.push_back(unit);
		// Each in the background; the shell fails if one does.
		compile += "(" +
			   instantiate_recipe_text(recipe.member_compile, dir, b_.name, {}, unit) +
			   ") & pids=\"$pids $!\"\n";
	}
	if (!missing.empty()) {
		say("Pass 4: compiling runtime members for this kernel:" + [&] {
			std::string list;
			for (const std::string& u : missing)
				list += " " + u;
			return list;
		}());
		compile += "rc=0; for p in $pids; do wait $p || rc=1; done; exit $rc\n";
		if (!run_shell(compile, env, "compiling the runtime members"))
			return false;
		std::string error;
		if (!cache_.lock(true, error) || !cache_.save_members(dir, missing, error))
			say("Pass 4: cannot keep the runtime members: " + error);
		cache_.unlock();
	}
	std::string ar = "rm -f stp_runtime.a && ${AR:-ar} rcsD stp_runtime.a";
	for (const std::string& u : units)
		ar += " " + u + ".o";
	return run_shell("cd " + shell_quote(dir) + " && " + ar, env, "making the runtime archive");
}

// The units of the members not staged (kbuild's own rule would compile a
// staged member again if its source were there).
bool Builder::write_runtime_sources(const std::set<std::string>& staged)
{
	for (const RuntimeMember& m : layout_.members)
		if (!staged.count(m.name) &&
		    !write(member_unit(m) + ".c", member_source(m, b_.runtime_dir)))
			return false;
	return true;
}

bool Builder::kbuild(bool probes)
{
	KbuildSpec spec;
	spec.module_name = b_.name;
	spec.runtime_dir = b_.runtime_dir;
	spec.cflags = b_.cflags;
	spec.layout = layout_;
	spec.probes = probes;
	for (const RuntimeMember* m : layout_.members_used_by(b_.c_source))
		spec.expected_members.insert(m->name);
	if (!probes) {
		std::vector<std::string> units;
		for (const RuntimeMember& m : layout_.members)
			units.push_back(member_unit(m));
		std::vector<std::string> staged = cache_.stage_members(b_.build_dir, units);
		for (const RuntimeMember& m : layout_.members)
			if (std::find(staged.begin(), staged.end(), member_unit(m)) != staged.end())
				spec.staged_members.insert(m.name);
	}
	if (!write_runtime_sources(spec.staged_members) || !write("Kbuild", kbuild_file(spec)))
		return false;
	std::vector<std::string> argv = {"make", "-C", b_.kernel.build_dir, "M=" + b_.build_dir,
					 "-j" + std::to_string(online_cpus()),
					 // No debug information (small modules) and so
					 // no BTF for them (pahole needs DWARF).
					 "KCFLAGS=-g0", "CONFIG_DEBUG_INFO_BTF_MODULES="};
	if (probes)
		argv.push_back("-k"); // the probes are kept even if the script fails
	argv.insert(argv.end(), b_.make_defines.begin(), b_.make_defines.end());
	argv.push_back("modules");
	say(std::string("Pass 4: kbuild") + (probes ? " (with the per-kernel preparation)" : "") +
	    " in " + b_.build_dir);
	ProcessOptions env = kbuild_environment();
	env.output_file = log_;
	std::string error;
	int rc = run_process(argv, env, error);
	if (cache_usable_) {
		std::string why;
		std::vector<std::string> compiled;
		for (const RuntimeMember& m : layout_.members)
			if (!spec.staged_members.count(m.name) &&
			    fs::exists(b_.build_dir + "/" + member_unit(m) + ".o"))
				compiled.push_back(member_unit(m));
		if (probes && fs::exists(b_.build_dir + "/stapconf.h")) {
			if (!cache_.save_prepared(b_.build_dir, compiled, why))
				say("Pass 4: cannot keep the per-kernel cache: " + why);
		} else if (!probes && !compiled.empty() &&
			   !cache_.save_members(b_.build_dir, compiled, why)) {
			say("Pass 4: cannot keep the runtime members: " + why);
		}
	}
	if (rc != 0)
		return fail(rc < 0 ? error
				   : "kbuild failed (make exited with status " +
					     std::to_string(rc) + ")");
	return true;
}

void Builder::learn_recipe(bool replace)
{
	KbuildRecipe recipe;
	if (!cache_usable_ || (!replace && cache_.load_recipe(recipe)))
		return;
	std::string why;
	if (!learn_kbuild_recipe(b_.build_dir, b_.name, child_environment(kbuild_environment()),
				 recipe, why)) {
		say("Pass 4: no build recipe for this kernel: " + why);
		return;
	}
	if (!cache_.save_recipe(recipe, b_.build_dir, why))
		say("Pass 4: cannot keep the build recipe: " + why);
	else
		say("Pass 4: learnt the kbuild recipe for this kernel");
}

// The kernel's objcopy (its toolchain prefix) from the environment kbuild
// gave its commands.
void Builder::strip(const std::vector<std::string>& environment)
{
	std::string objcopy = "objcopy";
	for (const std::string& e : environment)
		if (e.starts_with("OBJCOPY=") && e.size() > 8)
			objcopy = e.substr(8);
	std::string error;
	if (!strip_module(b_.build_dir + "/" + b_.name + ".ko", objcopy,
			  b_.unused_patchable_entries, error))
		say("Pass 4: the module keeps its whole symbol table: " + error);
}

ModuleBuildResult Builder::run()
{
	auto done = [&](bool ok) {
		std::string ko = b_.build_dir + "/" + b_.name + ".ko";
		if (ok && !fs::exists(ko))
			ok = fail("the build made no " + ko);
		result_.ok = ok;
		if (ok) {
			strip(tool_env_.empty() ? read_kbuild_environment(b_.build_dir)
						: tool_env_);
			result_.ko_path = ko;
		}
		return result_;
	};
	if (b_.kernel.build_dir.empty())
		return done(fail("no kernel build tree for " + b_.kernel.release +
				 " (install its headers: linux-headers-" + b_.kernel.release +
				 ")"));
	if (!write("stp_script.c", b_.c_source))
		return done(false);
	std::string error;
	if (!read_runtime_layout(b_.runtime_dir, layout_, error))
		return done(fail(error));
	if (!write("stp_members.idx", member_index(layout_)))
		return done(false);

	if (!cache_.lock(true, error)) {
		// Build everything here, as for a new kernel, and keep nothing.
		say("Pass 4: no per-kernel cache (" + error + ")");
		cache_usable_ = false;
		result_.method = "cold";
		return done(kbuild(true));
	}
	if (!cache_.current()) {
		result_.method = "cold";
		say("Pass 4: preparing the runtime for " + b_.kernel.release + " in " +
		    cache_.dir());
		bool ok = kbuild(true);
		if (ok)
			learn_recipe();
		return done(ok);
	}
	KbuildRecipe recipe;
	bool use_recipe = cache_.load_recipe(recipe) && replayable(recipe);
	if (!cache_.stage_into(b_.build_dir, use_recipe && recipe.uses_module_common(), error))
		return done(fail(error));
	if (use_recipe) {
		cache_.unlock();
		result_.method = "replay";
		if (replay(recipe))
			return done(true);
		// A script's error, or a recipe that no longer works: kbuild
		// tells which, and in the second case teaches a new recipe.
		say("Pass 4: the recipe failed (" + result_.error + "); trying kbuild");
		std::error_code ec;
		fs::remove(log_, ec);
		if (!cache_.lock(true, error))
			return done(fail(error));
		result_.method = "kbuild";
		bool ok = kbuild(false);
		if (ok)
			learn_recipe(true);
		return done(ok);
	}
	result_.method = "kbuild";
	bool ok = kbuild(false);
	if (ok && b_.make_defines.empty())
		learn_recipe();
	return done(ok);
}

} // namespace

ModuleBuildResult build_module(const ModuleBuild& b, std::ostream& progress)
{
	return Builder(b, progress).run();
}

} // namespace stap
