// Bounded string helpers (runtime/str.c).
#include "runtime_c.h"

#include <gtest/gtest.h>

namespace
{

TEST(Str, CopyAndConcatenateTruncate)
{
	char buf[8];
	EXPECT_EQ(stp_strlcpy(buf, "abc", sizeof(buf)), 3u);
	EXPECT_EQ(stp_strlcat(buf, "defgh", sizeof(buf)), 7u);
	EXPECT_STREQ(buf, "abcdefg");
	EXPECT_EQ(stp_strlcat(buf, "x", sizeof(buf)), 7u);
	EXPECT_STREQ(buf, "abcdefg");
}

TEST(Str, Substr)
{
	char buf[16];
	stp_substr(buf, sizeof(buf), "hello world", 6, 5);
	EXPECT_STREQ(buf, "world");
	stp_substr(buf, sizeof(buf), "hello", 3, 100);
	EXPECT_STREQ(buf, "lo");
	stp_substr(buf, sizeof(buf), "hello", 5, 1);
	EXPECT_STREQ(buf, "");
	stp_substr(buf, sizeof(buf), "hello", -1, 3);
	EXPECT_STREQ(buf, "");
	stp_substr(buf, 4, "hello", 0, 5);
	EXPECT_STREQ(buf, "hel");
}

TEST(Str, IsinstrAndReplace)
{
	EXPECT_TRUE(stp_isinstr("hello world", "o w"));
	EXPECT_FALSE(stp_isinstr("hello", "world"));
	EXPECT_TRUE(stp_isinstr("hello", ""));
	char buf[16];
	stp_str_replace(buf, sizeof(buf), "a-b-c", "-", "--");
	EXPECT_STREQ(buf, "a--b--c");
	stp_str_replace(buf, sizeof(buf), "aaaa", "aa", "b");
	EXPECT_STREQ(buf, "bb");
	stp_str_replace(buf, sizeof(buf), "abc", "", "x");
	EXPECT_STREQ(buf, "abc");
	stp_str_replace(buf, 6, "abcabc", "b", "XYZ");
	EXPECT_STREQ(buf, "aXYZc");
}

TEST(Str, TextStrEscapes)
{
	char buf[64];
	stp_text_str(buf, sizeof(buf), "a\tb\n\"q\"\\\x01\x7f", 0, false);
	EXPECT_STREQ(buf, "a\\tb\\n\\\"q\\\"\\\\\\001\\177");
	stp_text_str(buf, sizeof(buf), "hello", 3, true);
	EXPECT_STREQ(buf, "\"hel\"...");
	stp_text_str(buf, sizeof(buf), "hello", 0, true);
	EXPECT_STREQ(buf, "\"hello\"");
	stp_text_str(buf, 10, "abcdefghijkl", 0, true);
	EXPECT_STREQ(buf, "\"abcd\"...");
	stp_text_str(buf, 6, "ab\ncd", 0, false);
	EXPECT_STREQ(buf, "ab\\nc");
}

TEST(Str, Strtol)
{
	EXPECT_EQ(stp_strtol("123", 10), 123);
	EXPECT_EQ(stp_strtol("  -42xyz", 10), -42);
	EXPECT_EQ(stp_strtol("ff", 16), 255);
	EXPECT_EQ(stp_strtol("0x1F", 16), 31);
	EXPECT_EQ(stp_strtol("0x1F", 0), 31);
	EXPECT_EQ(stp_strtol("017", 0), 15);
	EXPECT_EQ(stp_strtol("101", 2), 5);
	EXPECT_EQ(stp_strtol("zz", 36), 35 * 36 + 35);
	EXPECT_EQ(stp_strtol("abc", 10), 0);
	EXPECT_EQ(stp_strtol("12", 1), 0);
}

} // namespace
