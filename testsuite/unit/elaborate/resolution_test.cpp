#include "elaborate_test_util.h"

#include "parse/ast_visitor.h"

#include <gtest/gtest.h>

using namespace stap;
using namespace stap::test;

namespace
{

// Every symbol and call below a handler or function, with what it resolved to.
struct Links : ast::ConstVisitor<Links> {
	using ConstVisitor::visit;
	void visit(const ast::Symbol& s) { symbols.push_back(&s); }
	void visit(const ast::FunctionCall& c)
	{
		calls.push_back(&c);
		ConstVisitor::visit(c);
	}
	std::vector<const ast::Symbol*> symbols;
	std::vector<const ast::FunctionCall*> calls;
};

Links links(const Elaborated& e)
{
	Links l;
	for (const auto& h : e.result.handlers)
		l.visit(*h->body);
	for (const ast::Function* f : e.result.functions)
		if (f->body)
			l.visit(*f->body);
	return l;
}

const std::vector<LibraryFile> kLibrary{
	{"ctx.stp", "function pid:long () %{ /* pure */ STAP_RETVALUE = 1; %}\n"
		    "function execname:string () %{ /* pure */ %}\n"},
	{"count.stp", "global hits\n"
		      "private global __secret = 7\n"
		      "private function __peek() { return __secret }\n"
		      "function hit() { hits++; return __peek() }\n"},
	{"unused.stp", "global nobody_uses_this\nfunction lonely() { return 1 }\n"},
	{"pragma.stp", "global watched\n"
		       "function read_watched:long () %{ /* pragma:read:watched */ %}\n"},
};

} // namespace

TEST(Resolution, EverySymbolAndCallHasAReferent)
{
	auto e = elaborate_script("global g\n"
				  "function f(p) { q = p + g; return q }\n"
				  "probe begin { l = f(1); g = l; print(g, l) }\n");
	ASSERT_TRUE(e->ok()) << e->messages();
	Links l = links(*e);
	ASSERT_FALSE(l.symbols.empty());
	for (const ast::Symbol* s : l.symbols)
		EXPECT_NE(s->referent, nullptr) << s->name;
	for (const ast::FunctionCall* c : l.calls)
		EXPECT_NE(c->referent, nullptr) << c->name;
	const ast::Function* f = e->function("f");
	ASSERT_NE(f, nullptr);
	ASSERT_EQ(f->locals.size(), 1u);
	EXPECT_EQ(f->locals[0]->name, "q");
	EXPECT_EQ(f->locals[0]->scope, ast::VarDecl::Scope::Local);
	ASSERT_NE(e->local(0, "l"), nullptr);
	EXPECT_EQ(e->local(0, "g"), nullptr) << "g is the global";
}

TEST(Resolution, LocalsArePerHandlerAndPerFunction)
{
	auto e = elaborate_script("function f() { x = 1; return x }\n"
				  "probe begin { x = \"a\"; print(x, f()) }\n"
				  "probe end { x = 2; print(x) }\n");
	ASSERT_TRUE(e->ok()) << e->messages();
	EXPECT_EQ(e->local(0, "x")->type, ast::Type::String);
	EXPECT_EQ(e->local(1, "x")->type, ast::Type::Long);
	EXPECT_EQ(e->function("f")->locals.at(0)->type, ast::Type::Long);
}

TEST(Resolution, OnlyTheTapsetFilesThatAreUsedJoinTheProgram)
{
	auto e = elaborate_script("probe begin { print(execname(), hit()) }", kLibrary);
	ASSERT_TRUE(e->ok()) << e->messages();
	EXPECT_EQ(e->unpulled(), 2u) << "unused.stp and pragma.stp stay out";
	EXPECT_NE(e->function("execname"), nullptr);
	EXPECT_NE(e->function("__peek"), nullptr) << "the private helper is reachable";
	EXPECT_NE(e->global("__secret"), nullptr);
	EXPECT_EQ(e->function("pid"), nullptr) << "in a pulled file, but unused";
}

TEST(Resolution, PrivateNamesStayInTheirFile)
{
	auto fn = elaborate_script("probe begin { print(__peek()) }", kLibrary);
	EXPECT_EQ(fn->errors(), "unresolved function call '__peek'\n");
	auto var = elaborate_script("probe begin { __secret = 1; print(__secret) }", kLibrary);
	ASSERT_TRUE(var->ok()) << var->messages();
	EXPECT_EQ(var->global("__secret"), nullptr) << "the script's __secret is a local";
	EXPECT_NE(var->local(0, "__secret"), nullptr);
}

TEST(Resolution, UserDeclarationsHideTapsetOnes)
{
	auto e = elaborate_script("function pid() { return 42 }\nprobe begin { print(pid()) }",
				  kLibrary);
	ASSERT_TRUE(e->ok()) << e->messages();
	EXPECT_EQ(e->unpulled(), kLibrary.size());
	EXPECT_EQ(e->function("pid")->file->name, "t.stp");
}

TEST(Resolution, CrossFileGlobalReferencesWarn)
{
	auto e = elaborate_script("global hits\nprobe begin { hits = 1; print(hit(), hits) }",
				  kLibrary);
	ASSERT_TRUE(e->ok()) << e->messages();
	EXPECT_NE(e->messages().find("count.stp:4:18: warning: cross-file global variable "
				     "reference to 'hits'"),
		  std::string::npos)
		<< e->messages();
}

TEST(Resolution, PragmasResolveGlobals)
{
	auto e = elaborate_script("probe begin { watched = 1; print(read_watched()) }", kLibrary);
	ASSERT_TRUE(e->ok()) << e->messages();
	const ast::GlobalVar* g = e->global("watched");
	ASSERT_NE(g, nullptr);
	EXPECT_TRUE(e->result.access(*e->function("read_watched")).reads_var(*g));
	auto bad = elaborate_script("function f:long () %{ /* pragma:write:nope */ %}\n"
				    "probe begin { print(f()) }",
				    {}, {});
	EXPECT_EQ(bad->errors(), "embedded C names an unknown global 'nope' in /* "
				 "pragma:write:nope */\n");
}

TEST(Resolution, OverloadsByArityAreSeparateFunctions)
{
	auto e = elaborate_script("function g() { return 0 }\n"
				  "function g(x) { return x }\n"
				  "probe begin { print(g(), g(5)) }\n");
	ASSERT_TRUE(e->ok()) << e->messages();
	Links l = links(*e);
	ASSERT_EQ(l.calls.size(), 2u);
	EXPECT_EQ(l.calls[0]->referent->params.size(), 0u);
	EXPECT_EQ(l.calls[1]->referent->params.size(), 1u);
	EXPECT_EQ(e->result.overloads(*l.calls[0]->referent).size(), 1u);
}

TEST(Resolution, RuntimeOverloadsRunInPriorityOrder)
{
	std::vector<LibraryFile> lib{{"lib.stp", "function f(n) { return 3 }\n"}};
	auto e = elaborate_script("function f(n):3 { return 1 }\n"
				  "function f(n):1 { if (n) next; return 2 }\n"
				  "function f(n) { if (n) next; return 0 }\n"
				  "function helper() { return 0 }\n"
				  "probe begin { print(f(1)) }\n",
				  lib);
	ASSERT_TRUE(e->ok()) << e->messages();
	Links l = links(*e);
	const auto& set = e->result.overloads(*l.calls.at(0)->referent);
	ASSERT_EQ(set.size(), 3u) << "the library's f is not pulled in: the script has f";
	EXPECT_EQ(l.calls[0]->referent, set[0]);
	EXPECT_FALSE(set[0]->priority.has_value()) << "default priority 0 runs first";
	EXPECT_EQ(*set[1]->priority, 1);
	EXPECT_EQ(*set[2]->priority, 3);
}

TEST(Resolution, CallErrors)
{
	auto unknown = elaborate_script("function greet(w) { return w }\n"
					"probe begin { print(gret(\"x\")) }\n");
	EXPECT_EQ(unknown->errors(), "unresolved function call 'gret'\n");
	EXPECT_EQ(unknown->diags.all().at(0).notes.at(0).message, "did you mean 'greet'?");
	auto arity = elaborate_script("function sq(x) { return x * x }\n"
				      "probe begin { print(sq(1, 2)) }\n");
	EXPECT_EQ(arity->errors(), "no function 'sq' takes 2 arguments\n");
	EXPECT_EQ(arity->diags.all().at(0).notes.at(0).message,
		  "'sq' is defined here with 1 parameter");
}

TEST(Resolution, ArityIsInferredAndChecked)
{
	auto ok =
		elaborate_script("global a, b\n"
				 "probe begin { a[1, \"x\"] = 1; b = 2; print(a[1, \"x\"], b) }\n");
	ASSERT_TRUE(ok->ok()) << ok->messages();
	EXPECT_EQ(ok->global("a")->arity, 2);
	EXPECT_EQ(ok->global("b")->arity, 0);
	EXPECT_EQ(elaborate_script("global a\nprobe begin { a = 1; a[1] = 2 }")->errors(),
		  "'a' is used as an array here, but it is a scalar\n");
	EXPECT_EQ(elaborate_script("global a\nprobe begin { a[1] = 1; a = 2 }")->errors(),
		  "'a' is used as a scalar here, but it is an array\n");
	EXPECT_EQ(elaborate_script("global a\nprobe begin { a[1] = 1; print(a[1, 2]) }")->errors(),
		  "'a' is used with 2 indexes here, but it has 1 index\n");
	EXPECT_EQ(elaborate_script("probe begin { a[1] = 1; print(a[1]) }")->errors(),
		  "'a' is used as an array, but arrays must be global: missing 'global a' "
		  "declaration?\n");
	EXPECT_EQ(elaborate_script("function f(p) { return p[1] }\nprobe begin { print(f(1)) }")
			  ->errors(),
		  "function parameter 'p' cannot be an array\n");
}

TEST(Resolution, ConditionsMayOnlyUseGlobals)
{
	auto e = elaborate_script("global enabled = 1\nprobe begin if (enabld) { print(1) }");
	EXPECT_EQ(e->errors(),
		  "probe conditions can only use global variables: 'enabld' is not one\n");
	EXPECT_EQ(e->diags.all().at(0).notes.at(0).message, "did you mean 'enabled'?");
}

TEST(Resolution, DefinedFoldsAndDropsTheBranchItRulesOut)
{
	auto e = elaborate_script("probe begin { if (@defined($nope)) print($nope) else print(1)\n"
				  "x = @defined($nope) ? $nope : 5; print(x) }\n",
				  {}, unoptimized());
	ASSERT_TRUE(e->ok()) << e->messages();
	EXPECT_EQ(e->local(0, "x")->type, ast::Type::Long);
}

TEST(Resolution, ProbeDependentOperators)
{
	EXPECT_EQ(elaborate_script("probe begin { print(@entry(1)) }")->errors(),
		  "@entry is only valid in function return probes: 'begin' is not one\n");
	EXPECT_EQ(elaborate_script("function f() { return $x }\nprobe begin { print(f()) }")
			  ->errors(),
		  "context variable '$x' cannot be used in a function: only probe handlers "
		  "have a probe context\n");
	EXPECT_EQ(
		elaborate_script("probe begin { print(@cast(0, \"task_struct\")->pid) }")->errors(),
		"@cast(..., \"task_struct\") cannot be resolved: type information from "
		"debuginfo is not supported yet\n");
	EXPECT_EQ(elaborate_script("function f() { return @probewrite(v) }\n"
				   "probe begin { print(f()) }")
			  ->errors(),
		  "@probewrite is only valid in probe handlers\n");
}
