#include "build/module_cache.h"

#include "build/file_util.h"

#include <algorithm>
#include <charconv>
#include <ctime>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace stap
{

namespace fs = std::filesystem;

namespace
{

constexpr std::uint64_t kDefaultLimitMb = 256;
// Leftovers of a store interrupted this long ago are removed.
constexpr std::time_t kStaleTempSeconds = 3600;

bool is_file(const std::string& path)
{
	struct stat st {
	};
	return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

std::uint64_t tree_bytes(const fs::path& dir)
{
	std::uint64_t total = 0;
	std::error_code ec;
	for (auto it = fs::recursive_directory_iterator(dir, ec);
	     !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
		struct stat st {
		};
		if (::lstat(it->path().c_str(), &st) == 0 && S_ISREG(st.st_mode))
			total += static_cast<std::uint64_t>(st.st_size);
	}
	return total;
}

} // namespace

ModuleCache::ModuleCache(std::string root) : root_(std::move(root)), dir_(root_ + "/modules") {}

std::string ModuleCache::entry_dir(const std::string& key) const
{
	return dir_ + "/" + key.substr(0, 2) + "/" + key;
}

std::optional<ModuleCache::Entry> ModuleCache::lookup(const std::string& key) const
{
	Entry e{entry_dir(key), "", "", ""};
	std::error_code ec;
	for (const auto& f : fs::directory_iterator(e.dir, ec)) {
		if (f.path().extension() == ".ko") {
			e.name = f.path().stem().string();
			break;
		}
	}
	e.ko_path = e.dir + "/" + e.name + ".ko";
	e.c_path = e.dir + "/" + e.name + ".c";
	if (e.name.empty() || !is_file(e.ko_path) || !is_file(e.c_path))
		return std::nullopt;
	// Used now: the eviction order is by this time.
	::utimensat(AT_FDCWD, e.dir.c_str(), nullptr, 0);
	return e;
}

std::optional<ModuleCache::Entry>
ModuleCache::store(const std::string& key, const std::string& name, const std::string& ko_file,
		   const std::string& c_source, std::string& error)
{
	std::string final_dir = entry_dir(key);
	std::string parent = fs::path(final_dir).parent_path().string();
	std::error_code ec;
	fs::create_directories(parent, ec);
	std::string tmp = parent + "/.tmp." + key + "." + std::to_string(::getpid());
	remove_tree(tmp);
	if (!fs::create_directory(tmp, ec)) {
		error = "cannot create " + tmp + ": " + ec.message();
		return std::nullopt;
	}
	fs::copy_file(ko_file, tmp + "/" + name + ".ko", ec);
	if (ec || !write_file_atomic(tmp + "/" + name + ".c", c_source)) {
		error = "cannot copy the module into " + tmp +
			(ec ? ": " + ec.message() : std::string());
		remove_tree(tmp);
		return std::nullopt;
	}
	if (::rename(tmp.c_str(), final_dir.c_str()) != 0) {
		// Another stap stored the same entry meanwhile: keep that one.
		remove_tree(tmp);
	}
	std::optional<Entry> e = lookup(key);
	if (!e)
		error = "the cache entry " + final_dir + " is incomplete";
	return e;
}

std::uint64_t ModuleCache::limit_bytes() const
{
	std::string file = root_ + "/cache_mb_limit";
	std::optional<std::string> text = read_file(file);
	std::uint64_t mb = kDefaultLimitMb;
	if (text) {
		std::string t = *text;
		while (!t.empty() && (t.back() == '\n' || t.back() == ' ' || t.back() == '\r'))
			t.pop_back();
		std::uint64_t v = 0;
		auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
		if (ec == std::errc() && ptr == t.data() + t.size())
			mb = v;
	} else {
		// As SystemTap does: write the default down, for users to edit.
		std::error_code ec;
		fs::create_directories(root_, ec);
		write_file_atomic(file, std::to_string(kDefaultLimitMb) + "\n");
	}
	return mb * 1024 * 1024;
}

ModuleCache::PruneStats ModuleCache::prune(std::uint64_t limit, const std::string& keep_key)
{
	struct Item {
		std::string dir;
		std::string key;
		std::int64_t used_ns;
		std::uint64_t bytes;
	};
	std::vector<Item> items;
	PruneStats stats;
	std::error_code ec;
	std::time_t now = std::time(nullptr);
	for (const auto& bucket : fs::directory_iterator(dir_, ec)) {
		if (!bucket.is_directory(ec))
			continue;
		for (const auto& entry : fs::directory_iterator(bucket.path(), ec)) {
			struct stat st {
			};
			if (::lstat(entry.path().c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
				continue;
			std::string name = entry.path().filename().string();
			if (name.starts_with(".tmp.")) {
				if (now - st.st_mtime > kStaleTempSeconds)
					remove_tree(entry.path().string());
				continue;
			}
			std::int64_t used_ns =
				std::int64_t(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
			items.push_back(
				{entry.path().string(), name, used_ns, tree_bytes(entry.path())});
		}
	}
	stats.entries = items.size();
	for (const Item& i : items)
		stats.bytes += i.bytes;
	stats.kept = stats.bytes;
	// Oldest first; ties by name, so that the order is deterministic.
	std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
		return a.used_ns != b.used_ns ? a.used_ns < b.used_ns : a.key < b.key;
	});
	for (const Item& i : items) {
		if (stats.kept <= limit)
			break;
		if (i.key == keep_key)
			continue;
		remove_tree(i.dir);
		stats.kept -= i.bytes;
		++stats.removed;
	}
	return stats;
}

} // namespace stap
