// The AST's own contract: deep clones, the visitors' traversal and
// replacement, the helper lookups.
#include "parse/ast_visitor.h"
#include "parse_test_util.h"

#include <gtest/gtest.h>

using namespace stap;
using namespace stap::ast;
using test::parse;

namespace
{

const char* kScript = "global g\n"
		      "probe begin { x = f(1, a[2]) + 3; foreach ([k] in a) g += k }\n"
		      "function f(p, q) { return p * q }\n";

struct Counter : ConstVisitor<Counter> {
	using ConstVisitor::visit;
	void visit(const IntLiteral& e)
	{
		++literals;
		ConstVisitor::visit(e);
	}
	void visit(const Symbol& e)
	{
		names += e.name + " ";
		ConstVisitor::visit(e);
	}
	int literals = 0;
	std::string names;
};

// Replaces every literal 3 by 4, and `x` symbols by `y`.
struct Rewriter : Visitor<Rewriter> {
	using Visitor::visit;
	ExprPtr visit(IntLiteral& e)
	{
		if (e.value != 3)
			return nullptr;
		auto r = std::make_unique<IntLiteral>(4);
		r->loc = e.loc;
		return r;
	}
	ExprPtr visit(Symbol& e)
	{
		if (e.name != "x")
			return nullptr;
		return std::make_unique<Symbol>("y");
	}
};

} // namespace

TEST(Ast, ConstVisitorWalksEverythingInSourceOrder)
{
	auto p = parse(kScript);
	ASSERT_TRUE(p->ok()) << p->messages();
	Counter c;
	c.visit(*p->file);
	EXPECT_EQ(c.literals, 3);
	EXPECT_EQ(c.names, "x a k a g k p q ");
}

TEST(Ast, RewritingVisitorReplacesNodesInPlace)
{
	auto p = parse(kScript);
	Rewriter r;
	r.visit(*p->file);
	EXPECT_EQ(p->printed(), "global g\n"
				"probe begin {\n"
				"\ty = f(1, a[2]) + 4;\n"
				"\tforeach ([k] in a)\n"
				"\t\tg += k;\n"
				"}\n"
				"function f (p, q) {\n"
				"\treturn p * q;\n"
				"}\n");
}

TEST(Ast, ReplacingATypedChildWithAnotherKindIsRefused)
{
	auto p = parse("probe begin { foreach ([x] in a) ; }");
	Rewriter r; // would turn the key symbol x into another Symbol: allowed
	EXPECT_NO_THROW(r.visit(*p->file));
	EXPECT_EQ(p->printed(), "probe begin {\n\tforeach ([y] in a)\n\t\t;\n}\n");

	struct Bad : Visitor<Bad> {
		using Visitor::visit;
		ExprPtr visit(Symbol&) { return std::make_unique<IntLiteral>(1); }
	};
	Bad bad;
	EXPECT_THROW(bad.visit(*p->file), std::logic_error);
}

TEST(Ast, CloneIsDeepAndKeepsLocationsAndLinks)
{
	auto p = parse(kScript);
	Probe& probe = *p->file->probes[0];
	VarDecl decl(VarDecl::Scope::Local);
	auto& stmt = static_cast<ExprStmt&>(*probe.body->statements[0]);
	auto& assign = static_cast<Assignment&>(*stmt.expr);
	static_cast<Symbol&>(*assign.lhs).referent = &decl;
	assign.type = Type::Long;

	std::unique_ptr<Probe> copy = probe.clone();
	std::ostringstream a, b;
	print_statement(a, *probe.body);
	print_statement(b, *copy->body);
	EXPECT_EQ(a.str(), b.str());
	auto& copy_assign =
		static_cast<Assignment&>(*static_cast<ExprStmt&>(*copy->body->statements[0]).expr);
	EXPECT_NE(&copy_assign, &assign);
	EXPECT_EQ(copy_assign.type, Type::Long);
	EXPECT_EQ(copy_assign.loc, assign.loc);
	EXPECT_EQ(static_cast<Symbol&>(*copy_assign.lhs).referent, &decl);
	EXPECT_EQ(copy->points[0]->components[0].name, "begin");

	// Changing the copy leaves the original alone.
	static_cast<Symbol&>(*copy_assign.lhs).name = "changed";
	EXPECT_EQ(static_cast<Symbol&>(*assign.lhs).name, "x");

	auto fn = p->file->functions[0]->clone();
	EXPECT_EQ(fn->params.size(), 2u);
	EXPECT_EQ(fn->file, p->file.get());
}

TEST(Ast, CloneEveryExpressionKind)
{
	ParseEnvironment guru;
	guru.guru_mode = true;
	auto p = parse("probe begin { z = -a + !b . $x->y[1]$ . @cast(p, \"t\")->m . @var(\"v\") "
		       ". c->d . @defined($e) . @entry($f) . @probewrite(g) . @kregister(1) . "
		       "@kderef(4, h) . %{ 1 %} . @count(s) . @hist_log(s)[1] . ([1] in i) . "
		       "(j =~ \"k\") . (l ? m : n) . o++ . sprintf(\"%d\", 1) . f(2) . \"s\" }",
		       guru);
	ASSERT_TRUE(p->ok()) << p->messages();
	std::ostringstream a, b;
	print_statement(a, *p->file->probes[0]->body);
	print_statement(b, *p->file->probes[0]->body->clone());
	EXPECT_EQ(a.str(), b.str());
}

TEST(Ast, Names)
{
	EXPECT_STREQ(type_name(Type::Stats), "stats");
	EXPECT_STREQ(op_spelling(Binary::Op::Concat), ".");
	EXPECT_STREQ(op_spelling(Assignment::Op::Accumulate), "<<<");
	EXPECT_EQ(compound_binary_op(Assignment::Op::ConcatAssign), Binary::Op::Concat);
	EXPECT_EQ(compound_binary_op(Assignment::Op::Accumulate), std::nullopt);
	EXPECT_TRUE(is_comparison(Binary::Op::Ge));
	EXPECT_FALSE(is_comparison(Binary::Op::Concat));
	EXPECT_TRUE(is_logical(Binary::Op::LogicalOr));
	EXPECT_EQ(lookup_stat_func("variance"), StatFunc::Variance);
	EXPECT_EQ(lookup_stat_func("median"), std::nullopt);
	auto sprintdln = PrintFormat::lookup("sprintdln");
	ASSERT_TRUE(sprintdln);
	EXPECT_EQ(sprintdln->first, PrintFormat::Style::Printdln);
	EXPECT_TRUE(sprintdln->second);
	EXPECT_FALSE(PrintFormat::lookup("printk"));
}

TEST(Ast, EmbeddedPragmas)
{
	auto p = EmbeddedPragmas::scan("/* pure */ /* stable */ /* myproc-unprivileged */ "
				       "/* pragma:read:foo */ /* pragma:write:bar */ code");
	EXPECT_TRUE(p.pure);
	EXPECT_TRUE(p.stable);
	EXPECT_TRUE(p.myproc_unprivileged);
	EXPECT_FALSE(p.unprivileged);
	EXPECT_FALSE(p.guru);
	EXPECT_EQ(p.reads, std::vector<std::string>{"foo"});
	EXPECT_EQ(p.writes, std::vector<std::string>{"bar"});
}
