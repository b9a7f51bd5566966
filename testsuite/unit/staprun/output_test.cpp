// Output file names.
#include "output.h"

#include <gtest/gtest.h>

namespace
{

TEST(Output, BulkFileNames)
{
	EXPECT_EQ(staprun::bulk_file_name("/tmp/out", 0), "/tmp/out_cpu0");
	EXPECT_EQ(staprun::bulk_file_name("/tmp/out", 12), "/tmp/out_cpu12");
	EXPECT_EQ(staprun::bulk_file_name("", 1), "stpd_cpu1");
}

TEST(Output, StrftimeExpansion)
{
	std::time_t t = 86400 * 365; // 1971-01-01, early enough for any zone
	std::string s = staprun::expand_output_name("trace-%Y.log", t);
	EXPECT_TRUE(s == "trace-1971.log" || s == "trace-1970.log") << s;
	EXPECT_EQ(staprun::expand_output_name("plain.log", t), "plain.log");
}

} // namespace
