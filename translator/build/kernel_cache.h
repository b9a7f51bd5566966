// The per-kernel cache: what every module for one kernel shares, built once
// (by the first module build for that kernel, in the same kbuild run):
//
//   DIR/stapconf.h         the feature probes' results
//   DIR/members/UNIT.o     the runtime members built so far (a member is
//                          built when a module first links it)
//   DIR/recipe             the module build's commands (kbuild_recipe.h)
//   DIR/module-common.o    6.10+: kbuild's per-directory module object
//   DIR/build.log          the kbuild output of the run that made them
//   DIR/tree               the kernel build tree (for --clean-cache)
//   DIR/stamp              digest of what they depend on: the runtime's
//                          files, the kernel (kernel_identity.h) and the
//                          translator; another digest means "rebuild"
//
// DIR is ROOT/kernels/RELEASE-ID.  Builders hold DIR/.lock exclusively
// while they (re)build the cache or add members to it.
#pragma once

#include "build/cache_paths.h"
#include "build/kbuild_recipe.h"
#include "build/kernel_identity.h"

#include <string>
#include <vector>

namespace stap
{

class KernelCache
{
public:
	KernelCache(const CachePaths& paths, const KernelIdentity& kernel,
		    const std::string& runtime_dir);
	~KernelCache();
	KernelCache(const KernelCache&) = delete;
	KernelCache& operator=(const KernelCache&) = delete;

	[[nodiscard]] const std::string& dir() const { return dir_; }

	static constexpr const char* kTreeFile = "tree";

	// Takes DIR/.lock (creating DIR); false with `error` on failure.
	bool lock(bool exclusive, std::string& error);
	void unlock();

	// The stamp files must carry, and whether they do (with every file).
	[[nodiscard]] std::string expected_stamp() const;
	[[nodiscard]] bool current() const;

	// The learnt recipe, if there is one.
	bool load_recipe(KbuildRecipe& recipe) const;

	// After a kbuild run that made stapconf.h in `build_dir`: keeps it,
	// the members `units` compiled there (UNIT.o; only those) and
	// build.log, and marks the cache current.
	bool save_prepared(const std::string& build_dir, const std::vector<std::string>& units,
			   std::string& error);
	// Keeps the members `units` compiled in `build_dir` (UNIT.o), if the
	// cache is still current; the lock must be held exclusively.
	bool save_members(const std::string& build_dir, const std::vector<std::string>& units,
			  std::string& error);
	// Keeps a recipe learnt in `build_dir` (and its .module-common.o).
	bool save_recipe(const KbuildRecipe& recipe, const std::string& build_dir,
			 std::string& error);
	// Copies stapconf.h (and with `module_common`, .module-common.o) into
	// a module's build directory.
	bool stage_into(const std::string& build_dir, bool module_common, std::string& error) const;
	// Copies the members of `units` that the cache has into `build_dir`
	// (as UNIT.o) and returns those it copied.
	[[nodiscard]] std::vector<std::string>
	stage_members(const std::string& build_dir, const std::vector<std::string>& units) const;

private:
	bool copy_members(const std::string& build_dir, const std::vector<std::string>& units,
			  std::string& error);

	std::string dir_;
	std::string runtime_dir_;
	std::string kernel_digest_;
	std::string tree_;
	int lock_fd_ = -1;
};

} // namespace stap
