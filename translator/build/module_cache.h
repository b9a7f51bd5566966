// The module cache: built modules (and their C) by cache key
// (cache_key.h), in DIR/XX/KEY/NAME.ko and NAME.c.  An entry appears whole
// (it is assembled aside and renamed into place) or not at all.  The cache
// stays within a size bound: after each store the least recently used
// entries (an entry's directory time is refreshed on each hit) are removed
// until the total is within the limit read from ROOT/cache_mb_limit (MiB;
// 256 when the file is missing, as in SystemTap).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace stap
{

class ModuleCache
{
public:
	// `root` is the cache root (cache_paths.h); entries go to root/modules.
	explicit ModuleCache(std::string root);

	struct Entry {
		std::string dir;
		std::string name; // the module's
		std::string ko_path;
		std::string c_path;
	};

	// The entry for `key`, if complete; a hit counts as a use for the
	// eviction order.
	[[nodiscard]] std::optional<Entry> lookup(const std::string& key) const;

	// Copies `ko_file` and `c_source` in as the entry for `key`; an existing
	// entry is kept.  Nothing (and `error` set) on failure.
	std::optional<Entry> store(const std::string& key, const std::string& name,
				   const std::string& ko_file, const std::string& c_source,
				   std::string& error);

	struct PruneStats {
		std::size_t entries = 0; // entries before
		std::size_t removed = 0; // entries removed
		std::uint64_t bytes = 0; // bytes before
		std::uint64_t kept = 0;  // bytes after
	};
	// Removes least recently used entries until at most `limit_bytes`
	// remain, never the entry `keep_key` (the one just stored); also
	// removes leftovers of interrupted stores.
	PruneStats prune(std::uint64_t limit_bytes, const std::string& keep_key = "");

	// The size bound in bytes (ROOT/cache_mb_limit, default 256 MiB).
	[[nodiscard]] std::uint64_t limit_bytes() const;

	[[nodiscard]] const std::string& dir() const { return dir_; }

private:
	[[nodiscard]] std::string entry_dir(const std::string& key) const;

	std::string root_;
	std::string dir_;
};

} // namespace stap
