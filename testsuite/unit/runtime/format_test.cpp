// The stap format language (runtime/format.c).
#include "runtime_c.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>
#include <vector>

using stp_test::L;

namespace
{

template <typename... Args>
std::string F(const char* fmt, Args... args)
{
	char buf[512];
	EXPECT_EQ(stp_snprintf(buf, sizeof(buf), fmt, args...), 0);
	return buf;
}

// glibc's printf is the reference for the conversions stap shares with C.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
template <typename... Args>
std::string C(const char* fmt, Args... args)
{
	char buf[512];
	std::snprintf(buf, sizeof(buf), fmt, args...);
	return buf;
}
#pragma GCC diagnostic pop

const long long kValues[] = {0,       1,         -1,       7, -42, 255, 4096, 65535, 9000000000000,
			     -1024LL, INT64_MAX, INT64_MIN};

TEST(Format, IntegerConversionsMatchC)
{
	const char* flag_sets[] = {"", "-", "+", " ", "#", "0", "-0", "+0", " 0", "#0", "-#", "+-"};
	const char* widths[] = {"", "1", "5", "20"};
	const char* precisions[] = {"", ".", ".0", ".3", ".25"};
	const char convs[] = {'d', 'i', 'u', 'x', 'X', 'o'};
	for (const char* flags : flag_sets)
		for (const char* width : widths)
			for (const char* prec : precisions)
				for (char conv : convs)
					for (long long v : kValues) {
						std::string spec =
							std::string("%") + flags + width + prec;
						std::string ours = spec + conv;
						std::string theirs = spec + "ll" + conv;
						EXPECT_EQ(F(ours.c_str(), L(v)),
							  C(theirs.c_str(), v))
							<< ours << " of " << v;
					}
}

TEST(Format, StarWidthAndPrecision)
{
	EXPECT_EQ(F("[%*d]", L(6), L(42)), "[    42]");
	EXPECT_EQ(F("[%-*d]", L(6), L(42)), "[42    ]");
	EXPECT_EQ(F("[%*d]", L(-6), L(42)), "[42    ]"); // negative width: '-'
	EXPECT_EQ(F("[%.*d]", L(5), L(42)), "[00042]");
	EXPECT_EQ(F("[%.*d]", L(-1), L(42)), "[42]"); // negative precision: none
	EXPECT_EQ(F("[%*.*s]", L(8), L(3), "abcdef"), "[     abc]");
	// Huge widths are bounded, then truncated by the destination.
	EXPECT_EQ(F("[%*x]", L(1000000), L(1)).size(), 511u);
}

TEST(Format, StringsAndCharacters)
{
	const char* strs[] = {"", "a", "hello", "hello world, this is long"};
	const char* specs[] = {"%s", "%10s", "%-10s", "%.3s", "%10.3s", "%-10.3s", "%.0s", "%.s"};
	for (const char* spec : specs)
		for (const char* s : strs)
			EXPECT_EQ(F(spec, s), C(spec, s)) << spec << " of '" << s << "'";
	EXPECT_EQ(F("%c%c%c", L('a'), L('b'), L('c')), "abc");
	EXPECT_EQ(F("[%3c]", L('x')), "[  x]");
	EXPECT_EQ(F("[%-3c]", L('x')), "[x  ]");
	EXPECT_EQ(F("%c", L(0x141)), "A") << "only the low byte";
}

TEST(Format, PercentAndUnknownConversions)
{
	EXPECT_EQ(F("100%%"), "100%");
	EXPECT_EQ(F("%5%"), "%");
	EXPECT_EQ(F("a%kb"), "a%kb");
	EXPECT_EQ(F("tail %"), "tail %");
	EXPECT_EQ(F("tail %-5"), "tail %-5");
	EXPECT_EQ(F("%ld %lld %hd %zu", L(1), L(2), L(3), L(4)), "1 2 3 4")
		<< "length modifiers are ignored";
}

// stap's documented %p output (langref and its printf tests).
TEST(Format, Pointer)
{
	EXPECT_EQ(F("%p", L(0)), "0x0000000000000000");
	EXPECT_EQ(F("%p", L(12345678)), "0x0000000000bc614e");
	EXPECT_EQ(F("%p", L(0x12345678abcdef00)), "0x12345678abcdef00");
	EXPECT_EQ(F("%20pX", L(1)), "  0x0000000000000001X");
	EXPECT_EQ(F("%-20pX", L(1)), "0x000000000000000001X");
	EXPECT_EQ(F("%8p", L(0)), "0x000000");
	EXPECT_EQ(F("%8p", L(0x12345678)), "0x12345678");
	EXPECT_EQ(F("%-8pX", L(1)), "0x000001X");
	EXPECT_EQ(F("%p", L(-1)), "0xffffffffffffffff");
}

TEST(Format, BinaryWidths)
{
	char buf[64];
	ASSERT_EQ(stp_snprintf(buf, sizeof(buf), "%b%b", L(0xc0dedbad), L(0x12345678)), 0);
	const unsigned char expect8[] = {0xad, 0xdb, 0xde, 0xc0, 0, 0, 0, 0,
					 0x78, 0x56, 0x34, 0x12, 0, 0, 0, 0};
	EXPECT_EQ(std::memcmp(buf, expect8, sizeof(expect8)), 0);

	// Through a sink (no NUL termination games): every width.
	char raw[32];
	stp_out out;
	stp_out_init(&out, raw, sizeof(raw), nullptr);
	ASSERT_EQ(stp_format(&out, "%1b%2b%4b%8b%3b", L(0x1122334455667788), L(0x1122334455667788),
			     L(0x1122334455667788), L(0x1122334455667788), L(0x41)),
		  0);
	const unsigned char expect[] = {0x88, 0x88, 0x77, 0x88, 0x77, 0x66, 0x55, 0x88,
					0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, 0x41,
					0,    0,    0,    0,    0,    0,    0};
	ASSERT_EQ(out.len, sizeof(expect)) << "an invalid width writes 8 bytes";
	EXPECT_EQ(std::memcmp(raw, expect, sizeof(expect)), 0);

	EXPECT_EQ(F("%1b%1b%1blo %1b%1brld", L(72), L(101), L(108), L(87), L(111)), "Hello World");
}

TEST(Format, MemoryDumps)
{
	static const char text[] = "/etc/passwd";
	int64_t addr = static_cast<int64_t>(reinterpret_cast<uintptr_t>(text));
	EXPECT_EQ(F("%m", addr), "/");
	EXPECT_EQ(F("%.5m", addr), "/etc/");
	EXPECT_EQ(F("%.*m", L(5), addr), "/etc/");
	EXPECT_EQ(F("%5m", addr), "    /");
	EXPECT_EQ(F("%-5m|", addr), "/    |");
	EXPECT_EQ(F("%4.5m", addr), "/etc/");
	EXPECT_EQ(F("%15.5m", addr), "          /etc/");
	EXPECT_EQ(F("%*.*m", L(15), L(11), addr), "    /etc/passwd");
	EXPECT_EQ(F("%M", addr), "2f");
	EXPECT_EQ(F("%.4M", addr), "2f657463");
	EXPECT_EQ(F("%*.*M", L(14), L(6), addr), "  2f6574632f70");
	EXPECT_EQ(F("%-10.2M|", addr), "2f65      |");
}

TEST(Format, MemoryFaultStopsWithTheAddress)
{
	static const char text[] = "abcdefgh";
	uintptr_t a = reinterpret_cast<uintptr_t>(text);
	stp_test::set_fault_range(a + 4, a + 5);
	char buf[64];
	stp_out out;
	stp_out_init(&out, buf, sizeof(buf), nullptr);
	EXPECT_EQ(stp_format(&out, "x%.3my", static_cast<int64_t>(a)), 0);
	EXPECT_EQ(std::string(buf, out.len), "xabcy");
	EXPECT_EQ(stp_format(&out, "%.40m", static_cast<int64_t>(a)), -EFAULT);
	EXPECT_EQ(out.fault_addr, a) << "the start of the read that failed";
	stp_test::set_fault_range(0, 0);
}

TEST(Format, TruncatesAtTheDestinationSize)
{
	// A MAXSTRINGLEN of 8 holds 7 characters.
	char buf[8];
	EXPECT_EQ(stp_snprintf(buf, sizeof(buf), "%s", "abcdefghij"), 0);
	EXPECT_STREQ(buf, "abcdefg");
	EXPECT_EQ(stp_snprintf(buf, sizeof(buf), "%d-%d", L(12345), L(67890)), 0);
	EXPECT_STREQ(buf, "12345-6");
	EXPECT_EQ(stp_snprintf(buf, sizeof(buf), "%20d", L(1)), 0);
	EXPECT_STREQ(buf, "       ");
	EXPECT_EQ(stp_snprintf(buf, 1, "%s", "abc"), 0);
	EXPECT_STREQ(buf, "");

	stp_out out;
	stp_out_init(&out, buf, 4, nullptr);
	stp_format(&out, "%s", "abcdef");
	EXPECT_TRUE(out.truncated);
	EXPECT_EQ(out.len, 4u);
}

// A sink with a flush callback never loses output: the print buffer case.
struct Collector {
	stp_out out;
	char buf[16];
	std::string flushed;
	int flushes = 0;
};

int collect(stp_out* out)
{
	Collector* c = reinterpret_cast<Collector*>(reinterpret_cast<char*>(out) -
						    offsetof(Collector, out));
	c->flushed.append(out->buf, out->len);
	out->len = 0;
	c->flushes++;
	return 0;
}

TEST(Format, FlushingSinkKeepsEverything)
{
	Collector c;
	stp_out_init(&c.out, c.buf, sizeof(c.buf), collect);
	std::string expect;
	for (int i = 0; i < 100; i++) {
		stp_format(&c.out, "line %d: %s|%-12x|\n", L(i), "some text", L(i * 977));
		expect += C("line %d: %s|%-12x|\n", i, "some text", i * 977);
	}
	stp_format(&c.out, "%300s", "wide");
	expect += std::string(296, ' ') + "wide";
	c.flushed.append(c.buf, c.out.len);
	EXPECT_EQ(c.flushed, expect);
	EXPECT_FALSE(c.out.truncated);
	EXPECT_GT(c.flushes, 100);
}

TEST(Format, OutputHelpers)
{
	char buf[64];
	stp_out out;
	stp_out_init(&out, buf, sizeof(buf), nullptr);
	stp_out_long(&out, INT64_MIN);
	stp_out_putc(&out, ' ');
	stp_out_long(&out, 0);
	stp_out_puts(&out, " x");
	stp_out_fill(&out, '-', 3);
	EXPECT_EQ(std::string(buf, out.len), "-9223372036854775808 0 x---");
}

} // namespace
