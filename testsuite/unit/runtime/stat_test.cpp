// Statistics and histograms (runtime/stat.c), including stap's exact
// ASCII histogram format.
#include "runtime_c.h"

#include <gtest/gtest.h>

#include <memory>
#include <vector>

namespace
{

struct Stat {
	explicit Stat(const stp_stat_desc& d) : desc(d), mem(stp_stat_size(&d) / 8 + 1)
	{
		EXPECT_EQ(stp_stat_desc_check(&desc), 0);
		stp_stat_reset(get(), &desc);
	}
	stp_stat* get() { return reinterpret_cast<stp_stat*>(mem.data()); }
	void add(int64_t v) { stp_stat_add(get(), &desc, v); }
	std::string hist(int elision = 2)
	{
		char buf[8192];
		stp_out out;
		stp_out_init(&out, buf, sizeof(buf), nullptr);
		stp_stat_print_hist(&out, get(), &desc, elision);
		EXPECT_FALSE(out.truncated);
		return std::string(buf, out.len);
	}
	stp_stat_desc desc;
	std::vector<int64_t> mem;
};

stp_stat_desc plain()
{
	return stp_stat_desc{STP_HIST_NONE, 0, 0, 0, 0, 0};
}

// What the generated code declares for an aggregate whose @variance is read.
stp_stat_desc with_variance(stp_stat_desc d)
{
	d.variance = 1;
	return d;
}

stp_stat_desc log_hist()
{
	return stp_stat_desc{STP_HIST_LOG, 0, 0, 0, 0, 0};
}

stp_stat_desc linear(int64_t start, int64_t stop, int64_t interval)
{
	return stp_stat_desc{STP_HIST_LINEAR, 0, start, stop, interval, 0};
}

// One histogram row: the label right-aligned in val_space, the bar, and
// the count right-aligned in the count column.
std::string row(const std::string& label, int64_t count, int val_space, int cnt_space,
		int64_t scale = 1)
{
	int64_t bar = count / scale;
	std::string r =
		std::string(val_space - label.size(), ' ') + label + " |" + std::string(bar, '@');
	std::string c = std::to_string(count);
	r += std::string(50 - bar + 1 + cnt_space - c.size(), ' ') + c + "\n";
	return r;
}

std::string header(int val_space)
{
	return std::string(val_space - 5, ' ') + "value |" + std::string(50, '-') + " count\n";
}

std::string tilde(int val_space)
{
	return std::string(val_space + 1, ' ') + "~\n";
}

TEST(Stat, Extractors)
{
	Stat s(plain());
	for (int64_t v : {5, -3, 10, 7, 1})
		s.add(v);
	EXPECT_EQ(s.get()->count, 5);
	EXPECT_EQ(s.get()->sum, 20);
	EXPECT_EQ(s.get()->min, -3);
	EXPECT_EQ(s.get()->max, 10);
	EXPECT_EQ(stp_stat_avg(s.get()), 4);
	// @avg truncates toward zero, as stap's integer division does.
	Stat n(plain());
	for (int64_t v : {-10000000000LL, -1000000000LL, -1000000000LL, -1000000000LL,
			  -1000000000LL, -500000000LL, -500000000LL, -500000000LL, -500000000LL,
			  -500000000LL, -100000000LL, -100000000LL, 0LL})
		n.add(v);
	EXPECT_EQ(n.get()->sum, -16700000000LL);
	EXPECT_EQ(stp_stat_avg(n.get()), -1284615384LL);
}

// The expected values follow stap's documented arithmetic (stap(1):
// Welford's algorithm in integer arithmetic, with a bit shift for
// precision), computed independently with a model of it in Python.
TEST(Stat, VarianceAsStapComputesIt)
{
	// stap(1)'s examples: 1..5 prints 12, and 2 with a bit shift of 1
	// (the sample variance is 2.5).
	struct Case {
		uint8_t shift;
		int64_t variance;
	} cases[] = {{0, 12}, {1, 2}, {62, -1}};
	for (const Case& c : cases) {
		stp_stat_desc d = plain();
		d.bit_shift = c.shift;
		d.variance = 1;
		Stat s(d);
		for (int64_t v = 1; v <= 5; v++)
			s.add(v);
		EXPECT_EQ(stp_stat_variance(s.get()), c.variance) << "bit shift " << int(c.shift);
	}
	Stat even(with_variance(plain()));
	for (int64_t v : {10, 20, 30, 40})
		even.add(v);
	EXPECT_EQ(stp_stat_variance(even.get()), 166); // 166.67

	Stat squares(with_variance(plain()));
	for (int64_t v = 1; v <= 10; v++)
		squares.add(v * v);
	EXPECT_EQ(stp_stat_variance(squares.get()), 1240); // 1167.5

	// stap's overflow: stap(1) warns that large values give wrong results.
	Stat neg(with_variance(plain()));
	for (int64_t v : {-1000000000000LL, 1000000000000LL})
		neg.add(v);
	EXPECT_EQ(stp_stat_variance(neg.get()), 4007528410413793280LL);

	Stat big(with_variance(plain()));
	for (int64_t v : {3000000000LL, 3000000002LL, 3000000004LL})
		big.add(v);
	EXPECT_EQ(stp_stat_variance(big.get()), 4);

	Stat one(with_variance(plain()));
	one.add(42);
	EXPECT_EQ(stp_stat_variance(one.get()), 0);
}

TEST(Stat, MergeCombinesPerCpuParts)
{
	stp_stat_desc d = with_variance(linear(0, 100, 10));
	Stat all(d), a(d), b(d), merged(d);
	for (int64_t v = -5; v < 130; v += 3) {
		all.add(v);
		((v / 3) % 2 ? a : b).add(v);
	}
	stp_stat_merge(merged.get(), &d, a.get());
	stp_stat_merge(merged.get(), &d, b.get());
	EXPECT_EQ(merged.get()->count, all.get()->count);
	EXPECT_EQ(merged.get()->sum, all.get()->sum);
	EXPECT_EQ(merged.get()->min, all.get()->min);
	EXPECT_EQ(merged.get()->max, all.get()->max);
	EXPECT_EQ(merged.hist(), all.hist());
	// As in stap, the variance depends on how the samples fell on the
	// CPUs (its total-variance formula combines per-CPU integer means).
	EXPECT_EQ(stp_stat_variance(all.get()), 3210) << "values -5, -2, ..., 127";
	EXPECT_EQ(stp_stat_variance(merged.get()), 1621) << "the same on two CPUs";
	// Merging a merged result adds its parts.
	Stat again(d);
	stp_stat_merge(again.get(), &d, merged.get());
	EXPECT_EQ(stp_stat_variance(again.get()), 1621);

	Stat empty(d);
	stp_stat_merge(merged.get(), &d, empty.get());
	EXPECT_EQ(merged.get()->count, all.get()->count);
}

TEST(Stat, LogBuckets)
{
	stp_stat_desc d = log_hist();
	EXPECT_EQ(stp_hist_bucket(&d, 0), 64u);
	EXPECT_EQ(stp_hist_bucket(&d, 1), 65u);
	EXPECT_EQ(stp_hist_bucket(&d, 2), 66u);
	EXPECT_EQ(stp_hist_bucket(&d, 3), 66u);
	EXPECT_EQ(stp_hist_bucket(&d, 4), 67u);
	EXPECT_EQ(stp_hist_bucket(&d, -1), 63u);
	EXPECT_EQ(stp_hist_bucket(&d, INT64_MAX), 127u);
	EXPECT_EQ(stp_hist_bucket(&d, INT64_MIN), 0u);
}

TEST(Stat, LinearBuckets)
{
	stp_stat_desc d = linear(250, 1000, 50);
	EXPECT_EQ(stp_stat_nbuckets(&d), 18u);
	EXPECT_EQ(stp_hist_bucket(&d, 249), 0u);
	EXPECT_EQ(stp_hist_bucket(&d, 250), 1u);
	EXPECT_EQ(stp_hist_bucket(&d, 1049), 16u)
		<< "the last bucket holds [stop, stop + interval)";
	EXPECT_EQ(stp_hist_bucket(&d, 1050), 17u);
	EXPECT_EQ(stp_hist_bucket(&d, INT64_MIN), 0u);
	EXPECT_EQ(stp_hist_bucket(&d, INT64_MAX), 17u);

	stp_stat_desc bad = linear(10, 10, 1);
	EXPECT_NE(stp_stat_desc_check(&bad), 0);
	bad = linear(0, 10, 0);
	EXPECT_NE(stp_stat_desc_check(&bad), 0);
	bad = linear(0, INT64_MAX, 1);
	EXPECT_EQ(stp_stat_desc_check(&bad), -E2BIG);
}

// The example of the language reference, section "@hist_linear".
TEST(Stat, LinearHistogramAsInTheLanguageReference)
{
	Stat s(linear(0, 10240, 200));
	for (int i = 0; i < 1650; i++)
		s.add(100);
	for (int i = 0; i < 8; i++)
		s.add(300);
	s.add(1450);
	const std::string expect =
		"value |-------------------------------------------------- count\n"
		"    0 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@ 1650\n"
		"  200 |                                                      8\n"
		"  400 |                                                      0\n"
		"  600 |                                                      0\n"
		"      ~\n"
		" 1000 |                                                      0\n"
		" 1200 |                                                      0\n"
		" 1400 |                                                      1\n"
		" 1600 |                                                      0\n"
		" 1800 |                                                      0\n"
		"\n";
	EXPECT_EQ(s.hist(), expect);
}

// The example of the language reference, section "@hist_log".  (Its
// rendering there has one space less in the count column than stap's
// testsuite and the linear example show for a five-digit count.)
TEST(Stat, LogHistogramAsInTheLanguageReference)
{
	Stat s(log_hist());
	const std::pair<int64_t, int> samples[] = {{40, 254}, {100, 3}, {200, 2},
						   {300, 2},  {600, 4}, {1500, 16689}};
	for (auto [v, n] : samples)
		for (int i = 0; i < n; i++)
			s.add(v);
	auto r = [](const char* label, int64_t count) { return row(label, count, 5, 5, 334); };
	EXPECT_EQ(s.hist(), header(5) + r("8", 0) + r("16", 0) + r("32", 254) + r("64", 3) +
				    r("128", 2) + r("256", 2) + r("512", 4) + r("1024", 16689) +
				    r("2048", 0) + r("4096", 0) + "\n");
	EXPECT_NE(s.hist().find(" 1024 |" + std::string(49, '@') + "  16689\n"), std::string::npos);
}

TEST(Stat, UnderflowAndOverflowRowsOnlyWhenUsed)
{
	Stat s(linear(250, 1000, 50));
	for (int i = 0; i < 680; i++)
		s.add(10);
	for (int i = 0; i < 94; i++)
		s.add(260);
	for (int i = 0; i < 102; i++)
		s.add(5000);
	std::string out = s.hist();
	EXPECT_EQ(out.substr(0, header(5).size()), header(5));
	EXPECT_NE(out.find(row("<250", 680, 5, 3, 14)), std::string::npos) << out;
	EXPECT_NE(out.find(row("250", 94, 5, 3, 14)), std::string::npos) << out;
	EXPECT_NE(out.find(row(">1000", 102, 5, 3, 14)), std::string::npos) << out;

	Stat t(linear(0, 1500, 50));
	t.add(0);
	EXPECT_EQ(t.hist(),
		  header(5) + row("0", 1, 5, 1) + row("50", 0, 5, 1) + row("100", 0, 5, 1) + "\n");
	Stat u(linear(0, 1500, 50));
	u.add(1500);
	EXPECT_EQ(u.hist(), header(5) + row("1400", 0, 5, 1) + row("1450", 0, 5, 1) +
				    row("1500", 1, 5, 1) + "\n");
}

TEST(Stat, LabelsWidenTheValueColumn)
{
	Stat s(linear(-1000000000, 0, 100000000));
	s.add(-10000000000LL);
	s.add(0);
	std::string out = s.hist();
	EXPECT_EQ(out.substr(0, header(12).size()), header(12));
	EXPECT_NE(out.find(row("<-1000000000", 1, 12, 1)), std::string::npos) << out;

	Stat big(log_hist());
	big.add(INT64_MAX);
	EXPECT_EQ(big.hist(), header(19) + row("1152921504606846976", 0, 19, 1) +
				      row("2305843009213693952", 0, 19, 1) +
				      row("4611686018427387904", 1, 19, 1) + "\n");
}

// HIST_ELISION: runs of empty buckets keep `elision` rows at each end; the
// rest becomes '~'.  Two empty rows always frame the used range.
TEST(Stat, Elision)
{
	auto two = [] {
		Stat s(linear(0, 1500, 50));
		s.add(444);
		s.add(999);
		return s;
	};
	auto r = [](const char* label, int64_t count) { return row(label, count, 5, 1); };
	Stat s = two();
	EXPECT_EQ(s.hist(-1), header(5) + r("300", 0) + r("350", 0) + r("400", 1) + r("450", 0) +
				      r("500", 0) + r("550", 0) + r("600", 0) + r("650", 0) +
				      r("700", 0) + r("750", 0) + r("800", 0) + r("850", 0) +
				      r("900", 0) + r("950", 1) + r("1000", 0) + r("1050", 0) +
				      "\n");
	EXPECT_EQ(s.hist(0), header(5) + tilde(5) + r("400", 1) + tilde(5) + r("950", 1) + "\n");
	EXPECT_EQ(s.hist(1), header(5) + tilde(5) + r("350", 0) + r("400", 1) + r("450", 0) +
				     tilde(5) + r("900", 0) + r("950", 1) + r("1000", 0) + "\n");
	EXPECT_EQ(s.hist(2), header(5) + r("300", 0) + r("350", 0) + r("400", 1) + r("450", 0) +
				     r("500", 0) + tilde(5) + r("850", 0) + r("900", 0) +
				     r("950", 1) + r("1000", 0) + r("1050", 0) + "\n");
	EXPECT_EQ(s.hist(3), header(5) + r("300", 0) + r("350", 0) + r("400", 1) + r("450", 0) +
				     r("500", 0) + r("550", 0) + tilde(5) + r("800", 0) +
				     r("850", 0) + r("900", 0) + r("950", 1) + r("1000", 0) +
				     r("1050", 0) + "\n");

	// A short gap is printed in full unless elision is 0.
	Stat g(linear(0, 1500, 50));
	g.add(444);
	g.add(500);
	EXPECT_EQ(g.hist(0), header(5) + tilde(5) + r("400", 1) + tilde(5) + r("500", 1) + "\n");
	EXPECT_EQ(g.hist(2), header(5) + r("300", 0) + r("350", 0) + r("400", 1) + r("450", 0) +
				     r("500", 1) + r("550", 0) + r("600", 0) + "\n");

	Stat neg(log_hist());
	neg.add(-2);
	neg.add(-4096);
	auto n = [](const char* label, int64_t count) { return row(label, count, 6, 1); };
	EXPECT_EQ(neg.hist(0), header(6) + tilde(6) + n("-4096", 1) + tilde(6) + n("-2", 1) + "\n");
	EXPECT_EQ(neg.hist(2), header(6) + n("-16384", 0) + n("-8192", 0) + n("-4096", 1) +
				       n("-2048", 0) + n("-1024", 0) + tilde(6) + n("-8", 0) +
				       n("-4", 0) + n("-2", 1) + n("-1", 0) + n("0", 0) + "\n");
}

TEST(Stat, EmptyHistogramPrintsItsHeader)
{
	Stat s(log_hist());
	EXPECT_EQ(s.hist(), header(5) + "\n");
}

TEST(Stat, BarsScaleToTheLargestCount)
{
	Stat s(log_hist());
	for (int i = 0; i < 100; i++)
		s.add(1);
	for (int i = 0; i < 49; i++)
		s.add(2);
	std::string out = s.hist();
	EXPECT_NE(out.find(row("1", 100, 5, 3, 2)), std::string::npos) << out;
	EXPECT_NE(out.find(row("2", 49, 5, 3, 2)), std::string::npos) << out;
	EXPECT_NE(out.find(" |" + std::string(50, '@') + " 100\n"), std::string::npos);
}

} // namespace
