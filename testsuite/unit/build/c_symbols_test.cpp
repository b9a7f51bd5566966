#include "build/c_symbols.h"

#include <gtest/gtest.h>

using namespace stap;

using Names = std::set<std::string>;

TEST(CSymbols, FindsTheGlobalDefinitions)
{
	CSymbols s = scan_c_symbols(R"(/* a comment: int not_this(void) { } */
#include "runtime.h"
#define STP_MACRO(x) stp_called_by_macro(x)

static DEFINE_MUTEX(stp_private_mutex);
DEFINE_PER_CPU(struct stp_thing, stp_per_cpu);
atomic_t stp_state = ATOMIC_INIT(1);
s32 stp_target_pid;	/* a comment */
const char stp_name[] = "int not_a_definition;";
const struct stp_ops stp_ops_long = {
	.get = stp_get,
	.nested = { 1, 2 },
};
struct stp_type {
	int member;
};
struct stp_other {
	int x;
} stp_other_instance;
enum { STP_A, STP_B };
typedef int stp_int;
extern int stp_elsewhere;
extern bool stp_optional(int x) __weak;
extern const struct stp_ops stp_optional_ops __weak;
int stp_prototype(int);
MODULE_LICENSE("GPL");

static int stp_helper(void)
{
	return stp_elsewhere + '}';
}

__printf(2, 3) void stp_log(int level, const char *fmt, ...)
{
	if (level) {
		stp_helper();
	}
}

s64 stp_value(const struct stp_map *m,
	      const union stp_key *k)
{
	return 0;
}
)");
	EXPECT_EQ(s.defined, (Names{"stp_per_cpu", "stp_state", "stp_target_pid", "stp_name",
				    "stp_ops_long", "stp_other_instance", "stp_log", "stp_value"}));
	EXPECT_EQ(s.weak, (Names{"stp_optional", "stp_optional_ops"}));
	for (const char* m : {"stp_called_by_macro", "stp_get", "stp_elsewhere", "stp_helper",
			      "STP_MACRO", "ATOMIC_INIT", "stp_thing"})
		EXPECT_TRUE(s.identifiers.count(m)) << m;
	for (const char* m : {"not_this", "not_a_definition", "runtime"})
		EXPECT_FALSE(s.identifiers.count(m)) << m;
	// What functions (static ones too) and macros use.
	EXPECT_EQ(s.uses["STP_MACRO"], (Names{"x", "stp_called_by_macro"}));
	EXPECT_EQ(s.uses["stp_helper"], (Names{"return", "stp_elsewhere"}));
	EXPECT_EQ(s.uses["stp_log"], (Names{"if", "level", "stp_helper"}));
	EXPECT_EQ(s.uses.count("stp_type"), 0u);
	// (Designators count too: harmless, they name no symbol.)
	EXPECT_EQ(s.initialisers, (Names{"ATOMIC_INIT", "get", "nested", "stp_get"}));
}

TEST(CSymbols, SurvivesUnbalancedText)
{
	for (const char* text : {"int f(void) {", "}", "int x = {", "\"open", "/* open",
				 "#define X \\", "int (", ")", "", "'"}) {
		CSymbols s = scan_c_symbols(text);
		(void)s;
	}
}
