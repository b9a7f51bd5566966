#include "build/kernel_cache.h"

#include "build/file_util.h"
#include "build/sha256.h"
#include "build/translator_identity.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/file.h>
#include <unistd.h>

namespace stap
{

namespace fs = std::filesystem;

namespace
{

bool copy_over(const std::string& from, const std::string& to, std::string& error)
{
	std::error_code ec;
	std::string tmp = to + ".tmp." + std::to_string(::getpid());
	fs::copy_file(from, tmp, fs::copy_options::overwrite_existing, ec);
	if (!ec)
		fs::rename(tmp, to, ec);
	if (ec) {
		fs::remove(tmp, ec);
		error = "cannot copy " + from + " to " + to + ": " + ec.message();
		return false;
	}
	return true;
}

} // namespace

KernelCache::KernelCache(const CachePaths& paths, const KernelIdentity& kernel,
			 const std::string& runtime_dir)
    : dir_(paths.kernels() + "/" + kernel.cache_name()), runtime_dir_(runtime_dir),
      kernel_digest_(kernel.digest), tree_(kernel.build_dir)
{
}

KernelCache::~KernelCache()
{
	unlock();
}

bool KernelCache::lock(bool exclusive, std::string& error)
{
	unlock();
	std::error_code ec;
	fs::create_directories(dir_, ec);
	std::string file = dir_ + "/.lock";
	lock_fd_ = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (lock_fd_ < 0) {
		error = "cannot open " + file + ": " + std::strerror(errno);
		return false;
	}
	int rc;
	do
		rc = ::flock(lock_fd_, exclusive ? LOCK_EX : LOCK_SH);
	while (rc != 0 && errno == EINTR);
	if (rc != 0) {
		error = "cannot lock " + file + ": " + std::strerror(errno);
		unlock();
		return false;
	}
	return true;
}

void KernelCache::unlock()
{
	if (lock_fd_ >= 0) {
		::close(lock_fd_);
		lock_fd_ = -1;
	}
}

std::string KernelCache::expected_stamp() const
{
	Sha256 h;
	h.field("stapforge kernel cache v1");
	h.field(translator_identity());
	h.field(kernel_digest_);
	hash_tree(h, runtime_dir_);
	return h.hex();
}

bool KernelCache::current() const
{
	std::optional<std::string> stamp = read_file(dir_ + "/stamp");
	return stamp && *stamp == expected_stamp() + "\n" && fs::exists(dir_ + "/stapconf.h");
}

bool KernelCache::load_recipe(KbuildRecipe& recipe) const
{
	std::optional<std::string> text = read_file(dir_ + "/recipe");
	if (!text || !parse_recipe(*text, recipe))
		return false;
	return !recipe.uses_module_common() || fs::exists(dir_ + "/module-common.o");
}

bool KernelCache::save_prepared(const std::string& build_dir, const std::vector<std::string>& units,
				std::string& error)
{
	std::error_code ec;
	fs::remove(dir_ + "/stamp", ec);
	fs::remove(dir_ + "/recipe", ec);
	fs::remove_all(dir_ + "/members", ec);
	if (!copy_over(build_dir + "/stapconf.h", dir_ + "/stapconf.h", error) ||
	    !copy_members(build_dir, units, error))
		return false;
	if (fs::exists(build_dir + "/build.log"))
		copy_over(build_dir + "/build.log", dir_ + "/build.log", error);
	if (!write_file_atomic(dir_ + "/" + kTreeFile, tree_ + "\n") ||
	    !write_file_atomic(dir_ + "/stamp", expected_stamp() + "\n")) {
		error = "cannot write " + dir_ + "/stamp";
		return false;
	}
	return true;
}

bool KernelCache::save_members(const std::string& build_dir, const std::vector<std::string>& units,
			       std::string& error)
{
	// Not into a cache rebuilt for another runtime meanwhile.
	return !current() || copy_members(build_dir, units, error);
}

bool KernelCache::copy_members(const std::string& build_dir, const std::vector<std::string>& units,
			       std::string& error)
{
	std::error_code ec;
	fs::create_directories(dir_ + "/members", ec);
	for (const std::string& u : units)
		if (!copy_over(build_dir + "/" + u + ".o", dir_ + "/members/" + u + ".o", error))
			return false;
	return true;
}

bool KernelCache::save_recipe(const KbuildRecipe& recipe, const std::string& build_dir,
			      std::string& error)
{
	if (recipe.uses_module_common() &&
	    !copy_over(build_dir + "/.module-common.o", dir_ + "/module-common.o", error))
		return false;
	if (!write_file_atomic(dir_ + "/recipe", serialize_recipe(recipe))) {
		error = "cannot write " + dir_ + "/recipe";
		return false;
	}
	return true;
}

bool KernelCache::stage_into(const std::string& build_dir, bool module_common,
			     std::string& error) const
{
	std::error_code ec;
	fs::copy_file(dir_ + "/stapconf.h", build_dir + "/stapconf.h",
		      fs::copy_options::overwrite_existing, ec);
	if (ec) {
		error = "cannot copy " + dir_ + "/stapconf.h: " + ec.message();
		return false;
	}
	if (module_common) {
		fs::copy_file(dir_ + "/module-common.o", build_dir + "/.module-common.o",
			      fs::copy_options::overwrite_existing, ec);
		if (ec) {
			error = "cannot copy " + dir_ + "/module-common.o: " + ec.message();
			return false;
		}
	}
	return true;
}

std::vector<std::string> KernelCache::stage_members(const std::string& build_dir,
						    const std::vector<std::string>& units) const
{
	std::vector<std::string> staged;
	for (const std::string& u : units) {
		std::error_code ec;
		fs::copy_file(dir_ + "/members/" + u + ".o", build_dir + "/" + u + ".o",
			      fs::copy_options::overwrite_existing, ec);
		if (!ec)
			staged.push_back(u);
	}
	return staged;
}

} // namespace stap
