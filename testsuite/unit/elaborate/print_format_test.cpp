#include "elaborate/print_format.h"

#include <gtest/gtest.h>

using namespace stap;
using ast::Type;

TEST(PrintFormat, ConversionsGiveArgumentTypes)
{
	auto spec = parse_print_format("%d %s %x %c %p %b %m %M %i %o %u %X %%\n");
	EXPECT_TRUE(spec.error.empty());
	EXPECT_EQ(spec.arguments,
		  (std::vector<Type>{Type::Long, Type::String, Type::Long, Type::Long, Type::Long,
				     Type::Long, Type::Long, Type::Long, Type::Long, Type::Long,
				     Type::Long, Type::Long}));
}

TEST(PrintFormat, FlagsWidthsAndPrecisions)
{
	auto spec = parse_print_format("%-5d %+d % d %#x %05d %.3s %ld");
	EXPECT_TRUE(spec.error.empty());
	EXPECT_EQ(spec.arguments.size(), 7u);
	auto star = parse_print_format("%*d %.*s %*.*d");
	EXPECT_EQ(star.arguments,
		  (std::vector<Type>{Type::Long, Type::Long, Type::Long, Type::String, Type::Long,
				     Type::Long, Type::Long}));
	EXPECT_TRUE(parse_print_format("no conversions").arguments.empty());
}

TEST(PrintFormat, ErrorsNameTheConversion)
{
	auto bad = parse_print_format("ok %q");
	EXPECT_EQ(bad.error_offset, 3u);
	EXPECT_NE(bad.error.find("'%q'"), std::string::npos);
	auto cut = parse_print_format("100%");
	EXPECT_EQ(cut.error_offset, 3u);
	EXPECT_NE(cut.error.find("no conversion specifier"), std::string::npos);
	EXPECT_FALSE(parse_print_format("%lld").error.empty());
	EXPECT_FALSE(parse_print_format("%5").error.empty());
}
