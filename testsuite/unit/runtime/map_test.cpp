// Associative arrays (runtime/map.c).
#include "runtime_c.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

namespace
{

struct MapPtr {
	MapPtr(const stp_map_desc& d, uint32_t capacity, uint32_t strsize = 16)
	    : desc(d), m(stp_map_create(&desc, capacity, strsize))
	{
	}
	~MapPtr() { stp_map_destroy(m); }
	MapPtr(const MapPtr&) = delete;
	MapPtr& operator=(const MapPtr&) = delete;
	stp_map_desc desc;
	stp_map* m;
};

stp_map_desc desc(std::initializer_list<uint8_t> keys, uint8_t value, bool wrap = false)
{
	stp_map_desc d{};
	d.name = "a";
	d.nkeys = static_cast<uint8_t>(keys.size());
	int i = 0;
	for (uint8_t k : keys)
		d.key_types[i++] = k;
	d.value_type = value;
	d.wrap = wrap;
	return d;
}

union stp_key lk(int64_t v)
{
	union stp_key k;
	k.l = v;
	return k;
}

union stp_key sk(const char* s)
{
	union stp_key k;
	k.s = s;
	return k;
}

// The keys of the iteration order, as "k1,k2;" strings.
std::string order(stp_map* m)
{
	std::string out;
	const stp_map_desc* d = stp_map_get_desc(m);
	stp_map_iter_begin(m);
	for (stp_map_node* n = stp_map_first(m); n; n = stp_map_next(m, n)) {
		for (unsigned i = 0; i < d->nkeys; i++) {
			if (i)
				out += ",";
			if (d->key_types[i] == STP_TYPE_LONG)
				out += std::to_string(stp_node_key_long(m, n, i));
			else
				out += stp_node_key_string(m, n, i);
		}
		out += ";";
	}
	stp_map_iter_end(m);
	return out;
}

TEST(Map, LongKeysLongValues)
{
	MapPtr p(desc({STP_TYPE_LONG}, STP_TYPE_LONG), 8);
	ASSERT_NE(p.m, nullptr);
	union stp_key k = lk(42);
	EXPECT_FALSE(stp_map_exists(p.m, &k));
	EXPECT_EQ(stp_map_get_long(p.m, &k), 0);
	EXPECT_EQ(stp_map_set_long(p.m, &k, 7), 0);
	EXPECT_TRUE(stp_map_exists(p.m, &k));
	EXPECT_EQ(stp_map_get_long(p.m, &k), 7);
	int64_t r = 0;
	EXPECT_EQ(stp_map_add_long(p.m, &k, 5, &r), 0);
	EXPECT_EQ(r, 12);
	union stp_key k2 = lk(-1);
	EXPECT_EQ(stp_map_add_long(p.m, &k2, -3, nullptr), 0);
	EXPECT_EQ(stp_map_get_long(p.m, &k2), -3);
	EXPECT_EQ(stp_map_size(p.m), 2u);
	EXPECT_EQ(stp_map_set_long(p.m, &k, 0), 0);
	EXPECT_TRUE(stp_map_exists(p.m, &k)) << "a zero value is still an element";
	union stp_key big = lk(INT64_MAX);
	EXPECT_EQ(stp_map_add_long(p.m, &big, INT64_MAX, nullptr), 0);
	EXPECT_EQ(stp_map_add_long(p.m, &big, 2, &r), 0);
	EXPECT_EQ(r, INT64_MIN + 1) << "arithmetic wraps";
}

TEST(Map, StringKeysAndValuesAreBounded)
{
	MapPtr p(desc({STP_TYPE_STRING}, STP_TYPE_STRING), 8, 8);
	union stp_key k = sk("abcdefghij");
	EXPECT_EQ(stp_map_set_string(p.m, &k, "0123456789"), 0);
	EXPECT_STREQ(stp_map_get_string(p.m, &k), "0123456");
	union stp_key truncated = sk("abcdefg");
	EXPECT_TRUE(stp_map_exists(p.m, &truncated)) << "keys compare within MAXSTRINGLEN - 1";
	EXPECT_STREQ(stp_map_get_string(p.m, &truncated), "0123456");
	union stp_key other = sk("abcdef");
	EXPECT_FALSE(stp_map_exists(p.m, &other));
	EXPECT_STREQ(stp_map_get_string(p.m, &other), "");
	union stp_key empty = sk("");
	EXPECT_EQ(stp_map_set_string(p.m, &empty, ""), 0);
	EXPECT_TRUE(stp_map_exists(p.m, &empty));
}

TEST(Map, NineMixedKeysWithStatisticsValues)
{
	stp_map_desc d =
		desc({STP_TYPE_LONG, STP_TYPE_STRING, STP_TYPE_LONG, STP_TYPE_STRING, STP_TYPE_LONG,
		      STP_TYPE_STRING, STP_TYPE_LONG, STP_TYPE_STRING, STP_TYPE_LONG},
		     STP_TYPE_STAT);
	d.stat.hist = STP_HIST_LOG;
	MapPtr p(d, 16, 32);
	ASSERT_NE(p.m, nullptr);
	union stp_key k[9] = {lk(1),   sk("a"), lk(2),   sk("b"), lk(3),
			      sk("c"), lk(4),   sk("d"), lk(5)};
	for (int64_t v : {1, 2, 3, 1000})
		EXPECT_EQ(stp_map_add_stat(p.m, k, v), 0);
	const stp_stat* st = stp_map_get_stat(p.m, k);
	ASSERT_NE(st, nullptr);
	EXPECT_EQ(st->count, 4);
	EXPECT_EQ(st->sum, 1006);
	EXPECT_EQ(st->buckets[stp_hist_bucket(&d.stat, 1000)], 1);
	k[8] = lk(6);
	EXPECT_EQ(stp_map_get_stat(p.m, k), nullptr);
	// ("ab","c") and ("a","bc") are different keys.
	MapPtr q(desc({STP_TYPE_STRING, STP_TYPE_STRING}, STP_TYPE_LONG), 4);
	union stp_key ab_c[2] = {sk("ab"), sk("c")};
	union stp_key a_bc[2] = {sk("a"), sk("bc")};
	stp_map_set_long(q.m, ab_c, 1);
	EXPECT_FALSE(stp_map_exists(q.m, a_bc));
}

TEST(Map, FullMapRefusesNewKeys)
{
	MapPtr p(desc({STP_TYPE_LONG}, STP_TYPE_LONG), 4);
	for (int64_t i = 0; i < 4; i++) {
		union stp_key k = lk(i);
		EXPECT_EQ(stp_map_set_long(p.m, &k, i), 0);
	}
	union stp_key k = lk(4);
	EXPECT_EQ(stp_map_set_long(p.m, &k, 4), -E2BIG);
	EXPECT_FALSE(stp_map_exists(p.m, &k));
	union stp_key old = lk(2);
	EXPECT_EQ(stp_map_set_long(p.m, &old, 20), 0) << "updating an existing key still works";
	EXPECT_EQ(stp_map_delete(p.m, &old), 0);
	EXPECT_EQ(stp_map_set_long(p.m, &k, 4), 0) << "a deleted entry frees a slot";
	EXPECT_EQ(stp_map_size(p.m), 4u);
}

TEST(Map, WrapReplacesTheOldestEntry)
{
	MapPtr p(desc({STP_TYPE_LONG}, STP_TYPE_LONG, true), 3);
	for (int64_t i = 1; i <= 4; i++) {
		union stp_key k = lk(i);
		EXPECT_EQ(stp_map_set_long(p.m, &k, i * 10), 0);
	}
	EXPECT_EQ(order(p.m), "2;3;4;");
	// Sorting changes the iteration order, not which entry is oldest.
	EXPECT_EQ(stp_map_sort(p.m, 1, -1, STP_STAT_COUNT), 0);
	EXPECT_EQ(order(p.m), "4;3;2;");
	union stp_key k = lk(5);
	EXPECT_EQ(stp_map_set_long(p.m, &k, 50), 0);
	EXPECT_EQ(order(p.m), "4;3;5;");
	union stp_key gone = lk(2);
	EXPECT_FALSE(stp_map_exists(p.m, &gone));
}

TEST(Map, DeleteAndClear)
{
	MapPtr p(desc({STP_TYPE_STRING, STP_TYPE_LONG}, STP_TYPE_LONG), 8);
	union stp_key a[2] = {sk("x"), lk(1)};
	union stp_key b[2] = {sk("x"), lk(2)};
	union stp_key c[2] = {sk("y"), lk(1)};
	stp_map_set_long(p.m, a, 1);
	stp_map_set_long(p.m, b, 2);
	stp_map_set_long(p.m, c, 3);
	EXPECT_EQ(stp_map_delete(p.m, b), 0);
	EXPECT_EQ(stp_map_delete(p.m, b), 0) << "deleting an absent key is fine";
	EXPECT_EQ(order(p.m), "x,1;y,1;");
	EXPECT_EQ(stp_map_clear(p.m), 0);
	EXPECT_EQ(stp_map_size(p.m), 0u);
	EXPECT_EQ(order(p.m), "");
	for (int64_t i = 0; i < 8; i++) {
		union stp_key k[2] = {sk("z"), lk(i)};
		EXPECT_EQ(stp_map_set_long(p.m, k, i), 0) << "clear frees every slot";
	}
}

TEST(Map, SortedIterationWithLimit)
{
	MapPtr p(desc({STP_TYPE_STRING, STP_TYPE_LONG}, STP_TYPE_LONG), 16);
	const std::tuple<const char*, int64_t, int64_t> rows[] = {
		{"b", 2, 30}, {"a", 9, 10}, {"c", 1, 30}, {"a", 3, -5}, {"d", 7, 20}};
	for (auto [s, l, v] : rows) {
		union stp_key k[2] = {sk(s), lk(l)};
		stp_map_set_long(p.m, k, v);
	}
	EXPECT_EQ(order(p.m), "b,2;a,9;c,1;a,3;d,7;") << "unsorted: insertion order";
	stp_map_sort(p.m, 0, 1, STP_STAT_COUNT);
	EXPECT_EQ(order(p.m), "a,3;a,9;d,7;b,2;c,1;") << "by value, stable on ties";
	stp_map_sort(p.m, 0, -1, STP_STAT_COUNT);
	EXPECT_EQ(order(p.m), "b,2;c,1;d,7;a,9;a,3;");
	stp_map_sort(p.m, 1, 1, STP_STAT_COUNT);
	EXPECT_EQ(order(p.m), "a,9;a,3;b,2;c,1;d,7;");
	stp_map_sort(p.m, 2, -1, STP_STAT_COUNT);
	EXPECT_EQ(order(p.m), "a,9;d,7;a,3;b,2;c,1;");

	// foreach (... limit 2): the first two of the sorted order.
	std::string limited;
	int left = 2;
	stp_map_iter_begin(p.m);
	for (stp_map_node* n = stp_map_first(p.m); n && left-- > 0; n = stp_map_next(p.m, n))
		limited += std::to_string(stp_node_long(p.m, n)) + ";";
	stp_map_iter_end(p.m);
	EXPECT_EQ(limited, "10;20;");
	EXPECT_EQ(stp_map_sort(p.m, 3, 1, STP_STAT_COUNT), -EINVAL);
}

TEST(Map, SortStringValuesAndStatistics)
{
	MapPtr s(desc({STP_TYPE_LONG}, STP_TYPE_STRING), 8);
	const char* vals[] = {"pear", "apple", "fig"};
	for (int64_t i = 0; i < 3; i++) {
		union stp_key k = lk(i);
		stp_map_set_string(s.m, &k, vals[i]);
	}
	stp_map_sort(s.m, 0, 1, STP_STAT_COUNT);
	EXPECT_EQ(order(s.m), "1;2;0;");

	MapPtr t(desc({STP_TYPE_LONG}, STP_TYPE_STAT), 8);
	const int64_t samples[][3] = {{0, 5, 3}, {1, 100, 1}, {2, 1, 2}};
	for (auto& smp : samples) {
		union stp_key k = lk(smp[0]);
		for (int64_t j = 0; j < smp[2]; j++)
			stp_map_add_stat(t.m, &k, smp[1]);
	}
	stp_map_sort(t.m, 0, -1, STP_STAT_COUNT);
	EXPECT_EQ(order(t.m), "0;2;1;");
	stp_map_sort(t.m, 0, -1, STP_STAT_SUM);
	EXPECT_EQ(order(t.m), "1;0;2;");
	stp_map_sort(t.m, 0, 1, STP_STAT_MAX);
	EXPECT_EQ(order(t.m), "2;0;1;");
}

TEST(Map, ModificationDuringIterationIsRefused)
{
	MapPtr p(desc({STP_TYPE_LONG}, STP_TYPE_LONG), 8);
	union stp_key k = lk(1), k2 = lk(2);
	stp_map_set_long(p.m, &k, 1);
	stp_map_iter_begin(p.m);
	stp_map_iter_begin(p.m); // a nested read-only foreach
	EXPECT_EQ(stp_map_set_long(p.m, &k2, 2), -EBUSY);
	EXPECT_EQ(stp_map_set_long(p.m, &k, 2), -EBUSY);
	EXPECT_EQ(stp_map_add_long(p.m, &k, 1, nullptr), -EBUSY);
	EXPECT_EQ(stp_map_sort(p.m, 0, 1, STP_STAT_COUNT), -EBUSY);
	EXPECT_EQ(stp_map_get_long(p.m, &k), 1) << "reading is fine";
	stp_map_iter_end(p.m);
	EXPECT_EQ(stp_map_set_long(p.m, &k2, 2), -EBUSY) << "the outer loop still runs";
	stp_map_iter_end(p.m);
	EXPECT_EQ(stp_map_set_long(p.m, &k2, 2), 0);
}

TEST(Map, DeletingDuringIteration)
{
	// stap's `foreach (k in a) if (...) delete a[k]`: entries leave at
	// once, the loop goes on, and their slots come back at its end.
	MapPtr p(desc({STP_TYPE_LONG}, STP_TYPE_LONG), 4);
	for (int64_t i = 0; i < 4; i++) {
		union stp_key k = lk(i);
		stp_map_set_long(p.m, &k, i * 10);
	}
	std::string seen;
	stp_map_iter_begin(p.m);
	for (stp_map_node* n = stp_map_first(p.m); n; n = stp_map_next(p.m, n)) {
		int64_t key = stp_node_key_long(p.m, n, 0);
		seen += std::to_string(key) + ";";
		union stp_key k = lk(key);
		if (key == 0) {
			// The current one and one not reached yet.
			EXPECT_EQ(stp_map_delete(p.m, &k), 0);
			union stp_key k2 = lk(2);
			EXPECT_EQ(stp_map_delete(p.m, &k2), 0);
			EXPECT_FALSE(stp_map_exists(p.m, &k));
			EXPECT_EQ(stp_map_get_long(p.m, &k2), 0);
			EXPECT_EQ(stp_map_size(p.m), 2u);
		}
	}
	EXPECT_EQ(seen, "0;1;3;") << "a deleted entry is not visited";
	// Still iterating: the dead entries hold their slots.
	union stp_key k9 = lk(9);
	EXPECT_EQ(stp_map_set_long(p.m, &k9, 1), -EBUSY);
	stp_map_iter_end(p.m);
	EXPECT_EQ(order(p.m), "1;3;");
	EXPECT_EQ(stp_map_set_long(p.m, &k9, 1), 0);
	union stp_key k8 = lk(8);
	EXPECT_EQ(stp_map_set_long(p.m, &k8, 1), 0) << "both slots are free again";
	EXPECT_EQ(stp_map_size(p.m), 4u);

	// Clearing inside a nested loop: nothing is left to visit.
	stp_map_iter_begin(p.m);
	stp_map_iter_begin(p.m);
	EXPECT_EQ(stp_map_clear(p.m), 0);
	EXPECT_EQ(stp_map_first(p.m), nullptr);
	stp_map_iter_end(p.m);
	EXPECT_EQ(stp_map_first(p.m), nullptr);
	stp_map_iter_end(p.m);
	EXPECT_EQ(stp_map_size(p.m), 0u);
	for (int64_t i = 0; i < 4; i++) {
		union stp_key k = lk(i);
		EXPECT_EQ(stp_map_set_long(p.m, &k, i), 0);
	}
	EXPECT_EQ(order(p.m), "0;1;2;3;");
}

TEST(Map, ManyEntriesAgainstAReference)
{
	const uint32_t n = 5000;
	MapPtr p(desc({STP_TYPE_LONG, STP_TYPE_STRING}, STP_TYPE_LONG), n, 24);
	std::map<std::pair<int64_t, std::string>, int64_t> ref;
	for (uint32_t i = 0; i < 3 * n; i++) {
		int64_t a = static_cast<int64_t>((i * 2654435761u) % 1000);
		std::string b = "k" + std::to_string((i * 40503u) % 7);
		union stp_key k[2] = {lk(a), sk(b.c_str())};
		if (i % 5 == 4) {
			stp_map_delete(p.m, k);
			ref.erase({a, b});
		} else {
			int rc = stp_map_add_long(p.m, k, i, nullptr);
			ASSERT_EQ(rc, 0);
			ref[{a, b}] += i;
		}
	}
	EXPECT_EQ(stp_map_size(p.m), ref.size());
	for (auto& [key, v] : ref) {
		union stp_key k[2] = {lk(key.first), sk(key.second.c_str())};
		EXPECT_EQ(stp_map_get_long(p.m, k), v);
	}
}

TEST(Map, AggregatePerCpuStatistics)
{
	stp_map_desc d = desc({STP_TYPE_STRING}, STP_TYPE_STAT);
	MapPtr cpu0(d, 4), cpu1(d, 4), agg(d, 4);
	union stp_key a = sk("a"), b = sk("b"), c = sk("c");
	stp_map_add_stat(cpu0.m, &a, 1);
	stp_map_add_stat(cpu0.m, &b, 10);
	stp_map_add_stat(cpu1.m, &a, 3);
	stp_map_add_stat(cpu1.m, &c, 7);
	stp_map* parts[] = {cpu0.m, nullptr, cpu1.m};
	ASSERT_EQ(stp_map_aggregate(agg.m, parts, 3), 0);
	EXPECT_EQ(stp_map_size(agg.m), 3u);
	const stp_stat* sa = stp_map_get_stat(agg.m, &a);
	ASSERT_NE(sa, nullptr);
	EXPECT_EQ(sa->count, 2);
	EXPECT_EQ(sa->sum, 4);
	EXPECT_EQ(sa->min, 1);
	EXPECT_EQ(sa->max, 3);
	// Aggregating again starts from scratch.
	ASSERT_EQ(stp_map_aggregate(agg.m, parts, 3), 0);
	EXPECT_EQ(stp_map_get_stat(agg.m, &a)->count, 2);

	MapPtr small(d, 2);
	EXPECT_EQ(stp_map_aggregate(small.m, parts, 3), -E2BIG);
}

TEST(Map, RejectsBadDescriptions)
{
	stp_map_desc d = desc({}, STP_TYPE_LONG);
	EXPECT_EQ(stp_map_create(&d, 4, 16), nullptr);
	d = desc({STP_TYPE_STAT}, STP_TYPE_LONG);
	EXPECT_EQ(stp_map_create(&d, 4, 16), nullptr);
	d = desc({STP_TYPE_LONG}, 9);
	EXPECT_EQ(stp_map_create(&d, 4, 16), nullptr);
	d = desc({STP_TYPE_LONG}, STP_TYPE_LONG);
	EXPECT_EQ(stp_map_create(&d, 0, 16), nullptr);
}

} // namespace
