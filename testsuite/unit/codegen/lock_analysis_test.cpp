// Lock tables: which globals each probe locks, and how, through the
// functions it calls (docs/runtime-api.md, "Globals and locking").
#include "codegen_test_util.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <regex>

using stap::test::generate;

namespace
{

// The lock table of handler N as emitted: "a:w b:r".
std::string table(const stap::test::Generated& g, int handler)
{
	std::string name = "probe_" + std::to_string(handler) + "_locks[] = ";
	auto b = g.c().find(name);
	if (b == std::string::npos)
		return "none";
	auto e = g.c().find(";\n", b);
	return g.c().substr(b + name.size(), e - b - name.size());
}

// The locks of handler N by global name, "a:w b:r" (the table's order is
// the globals' numbering, tested separately).
std::string locks(const std::string& script, int handler = 0)
{
	auto g = generate(script);
	if (!g->messages().empty())
		return "<" + g->messages() + ">";
	std::string t = table(*g, handler);
	std::vector<std::string> refs;
	std::regex ref(R"(\{G_(\w+), ([01])\})");
	for (std::sregex_iterator it(t.begin(), t.end(), ref), end; it != end; ++it)
		refs.push_back((*it)[1].str() + ((*it)[2] == "1" ? ":w" : ":r"));
	std::sort(refs.begin(), refs.end());
	std::string out;
	for (const std::string& r : refs)
		out += (out.empty() ? "" : " ") + r;
	return out.empty() ? "none" : out;
}

} // namespace

TEST(LockAnalysis, ScalarsReadAndWritten)
{
	EXPECT_EQ(locks("global a, b = 1, c\nprobe begin { a = b; c++ }"), "a:w b:r c:w");
	EXPECT_EQ(locks("global a = 1\nprobe begin { x = a; println(x) }"), "a:r");
	EXPECT_EQ(locks("global a\nprobe begin { a .= \"x\" }"), "a:w");
	EXPECT_EQ(locks("global a = 2\nprobe begin { delete a }"), "a:w");
	EXPECT_EQ(locks("probe begin { x = 1; println(x) }"), "none");
}

TEST(LockAnalysis, Arrays)
{
	EXPECT_EQ(locks("global m\nprobe begin { x = m[1]; println(x) }\nprobe end { m[2] = 1 }"),
		  "m:r");
	EXPECT_EQ(locks("global m\nprobe begin { x = 1 in m }\nprobe end { m[2] = 1 }"), "m:r");
	EXPECT_EQ(locks("global m\nprobe begin { m[1] = 2 }"), "m:w");
	EXPECT_EQ(locks("global m\nprobe begin { m[1]++ }"), "m:w");
	EXPECT_EQ(locks("global m\nprobe begin { delete m[1] }\nprobe end { m[2] = 1 }"), "m:w");
	// foreach sorts the array in place: a write lock even to read.
	EXPECT_EQ(locks("global m\nprobe begin { foreach (k in m) println(k) }\nprobe end { m[2] = "
			"1 }"),
		  "m:w");
	// Indexes are read too.
	EXPECT_EQ(locks("global m, i = 3\nprobe begin { m[i] = 1 }"), "i:r m:w");
}

TEST(LockAnalysis, AggregatesAddUnderAReadLock)
{
	EXPECT_EQ(locks("global s\nprobe begin { s <<< 1 }"), "s:r");
	EXPECT_EQ(locks("global s\nprobe begin { s[1] <<< 1 }"), "s:r");
	// Reading combines the CPUs' parts: a write lock.
	EXPECT_EQ(locks("global s\nprobe begin { x = @count(s) }"), "s:w");
	EXPECT_EQ(locks("global s\nprobe begin { x = @sum(s[1]) }"), "s:w");
	EXPECT_EQ(locks("global s\nprobe begin { s <<< 1; print(@hist_log(s)) }"), "s:w");
	EXPECT_EQ(locks("global s\nprobe begin { s[1] <<< 1; x = 1 in s }"), "s:w");
	EXPECT_EQ(locks("global s\nprobe begin { s[1] <<< 1; foreach (k in s) x = k }"), "s:w");
	EXPECT_EQ(locks("global s\nprobe begin { s <<< 1; delete s }"), "s:w");
}

TEST(LockAnalysis, ThroughFunctionsTransitively)
{
	const char* script = "global a, b, c\n"
			     "function inner() { c = 1; return b }\n"
			     "function outer() { return inner() + a }\n"
			     "function recursive(n) { return n ? recursive(n - 1) : a }\n"
			     "probe begin { x = outer() }\n"
			     "probe end { x = recursive(3) }\n";
	EXPECT_EQ(locks(script, 0), "a:r b:r c:w");
	EXPECT_EQ(locks(script, 1), "a:r");
}

TEST(LockAnalysis, TablesAscendByGlobalNumber)
{
	// The runtime takes the locks in table order: ascending by the
	// globals' numbering (their enum), so that no two probes can
	// deadlock, whatever the order in which each uses them.
	auto g = generate("global x, y, z\nprobe begin { x = 1; y = 2; z = 3 }\n"
			  "probe end { z = 1; y = 2; x = 3 }");
	ASSERT_EQ(g->messages(), "");
	auto e = g->c().find("enum {");
	std::string order = g->c().substr(e, g->c().find("};", e) - e);
	std::vector<std::string> names;
	std::regex enumerator(R"(G_(\w+),)");
	for (std::sregex_iterator it(order.begin(), order.end(), enumerator), end; it != end; ++it)
		if ((*it)[1] != "_N")
			names.push_back((*it)[1]);
	ASSERT_EQ(names.size(), 3u);
	std::string want = "{";
	for (const std::string& n : names)
		want += std::string(want.size() > 1 ? ", " : "") + "{G_" + n + ", 1}";
	want += "}";
	EXPECT_EQ(table(*g, 0), want);
	EXPECT_EQ(table(*g, 1), want);
}

TEST(LockAnalysis, EmbeddedCPragmas)
{
	EXPECT_EQ(locks("global v, w\n"
			"function f() %{ /* pragma:read:v */ /* pragma:write:w */ %}\n"
			"probe begin { f(); v = 1; w = 2 }"),
		  "v:w w:w");
	EXPECT_EQ(locks("global v, w\n"
			"function f() %{ /* pragma:read:v */ /* pragma:write:w */ %}\n"
			"probe begin { f() }\nprobe end { v = 1; w = 2 }"),
		  "v:r w:w");
}
