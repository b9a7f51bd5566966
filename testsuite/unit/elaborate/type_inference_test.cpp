#include "elaborate_test_util.h"

#include <gtest/gtest.h>

using namespace stap;
using namespace stap::test;
using ast::Type;

TEST(TypeInference, LocalsGlobalsAndArrays)
{
	auto e = elaborate_script("global n, s, a, st\n"
				  "probe begin {\n"
				  "  n = 1; s = \"x\"; a[s, n] = \"v\"; st[s] <<< n\n"
				  "  l = a[\"k\", 2] . s\n"
				  "  print(n, s, l, @count(st[s]))\n"
				  "}\n");
	ASSERT_TRUE(e->ok()) << e->messages();
	EXPECT_EQ(e->global("n")->type, Type::Long);
	EXPECT_EQ(e->global("s")->type, Type::String);
	const ast::GlobalVar* a = e->global("a");
	EXPECT_EQ(a->type, Type::String);
	EXPECT_EQ(a->index_types, (std::vector<Type>{Type::String, Type::Long}));
	EXPECT_EQ(e->global("st")->type, Type::Stats);
	EXPECT_EQ(e->global("st")->index_types, std::vector<Type>{Type::String});
	EXPECT_EQ(e->local(0, "l")->type, Type::String);
	EXPECT_EQ(e->printed(), "# globals\n"
				"n:long\n"
				"s:string\n"
				"a:string [string, long]\n"
				"st:stats [string]\n"
				"# probes\n"
				"begin /* <- begin */\n"
				"  # locals\n"
				"  l:string\n");
}

TEST(TypeInference, EveryExpressionGetsItsType)
{
	auto e = elaborate_script("probe begin { x = \"a\" . \"b\"; y = (x == \"ab\") + 1; "
				  "print(x, y) }",
				  {}, unoptimized());
	ASSERT_TRUE(e->ok()) << e->messages();
	const auto& stmts = e->result.probes[0]->handler->body->statements;
	const auto& user = static_cast<const ast::Block&>(*stmts.at(0));
	const auto& first = static_cast<const ast::ExprStmt&>(*user.statements.at(0));
	EXPECT_EQ(first.expr->type, Type::String);
	const auto& assign = static_cast<const ast::Assignment&>(*first.expr);
	EXPECT_EQ(assign.lhs->type, Type::String);
	EXPECT_EQ(assign.rhs->type, Type::String);
	const auto& second = static_cast<const ast::ExprStmt&>(*user.statements.at(1));
	const auto& sum = static_cast<const ast::Binary&>(
		*static_cast<const ast::Assignment&>(*second.expr).rhs);
	EXPECT_EQ(sum.type, Type::Long);
	EXPECT_EQ(sum.lhs->type, Type::Long) << "a comparison is a long";
}

TEST(TypeInference, FlowsAcrossFunctionsToAFixpoint)
{
	// The type of `x` reaches `deep` only through three calls, in the
	// order opposite to the functions' order in the program.
	auto e = elaborate_script("function deep(a) { return a }\n"
				  "function mid(b) { return deep(b) }\n"
				  "function top(c) { return mid(c) }\n"
				  "function user() { return top(\"s\") }\n"
				  "probe begin { r = user(); print(r) }\n");
	ASSERT_TRUE(e->ok()) << e->messages();
	for (const char* f : {"deep", "mid", "top", "user"}) {
		EXPECT_EQ(e->function(f)->type, Type::String) << f;
		for (const auto& p : e->function(f)->params)
			EXPECT_EQ(p->type, Type::String) << f;
	}
	EXPECT_EQ(e->local(0, "r")->type, Type::String);
}

TEST(TypeInference, ReturnTypesFlowBackIntoArguments)
{
	auto e = elaborate_script("function id(v) { return v }\n"
				  "probe begin { x = id(y); z = x + 1; y = 2; print(z) }\n");
	ASSERT_TRUE(e->ok()) << e->messages();
	EXPECT_EQ(e->function("id")->params[0]->type, Type::Long);
	EXPECT_EQ(e->local(0, "y")->type, Type::Long);
}

TEST(TypeInference, DeclaredTypesAndInitialisers)
{
	auto e = elaborate_script("global g = \"s\"\n"
				  "function f:long (a:string, b) { return b }\n"
				  "probe begin { print(f(g, 1)) }\n");
	ASSERT_TRUE(e->ok()) << e->messages();
	EXPECT_EQ(e->global("g")->type, Type::String);
	EXPECT_EQ(e->function("f")->params[1]->type, Type::Long);
}

TEST(TypeInference, ConflictsNameBothPlaces)
{
	auto e = elaborate_script("probe begin { x = 1; x = \"s\"; print(x) }");
	ASSERT_EQ(e->errors(), "type mismatch: 'x' is used as a string here, but it is a long\n");
	const Diagnostic& d = e->diags.all().at(0);
	EXPECT_EQ(e->sources.describe(d.loc), "t.stp:1:22");
	ASSERT_EQ(d.notes.size(), 1u);
	EXPECT_EQ(d.notes[0].message, "'x' was first inferred to be a long here");
	EXPECT_EQ(e->sources.describe(d.notes[0].loc), "t.stp:1:15");
}

TEST(TypeInference, Mismatches)
{
	auto errors = [](const char* script) { return elaborate_script(script)->errors(); };
	EXPECT_EQ(errors("probe begin { print(1 + \"a\") }"),
		  "type mismatch: expected long but found string\n");
	EXPECT_EQ(errors("probe begin { print(1 . \"a\") }"),
		  "type mismatch: expected string but found long\n");
	EXPECT_EQ(errors("global a\nprobe begin { a[\"k\"] = 1; print(a[1]) }"),
		  "type mismatch: index 1 of 'a' is used as a long here, but it is a string\n");
	EXPECT_EQ(errors("function f(p) { return p }\nprobe begin { print(f(1), f(\"s\")) }"),
		  "type mismatch: parameter 'p' of function 'f' is used as a string here, but "
		  "it is a long\n");
	EXPECT_EQ(errors("function f(n) { if (n) return 1; return \"s\" }\n"
			 "probe begin { print(f(1)) }"),
		  "type mismatch: the value of function 'f' is used as a string here, but it is "
		  "a long\n");
	EXPECT_EQ(errors("probe begin { s = \"x\"; if (s) print(s) }"),
		  "type mismatch: 's' is used as a long here, but it is a string\n");
	EXPECT_EQ(errors("probe begin { n = 1; print(n =~ \"1\") }"),
		  "type mismatch: 'n' is used as a string here, but it is a long\n");
}

TEST(TypeInference, Statistics)
{
	auto errors = [](const char* script) { return elaborate_script(script)->errors(); };
	EXPECT_EQ(errors("global s\nprobe begin { s <<< 1; print(s + 1) }"),
		  "'s' is a statistics aggregate: read it with @count, @sum, @min, @max, @avg, "
		  "@variance or a histogram\n");
	EXPECT_EQ(errors("global n\nprobe begin { n = 1; print(@sum(n)) }"),
		  "'n' is a long, not a statistics aggregate\n");
	EXPECT_EQ(errors("global s\nprobe begin { s <<< 1; print(@variance(s, 1), "
			 "@variance(s, 2)) }"),
		  "conflicting @variance bit shifts for 's': 2 here, 1 elsewhere\n");
	EXPECT_EQ(errors("global s\nprobe begin { s <<< 1; h = @hist_log(s); print(h) }"),
		  "a histogram can only be printed whole (print, println, sprint, sprintln), "
		  "indexed or iterated with foreach\n");
	EXPECT_EQ(errors("global s\nprobe begin { s <<< 1; print(@hist_linear(s, 0, 10, 0)) }"),
		  "@hist_linear bucket width must be positive, not 0\n");
	EXPECT_EQ(errors("global s\nprobe begin { s <<< 1; print(@hist_linear(s, 9, 1, 1)) }"),
		  "@hist_linear range is empty: the high end 1 must be above the low end 9\n");
	auto local = elaborate_script("probe begin { print(@count(x)) }");
	EXPECT_EQ(local->errors(), "statistics aggregate 'x' must be a global: missing 'global "
				   "x' declaration?\n");
	auto ok =
		elaborate_script("global s\n"
				 "probe begin { s <<< 1; print(@hist_log(s)); "
				 "foreach (b in @hist_linear(s, 0, 9, 1)) print(@hist_linear(s, 0, "
				 "9, 1)[b]); delete s }");
	ASSERT_TRUE(ok->ok()) << ok->messages();
	EXPECT_EQ(ok->local(0, "b")->type, Type::Long);
}

TEST(TypeInference, Foreach)
{
	auto e = elaborate_script("global a, st\n"
				  "probe begin { a[\"k\", 1] = \"v\"; st[2] <<< 1\n"
				  "foreach (v = [s, n] in a- limit 3) print(v, s, n)\n"
				  "foreach ([k] in st @sum+) print(k) }\n");
	ASSERT_TRUE(e->ok()) << e->messages();
	EXPECT_EQ(e->local(0, "v")->type, Type::String);
	EXPECT_EQ(e->local(0, "s")->type, Type::String);
	EXPECT_EQ(e->local(0, "n")->type, Type::Long);
	EXPECT_EQ(e->local(0, "k")->type, Type::Long);
	auto errors = [](const char* script) { return elaborate_script(script)->errors(); };
	EXPECT_EQ(errors("global a\nprobe begin { a[1] = 1; foreach (k in a @sum+) print(k) }"),
		  "sorting by @sum needs an array of statistics aggregates, but 'a' holds long "
		  "values\n");
	EXPECT_EQ(errors("global s\nprobe begin { s[1] <<< 1; foreach (v = k in s) print(k) }"),
		  "foreach cannot copy elements of 's' into 'v': they are statistics "
		  "aggregates\n");
	EXPECT_EQ(errors("global a\nprobe begin { a[1] = 1; foreach (k in a limit \"x\") "
			 "print(k) }"),
		  "type mismatch: expected long but found string\n");
}

TEST(TypeInference, PrintfFormats)
{
	auto errors = [](const char* script) { return elaborate_script(script)->errors(); };
	EXPECT_EQ(errors("probe begin { printf(\"%d %s\\n\", \"x\", 1) }"),
		  "type mismatch: expected long but found string\n"
		  "type mismatch: expected string but found long\n");
	EXPECT_EQ(errors("probe begin { printf(\"%d %d\\n\", 1) }"),
		  "'printf' format \"%d %d\\n\" takes 2 arguments, but 1 is given\n");
	EXPECT_EQ(errors("probe begin { x = sprintf(\"%s\", 1, 2); print(x) }"),
		  "'sprintf' format \"%s\" takes 1 argument, but 2 are given\n"
		  "type mismatch: expected string but found long\n");
	EXPECT_EQ(errors("probe begin { printf(\"%y\", 1) }"),
		  "invalid printf format: invalid conversion specifier '%y': expected one of d i "
		  "o u x X p c b m M s %\n");
	// Formats also give types.
	auto e = elaborate_script("probe begin { printf(\"%s %d\\n\", a, b); a = \"\"; b = 1 }");
	ASSERT_TRUE(e->ok()) << e->messages();
	EXPECT_EQ(e->local(0, "a")->type, Type::String);
}

TEST(TypeInference, UnresolvedTypes)
{
	auto e = elaborate_script("probe begin { x = y; print(x) }");
	EXPECT_EQ(e->errors(), "unresolved type of 'x': nothing in the program gives it a value "
			       "of a known type\n"
			       "unresolved type of 'y': nothing in the program gives it a value "
			       "of a known type\n");
	auto fn = elaborate_script("function f() { print(1) }\nprobe begin { x = f(); print(x) }");
	EXPECT_EQ(fn->errors(), "function 'f' returns no value, but its value is used here\n");
	auto index = elaborate_script("global a\nprobe begin { print(a[k]) }");
	EXPECT_EQ(index->errors(), "unresolved type of 'a': nothing in the program gives it a "
				   "value of a known type\n"
				   "unresolved type of index 1 of 'a'\n"
				   "unresolved type of 'k': nothing in the program gives it a "
				   "value of a known type\n");
}

TEST(TypeInference, RegularExpressions)
{
	EXPECT_EQ(elaborate_script("probe begin { print(\"a\" =~ \"(\") }")->errors(),
		  "invalid regular expression: Unmatched ( or \\(\n");
	EXPECT_EQ(elaborate_script("probe begin { print(\"a\" =~ \"(a)\\\\1\") }")->errors(),
		  "invalid regular expression: back-references such as '\\1' are not "
		  "supported\n");
	EXPECT_TRUE(elaborate_script("probe begin { print(\"a\" !~ \"^[a-z]+(b|c)?$\") }")->ok());
}
