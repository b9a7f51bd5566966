#include "build/module_cache.h"

#include "build/file_util.h"
#include "temp_dir.h"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>

using namespace stap;
namespace fs = std::filesystem;

namespace
{

std::string key_of(char c)
{
	return std::string(64, c);
}

// Sets an entry's last use to `seconds` after the epoch.
void set_used(const std::string& dir, long seconds)
{
	timespec times[2] = {{seconds, 0}, {seconds, 0}};
	ASSERT_EQ(::utimensat(AT_FDCWD, dir.c_str(), times, 0), 0);
}

long used(const std::string& dir)
{
	struct stat st {
	};
	::stat(dir.c_str(), &st);
	return st.st_mtim.tv_sec;
}

} // namespace

TEST(ModuleCache, StoresAndFinds)
{
	TempDir t;
	t.write("build/m.ko", "ELF module");
	ModuleCache cache(t.path());
	std::string key = key_of('a');
	EXPECT_FALSE(cache.lookup(key));
	std::string error;
	auto e = cache.store(key, "stap_m", t / "build/m.ko", "int c;\n", error);
	ASSERT_TRUE(e) << error;
	EXPECT_EQ(e->dir, t / "modules/aa/" + key);
	EXPECT_EQ(e->ko_path, e->dir + "/stap_m.ko");
	EXPECT_EQ(read_file(e->ko_path), "ELF module");
	EXPECT_EQ(read_file(e->c_path), "int c;\n");

	auto hit = cache.lookup(key);
	ASSERT_TRUE(hit);
	EXPECT_EQ(hit->name, "stap_m");
	EXPECT_EQ(hit->ko_path, e->ko_path);
	EXPECT_FALSE(cache.lookup(key_of('b')));
}

TEST(ModuleCache, AnExistingEntryIsKept)
{
	TempDir t;
	t.write("one.ko", "first");
	t.write("two.ko", "second");
	ModuleCache cache(t.path());
	std::string error;
	ASSERT_TRUE(cache.store(key_of('a'), "m", t / "one.ko", "c", error));
	auto e = cache.store(key_of('a'), "m", t / "two.ko", "c", error);
	ASSERT_TRUE(e) << error;
	EXPECT_EQ(read_file(e->ko_path), "first");
}

TEST(ModuleCache, AnIncompleteEntryIsAMiss)
{
	TempDir t;
	t.write("modules/aa/" + key_of('a') + "/m.ko", "x");
	ModuleCache cache(t.path());
	EXPECT_FALSE(cache.lookup(key_of('a'))); // no m.c
}

TEST(ModuleCache, AHitCountsAsAUse)
{
	TempDir t;
	t.write("m.ko", "x");
	ModuleCache cache(t.path());
	std::string error;
	auto e = cache.store(key_of('a'), "m", t / "m.ko", "c", error);
	ASSERT_TRUE(e);
	set_used(e->dir, 1000);
	ASSERT_TRUE(cache.lookup(key_of('a')));
	EXPECT_GT(used(e->dir), 1000);
}

TEST(ModuleCache, EvictsTheLeastRecentlyUsed)
{
	TempDir t;
	t.write("m.ko", std::string(1000, 'x'));
	ModuleCache cache(t.path());
	std::string error;
	// Entries of 1000 + 1 bytes, used at times 100, 300, 200.
	std::vector<std::pair<char, long>> entries = {{'a', 100}, {'b', 300}, {'c', 200}};
	for (auto [k, when] : entries) {
		auto e = cache.store(key_of(k), "m", t / "m.ko", "c", error);
		ASSERT_TRUE(e) << error;
		set_used(e->dir, when);
	}
	ModuleCache::PruneStats st = cache.prune(2500);
	EXPECT_EQ(st.entries, 3u);
	EXPECT_EQ(st.bytes, 3003u);
	EXPECT_EQ(st.removed, 1u);
	EXPECT_EQ(st.kept, 2002u);
	EXPECT_FALSE(cache.lookup(key_of('a'))); // the oldest
	EXPECT_TRUE(cache.lookup(key_of('b')));
	EXPECT_TRUE(cache.lookup(key_of('c')));

	// The entry just stored stays, however small the bound.
	st = cache.prune(0, key_of('b'));
	EXPECT_EQ(st.removed, 1u);
	EXPECT_TRUE(cache.lookup(key_of('b')));
	EXPECT_FALSE(cache.lookup(key_of('c')));
}

TEST(ModuleCache, RemovesStaleLeftovers)
{
	TempDir t;
	t.write("modules/aa/.tmp.old.1/m.ko", "x");
	t.write("modules/aa/.tmp.new.2/m.ko", "x");
	set_used(t / "modules/aa/.tmp.old.1", 1000);
	ModuleCache cache(t.path());
	ModuleCache::PruneStats st = cache.prune(1u << 30);
	EXPECT_EQ(st.entries, 0u);
	EXPECT_FALSE(fs::exists(t / "modules/aa/.tmp.old.1"));
	EXPECT_TRUE(fs::exists(t / "modules/aa/.tmp.new.2")); // may be a store in progress
}

TEST(ModuleCache, SizeBound)
{
	TempDir t;
	ModuleCache cache(t.path());
	// The default is written down for users to change, as SystemTap does.
	EXPECT_EQ(cache.limit_bytes(), 256u << 20);
	EXPECT_EQ(read_file(t / "cache_mb_limit"), "256\n");
	t.write("cache_mb_limit", "3\n");
	EXPECT_EQ(cache.limit_bytes(), 3u << 20);
	t.write("cache_mb_limit", "lots");
	EXPECT_EQ(cache.limit_bytes(), 256u << 20);
}
