#include "parse_test_util.h"

#include <gtest/gtest.h>

using namespace stap;
using namespace stap::ast;
using test::expr;
using test::parse;

// ---- Precedence and associativity (printed fully parenthesised) ----------------

TEST(ParserPrecedence, Arithmetic)
{
	EXPECT_EQ(expr("a + b * c"), "a + (b * c)");
	EXPECT_EQ(expr("a * b + c"), "(a * b) + c");
	EXPECT_EQ(expr("a - b - c"), "a - b - c"); // left-associative: printed flat
	EXPECT_EQ(expr("a - (b - c)"), "a - (b - c)");
	EXPECT_EQ(expr("a / b % c"), "a / b % c");
	EXPECT_EQ(expr("a / (b % c)"), "a / (b % c)");
	EXPECT_EQ(expr("(a + b) * c"), "(a + b) * c");
	EXPECT_EQ(expr("a << b + c"), "a << (b + c)");
	EXPECT_EQ(expr("a << b << c"), "a << b << c");
}

TEST(ParserPrecedence, ConcatenationSitsBetweenShiftAndAdditive)
{
	EXPECT_EQ(expr("a . b + c"), "a . (b + c)");
	EXPECT_EQ(expr("a << b . c"), "a << (b . c)");
	EXPECT_EQ(expr("a . b . c"), "a . b . c");
	EXPECT_EQ(expr("a . (b . c)"), "a . (b . c)");
	EXPECT_EQ(expr("a < b . c"), "a < (b . c)");
}

TEST(ParserPrecedence, ComparisonBitwiseLogical)
{
	EXPECT_EQ(expr("a == b < c"), "a == b < c");
	EXPECT_EQ(expr("a == (b < c)"), "a == (b < c)");
	EXPECT_EQ(expr("a | b ^ c & d"), "a | (b ^ (c & d))");
	EXPECT_EQ(expr("a || b && c"), "a || (b && c)");
	EXPECT_EQ(expr("a && b || c"), "(a && b) || c");
	EXPECT_EQ(expr("a & b == c"), "a & (b == c)");
	EXPECT_EQ(expr("a =~ \"x\" && b !~ \"y\""), "(a =~ \"x\") && (b !~ \"y\")");
	EXPECT_EQ(expr("a . b =~ \"c\""), "(a . b) =~ \"c\"");
}

TEST(ParserPrecedence, InSitsBetweenBitAndAndComparison)
{
	EXPECT_EQ(expr("a < b in c"), "[a < b] in c");
	EXPECT_EQ(expr("a & b in c"), "a & ([b] in c)");
	EXPECT_EQ(expr("!a in b"), "[!a] in b");
	EXPECT_EQ(expr("[a, b] in c && d"), "([a, b] in c) && d");
	EXPECT_EQ(expr("[*, 2] in c"), "[*, 2] in c");
	EXPECT_EQ(expr("k in @hist_log(x)"), "[k] in @hist_log(x)");
}

TEST(ParserPrecedence, TernaryAndAssignmentAreRightAssociative)
{
	EXPECT_EQ(expr("x = a ? b : c ? d : e"), "x = a ? b : (c ? d : e)");
	EXPECT_EQ(expr("x = a ? b = 1 : c"), "x = a ? (b = 1) : c");
	EXPECT_EQ(expr("a = b = c"), "a = b = c");
	EXPECT_EQ(expr("a += b -= 2"), "a += b -= 2");
	EXPECT_EQ(expr("x = a || b ? c : d"), "x = (a || b) ? c : d");
}

TEST(ParserPrecedence, UnaryAndIncrements)
{
	EXPECT_EQ(expr("x = -a * b"), "x = -a * b");
	EXPECT_EQ(expr("x = -(a * b)"), "x = -(a * b)");
	EXPECT_EQ(expr("x = !!a"), "x = !(!a)");
	EXPECT_EQ(expr("x = ~-a"), "x = ~(-a)");
	EXPECT_EQ(expr("x = a++ + ++b"), "x = a++ + ++b");
	EXPECT_EQ(expr("x = -a++"), "x = -(a++)");
	EXPECT_EQ(expr("x = +a"), "x = +a");
}

TEST(ParserPrecedence, MinusFoldsIntoLiterals)
{
	EXPECT_EQ(expr("x = -5"), "x = -5");
	EXPECT_EQ(expr("x = - - 5"), "x = 5");
	EXPECT_EQ(expr("x = -9223372036854775808"), "x = -9223372036854775808");
	EXPECT_EQ(expr("x = 0xffffffffffffffff"), "x = -1");
	EXPECT_EQ(expr("x = a - -1"), "x = a - -1");
}

TEST(ParserPrecedence, AllAssignmentOperators)
{
	for (const char* op :
	     {"=", "+=", "-=", "*=", "/=", "%=", "<<=", ">>=", "&=", "|=", "^=", ".=", "<<<"})
		EXPECT_EQ(expr(std::string("x ") + op + " 1"), std::string("x ") + op + " 1");
}

// ---- Constructs -----------------------------------------------------------------

TEST(ParserExpressions, LiteralsAndStrings)
{
	EXPECT_EQ(expr("x = 0x10 + 010 + 10"), "x = 16 + 8 + 10");
	EXPECT_EQ(expr("x = \"a\" \"b\"\n \"c\""), "x = \"abc\"");
	EXPECT_EQ(expr("x = \"tab\\there\""), "x = \"tab\\there\"");
}

TEST(ParserExpressions, ArraysCallsAndPrinting)
{
	EXPECT_EQ(expr("a[1, \"x\", b] = f(1, g())"), "a[1, \"x\", b] = f(1, g())");
	EXPECT_EQ(expr("printf(\"%d %s\\n\", a, b)"), "printf(\"%d %s\\n\", a, b)");
	EXPECT_EQ(expr("x = sprintf(\"%d\", 1)"), "x = sprintf(\"%d\", 1)");
	EXPECT_EQ(expr("printd(\",\", 1, 2)"), "printd(\",\", 1, 2)");
	EXPECT_EQ(expr("x = sprintdln(\":\", a, b)"), "x = sprintdln(\":\", a, b)");
	EXPECT_EQ(expr("println()"), "println()");
	EXPECT_EQ(expr("print(1, \"a\")"), "print(1, \"a\")");
	EXPECT_EQ(expr("x = sprint(a) . sprintln(b)"), "x = sprint(a) . sprintln(b)");

	auto p = parse("probe begin { printf(\"%d\" \"x\", 1) }");
	const auto& stmt = static_cast<const ExprStmt&>(test::first_statement(*p));
	const auto* pf = as<PrintFormat>(stmt.expr.get());
	ASSERT_NE(pf, nullptr);
	EXPECT_EQ(pf->style, PrintFormat::Style::Printf);
	EXPECT_FALSE(pf->to_string);
	EXPECT_EQ(pf->format->value, "%dx");
	EXPECT_EQ(pf->args.size(), 1u);
}

TEST(ParserExpressions, Statistics)
{
	EXPECT_EQ(expr("s <<< 5"), "s <<< 5");
	EXPECT_EQ(expr("x = @count(s) + @sum(s) + @min(s) + @max(s) + @avg(s[1])"),
		  "x = @count(s) + @sum(s) + @min(s) + @max(s) + @avg(s[1])");
	EXPECT_EQ(expr("x = @variance(s, 3)"), "x = @variance(s, 3)");
	EXPECT_EQ(expr("print(@hist_linear(s, -10, 100, 5))"),
		  "print(@hist_linear(s, -10, 100, 5))");
	EXPECT_EQ(expr("x = @hist_log(s[k])[2]"), "x = @hist_log(s[k])[2]");
}

TEST(ParserExpressions, TargetVariables)
{
	EXPECT_EQ(expr("x = $var"), "x = $var");
	EXPECT_EQ(expr("x = $var->a->b[2]"), "x = $var->a->b[2]");
	EXPECT_EQ(expr("x = $var$ . $var$$"), "x = $var$ . $var$$");
	EXPECT_EQ(expr("x = $var->a$"), "x = $var->a$");
	EXPECT_EQ(expr("x = $var[i + 1]$$"), "x = $var[i + 1]$$");
	EXPECT_EQ(expr("x = $$vars . $$parms$ . $$locals$$ . $$return"),
		  "x = $$vars . $$parms$ . $$locals$$ . $$return");
	EXPECT_EQ(expr("x = &$var->a[3]"), "x = &$var->a[3]");
	EXPECT_EQ(expr("x = @cast(p, \"task_struct\", \"kernel<linux/sched.h>\")->pid"),
		  "x = @cast(p, \"task_struct\", \"kernel<linux/sched.h>\")->pid");
	EXPECT_EQ(expr("x = &@cast(p, \"t\")->a"), "x = &@cast(p, \"t\")->a");
	EXPECT_EQ(expr("x = @var(\"jiffies@kernel/time.c\", \"kernel\")->x"),
		  "x = @var(\"jiffies@kernel/time.c\", \"kernel\")->x");
	EXPECT_EQ(expr("x = @defined($a->b) ? $a->b : 0"), "x = @defined($a->b) ? $a->b : 0");
	EXPECT_EQ(expr("x = @entry($a) + @entry(f())"), "x = @entry($a) + @entry(f())");
	EXPECT_EQ(expr("$a->b = 1"), "$a->b = 1");

	auto p = parse("probe begin { x = $var->a[2]$$ }");
	const auto& stmt = static_cast<const ExprStmt&>(test::first_statement(*p));
	const auto* target = as<TargetSymbol>(as<Assignment>(stmt.expr.get())->rhs.get());
	ASSERT_NE(target, nullptr);
	EXPECT_EQ(target->name, "$var");
	ASSERT_EQ(target->components.size(), 2u);
	EXPECT_EQ(target->components[0].member, "a");
	EXPECT_EQ(target->components[1].kind, TargetComponent::Kind::Index);
	EXPECT_EQ(target->pretty, PrettyPrint::Deep);
}

TEST(ParserExpressions, AutoCast)
{
	EXPECT_EQ(expr("x = task_current()->tgid"), "x = task_current()->tgid");
	EXPECT_EQ(expr("x = (a ? $b : $c)->x->y[2]$$"), "x = (a ? $b : $c)->x->y[2]$$");
	EXPECT_EQ(expr("x = p->next"), "x = p->next");
	EXPECT_EQ(expr("x = a[1][2]"), "x = a[1][2]"); // element, then a C index
	EXPECT_EQ(expr("x = (a)[2]"), "x = (a)[2]");   // a C index on a scalar
	EXPECT_EQ(expr("x = @entry($a)->b"), "x = @entry($a)->b");
}

TEST(ParserExpressions, OtherAtOperators)
{
	EXPECT_EQ(expr("x = @kregister(0) + @uregister(5)"), "x = @kregister(0) + @uregister(5)");
	EXPECT_EQ(expr("x = @kderef(4, p) + @uderef(8, p + 8)"),
		  "x = @kderef(4, p) + @uderef(8, p + 8)");
	EXPECT_EQ(expr("x = @probewrite(v)"), "x = @probewrite(v)");
}

TEST(ParserExpressions, EmbeddedCodeNeedsGuruModeInScripts)
{
	auto p = parse("probe begin { x = %{ 1 %} + @const(\"HZ\") }");
	EXPECT_EQ(p->messages(),
		  "t.stp:1:19: parse error: an embedded-C expression in a script requires guru "
		  "mode (-g)\n"
		  "t.stp:1:29: parse error: @const in a script requires guru mode (-g)\n");
	ParseEnvironment guru;
	guru.guru_mode = true;
	p = parse("probe begin { x = %{ /* string */ \"s\" %} . \"\"; y = @const(\"HZ\") }", guru);
	EXPECT_EQ(p->messages(), "");
	const auto& stmt = static_cast<const ExprStmt&>(test::first_statement(*p));
	const auto* e =
		as<EmbeddedExpr>(as<Binary>(as<Assignment>(stmt.expr.get())->rhs.get())->lhs.get());
	ASSERT_NE(e, nullptr);
	EXPECT_TRUE(e->code.pragmas.string_value);
	EXPECT_NE(p->printed().find("y = %{/* pure */ /* unprivileged */ /* stable */ HZ%};"),
		  std::string::npos);
	// Tapsets may always use it.
	EXPECT_TRUE(parse("probe begin { x = %{ 1 %} }", {}, FileKind::Tapset)->ok());
}

TEST(ParserStatements, ControlFlow)
{
	auto p = parse("function f(n) {\n"
		       "  if (n > 1) return n * f(n - 1); else return 1\n"
		       "}\n"
		       "probe begin {\n"
		       "  for (i = 0; i < 10; i++) { if (i == 5) continue; if (i == 8) break }\n"
		       "  while (x < 3) x++\n"
		       "  for (;;) break\n"
		       "  try { error(\"e\") } catch (msg) { println(msg) }\n"
		       "  try { } catch { }\n"
		       "  if (a) ; else if (b) next\n"
		       "  delete a[1, *]; delete a; delete s\n"
		       "}\n");
	EXPECT_EQ(p->messages(), "");
	EXPECT_EQ(p->printed(), "probe begin {\n"
				"\tfor (i = 0; i < 10; i++) {\n"
				"\t\tif (i == 5)\n"
				"\t\t\tcontinue;\n"
				"\t\tif (i == 8)\n"
				"\t\t\tbreak;\n"
				"\t}\n"
				"\twhile (x < 3)\n"
				"\t\tx++;\n"
				"\tfor (; ; )\n"
				"\t\tbreak;\n"
				"\ttry {\n"
				"\t\terror(\"e\");\n"
				"\t} catch (msg) {\n"
				"\t\tprintln(msg);\n"
				"\t}\n"
				"\ttry {\n"
				"\t} catch {\n"
				"\t}\n"
				"\tif (a)\n"
				"\t\t;\n"
				"\telse if (b)\n"
				"\t\tnext;\n"
				"\tdelete a[1, *];\n"
				"\tdelete a;\n"
				"\tdelete s;\n"
				"}\n"
				"function f (n) {\n"
				"\tif (n > 1)\n"
				"\t\treturn n * f(n - 1);\n"
				"\telse\n"
				"\t\treturn 1;\n"
				"}\n");
}

TEST(ParserStatements, Foreach)
{
	auto p = parse("probe end {\n"
		       "  foreach (x in a) ;\n"
		       "  foreach ([x, y-] in a limit 10) ;\n"
		       "  foreach (v = [x, y] in a+) ;\n"
		       "  foreach (v- = x in a) ;\n"
		       "  foreach ([i] in s @sum+) ;\n"
		       "  foreach ([i, j] in a[1, *]) ;\n"
		       "  foreach (b in @hist_linear(s, 0, 10, 1)) ;\n"
		       "}\n");
	EXPECT_EQ(p->messages(), "");
	EXPECT_EQ(p->printed(), "probe end {\n"
				"\tforeach ([x] in a)\n\t\t;\n"
				"\tforeach ([x, y-] in a limit 10)\n\t\t;\n"
				"\tforeach (v = [x, y] in a+)\n\t\t;\n"
				"\tforeach (v = [x] in a-)\n\t\t;\n"
				"\tforeach ([i] in s @sum+)\n\t\t;\n"
				"\tforeach ([i, j] in a[1, *])\n\t\t;\n"
				"\tforeach ([b] in @hist_linear(s, 0, 10, 1))\n\t\t;\n"
				"}\n");
	const auto* f = as<Foreach>(p->file->probes[0]->body->statements[1].get());
	ASSERT_NE(f, nullptr);
	EXPECT_EQ(f->sort, Foreach::Sort::Descending);
	EXPECT_EQ(f->sort_column, 2u);
	ASSERT_NE(f->limit, nullptr);
}

TEST(ParserDeclarations, GlobalsFunctionsEmbedded)
{
	ParseEnvironment guru;
	guru.guru_mode = true;
	auto p = parse("%{ #include <linux/sched.h> %}\n"
		       "global a, b = 5, c = \"s\" \"t\", d[100], e%, f%[10], g = -3;\n"
		       "private global h\n"
		       "private i, j = 1\n"
		       "function add:long (x:long, y) { return x + y }\n"
		       "private function s:string () :3 { return \"\" }\n"
		       "function c_code:long (v:long) %{ /* pure */ /* unprivileged */\n"
		       "  STAP_RETURN(STAP_ARG_v); %}\n",
		       guru);
	EXPECT_EQ(p->messages(), "");
	ASSERT_EQ(p->file->globals.size(), 10u);
	const GlobalVar& f = *p->file->globals[5];
	EXPECT_EQ(f.name, "f");
	EXPECT_TRUE(f.wrap);
	EXPECT_EQ(f.size, 10);
	EXPECT_TRUE(p->file->globals[7]->is_private);
	ASSERT_EQ(p->file->functions.size(), 3u);
	const Function& add = *p->file->functions[0];
	EXPECT_EQ(add.declared_type, Type::Long);
	EXPECT_EQ(add.params[0]->declared_type, Type::Long);
	EXPECT_EQ(add.params[1]->declared_type, Type::Unknown);
	EXPECT_EQ(add.file, p->file.get());
	EXPECT_EQ(p->file->functions[1]->priority, 3);
	const Function& c = *p->file->functions[2];
	ASSERT_TRUE(c.embedded);
	EXPECT_TRUE(c.embedded->pragmas.pure);
	EXPECT_TRUE(c.embedded->pragmas.unprivileged);
	EXPECT_FALSE(c.embedded->pragmas.stable);
	EXPECT_EQ(c.body, nullptr);
	EXPECT_EQ(p->printed(), "%{ #include <linux/sched.h> %}\n"
				"global a\n"
				"global b = 5\n"
				"global c = \"st\"\n"
				"global d[100]\n"
				"global e%\n"
				"global f%[10]\n"
				"global g = -3\n"
				"private global h\n"
				"private global i\n"
				"private global j = 1\n"
				"function add:long (x:long, y) {\n"
				"\treturn x + y;\n"
				"}\n"
				"private function s:string ():3 {\n"
				"\treturn \"\";\n"
				"}\n"
				"function c_code:long (v:long) %{ /* pure */ /* unprivileged */\n"
				"  STAP_RETURN(STAP_ARG_v); %}\n");
}

TEST(ParserDeclarations, EmbeddedCFunctionNeedsGuruMode)
{
	EXPECT_EQ(parse("function f() %{ %}")->messages(),
		  "t.stp:1:14: parse error: an embedded-C function in a script requires guru mode "
		  "(-g)\n");
	EXPECT_EQ(parse("%{ %}")->messages(),
		  "t.stp:1:1: parse error: embedded C in a script requires guru mode (-g)\n");
}

TEST(ParserDeclarations, ProbePoints)
{
	auto p =
		parse("probe kernel.function(\"vfs_*@fs/*.c:10-20\").return?,\n"
		      "      timer.ms(100).randomize(10), begin(-1), sys**open!,\n"
		      "      syscall.*.return if (enabled), process(123).statement(0x10).absolute\n"
		      "{ }\n");
	EXPECT_EQ(p->messages(), "");
	const Probe& probe = *p->file->probes.at(0);
	ASSERT_EQ(probe.points.size(), 6u);
	const ProbePoint& first = *probe.points[0];
	ASSERT_EQ(first.components.size(), 3u);
	EXPECT_EQ(first.components[1].name, "function");
	EXPECT_EQ(as<StringLiteral>(first.components[1].arg.get())->value, "vfs_*@fs/*.c:10-20");
	EXPECT_TRUE(first.optional);
	EXPECT_FALSE(first.sufficient);
	EXPECT_EQ(as<IntLiteral>(probe.points[2]->components[0].arg.get())->value, -1);
	EXPECT_EQ(probe.points[3]->components[0].name, "sys**open");
	EXPECT_TRUE(probe.points[3]->components[0].has_wildcard());
	EXPECT_TRUE(probe.points[3]->sufficient);
	EXPECT_TRUE(probe.points[3]->optional);
	EXPECT_NE(probe.points[4]->condition, nullptr);
	EXPECT_EQ(to_string(*probe.points[4]), "syscall.*.return if (enabled)");
	EXPECT_EQ(to_string(*probe.points[5]), "process(123).statement(16).absolute");
}

TEST(ParserDeclarations, BraceExpansion)
{
	auto p = parse(
		"probe syscall.{open,close}.return, {kernel,module(\"nfs\")}.function(\"nfs*\")!,"
		" a.{b.{c,d},e} {}");
	EXPECT_EQ(p->messages(), "");
	std::string points;
	for (const auto& point : p->file->probes.at(0)->points)
		points += to_string(*point) + "; ";
	EXPECT_EQ(points, "syscall.open.return; syscall.close.return; kernel.function(\"nfs*\")!; "
			  "module(\"nfs\").function(\"nfs*\")!; a.b.c; a.b.d; a.e; ");
	// Bounded: 2^20 points would be too many.
	std::string many = "probe a";
	for (int i = 0; i < 20; ++i)
		many += ".{x,y}";
	EXPECT_NE(
		parse(many + " {}")->messages().find("brace expansion makes too many probe points"),
		std::string::npos);
}

TEST(ParserDeclarations, Aliases)
{
	auto p = parse("probe syscall.read = kernel.function(\"sys_read\") { fd = $fd }\n"
		       "probe syscall.read += kernel.function(\"sys_read\") { done = 1 }\n"
		       "probe foo.* = begin, end { a = 1 }, { b = 2 }\n");
	EXPECT_EQ(p->messages(), "");
	ASSERT_EQ(p->file->aliases.size(), 3u);
	EXPECT_NE(p->file->aliases[0]->prologue, nullptr);
	EXPECT_EQ(p->file->aliases[0]->epilogue, nullptr);
	EXPECT_EQ(p->file->aliases[1]->prologue, nullptr);
	EXPECT_NE(p->file->aliases[1]->epilogue, nullptr);
	EXPECT_EQ(p->file->aliases[2]->targets.size(), 2u);
	EXPECT_TRUE(p->file->aliases[2]->name->components[1].has_wildcard());
	EXPECT_EQ(p->printed(), "probe syscall.read = kernel.function(\"sys_read\") {\n"
				"\tfd = $fd;\n"
				"}\n"
				"probe syscall.read += kernel.function(\"sys_read\") {\n"
				"\tdone = 1;\n"
				"}\n"
				"probe foo.* = begin, end {\n"
				"\ta = 1;\n"
				"}, {\n"
				"\tb = 2;\n"
				"}\n");
	EXPECT_EQ(parse("probe a? = begin {}")->messages(),
		  "t.stp:1:10: parse error: a probe alias name cannot be optional ('?') or "
		  "sufficient ('!')\n");
	EXPECT_EQ(parse("probe a += begin {}, {}")->messages(),
		  "t.stp:1:20: parse error: a '+=' alias has only an epilogue: it cannot also have "
		  "a second block\n");
}

// ---- Locations --------------------------------------------------------------------

TEST(ParserLocations, NodesKnowWhereTheyCameFrom)
{
	auto p = parse("probe begin {\n  x = a +\n   f(1)\n}");
	const auto& stmt = static_cast<const ExprStmt&>(test::first_statement(*p));
	const auto* assign = as<Assignment>(stmt.expr.get());
	ASSERT_NE(assign, nullptr);
	EXPECT_EQ(assign->loc.line, 2u);
	EXPECT_EQ(assign->loc.column, 5u); // the operator
	const auto* plus = as<Binary>(assign->rhs.get());
	EXPECT_EQ(plus->loc.column, 9u);
	const auto* call = as<FunctionCall>(plus->rhs.get());
	EXPECT_EQ(call->loc.line, 3u);
	EXPECT_EQ(call->loc.column, 4u);
	EXPECT_EQ(call->length, 1u);
	EXPECT_EQ(stmt.loc.column, 3u);
	EXPECT_EQ(p->file->probes[0]->loc.line, 1u);
}

// ---- Errors and recovery ------------------------------------------------------------

TEST(ParserErrors, ReportsManyErrorsInOneRun)
{
	auto p = parse("probe begin {\n"
		       "  x = 1 +\n"
		       "  y = (2\n"
		       "  z = 3\n"
		       "}\n"
		       "probe end { a[1 = 2 }\n"
		       "function f( { }\n"
		       "probe timer.ms(100) { ok = 1 }\n");
	EXPECT_EQ(p->messages(),
		  "t.stp:3:5: parse error: '=' needs a variable, an array element or a target "
		  "variable to operate on\n"
		  "t.stp:6:17: parse error: '=' needs a variable, an array element or a target "
		  "variable to operate on\n"
		  "t.stp:7:13: parse error: expected a parameter name, found '{'\n");
	// What follows the errors still parses.
	ASSERT_EQ(p->file->probes.size(), 3u);
	EXPECT_EQ(to_string(*p->file->probes[2]->points[0]), "timer.ms(100)");
}

TEST(ParserErrors, MissingCloseBraceBeforeNextDeclaration)
{
	auto p = parse("probe begin {\n  x = 1\nprobe end { y = 2 }\n");
	EXPECT_EQ(p->messages(), "t.stp:3:1: parse error: expected '}' to close the block opened "
				 "at line 1, found 'probe'\n");
	EXPECT_EQ(p->file->probes.size(), 2u);
}

TEST(ParserErrors, Messages)
{
	auto msg = [](const char* text) { return parse(text)->messages(); };
	EXPECT_EQ(msg("probe begin { return 1 }"),
		  "t.stp:1:15: parse error: 'return' outside a function (use 'next' to leave a "
		  "probe)\n");
	EXPECT_EQ(msg("probe begin { break }"),
		  "t.stp:1:15: parse error: 'break' outside a loop\n");
	EXPECT_EQ(msg("probe begin { if (x) y = 1 else }"),
		  "t.stp:1:33: parse error: expected an expression, found '}'\n");
	EXPECT_EQ(msg("probe begin { x = if }"),
		  "t.stp:1:19: parse error: expected an expression, found the keyword 'if'\n");
	EXPECT_EQ(msg("probe begin { 1 = 2 }"),
		  "t.stp:1:17: parse error: '=' needs a variable, an array element or a target "
		  "variable to operate on\n");
	EXPECT_EQ(msg("probe begin { x = &a }"),
		  "t.stp:1:19: parse error: '&' takes the address of a target variable expression "
		  "($var, @var, @cast or ->member), not of this operand\n");
	EXPECT_EQ(
		msg("probe begin { printf(x) }"),
		"t.stp:1:22: parse error: expected a string literal as the format of printf, found "
		"'x'\n");
	EXPECT_EQ(msg("probe begin { print() }"),
		  "t.stp:1:15: parse error: 'print' needs at least 1 value\n");
	EXPECT_EQ(
		msg("probe begin { printd(\",\", 1) }"),
		"t.stp:1:15: parse error: 'printd' needs at least 2 values after the delimiter\n");
	EXPECT_EQ(msg("probe begin { x = a =~ b }"),
		  "t.stp:1:24: parse error: expected a string literal as the regular expression, "
		  "found 'b'\n");
	EXPECT_EQ(
		msg("probe begin { x = a[*] }"),
		"t.stp:1:21: parse error: a '*' wildcard index is allowed only in delete, 'in' and "
		"foreach\n");
	EXPECT_EQ(
		msg("probe begin { foreach ([a+, b-] in x) ; }"),
		"t.stp:1:30: parse error: only one sort mark ('+' or '-') is allowed in foreach\n");
	EXPECT_EQ(
		msg("probe begin { foreach (a in x @sum) ; }"),
		"t.stp:1:35: parse error: expected '+' or '-' after @sum to give the sort order\n");
	EXPECT_EQ(msg("global a[10] = 1"),
		  "t.stp:1:14: parse error: only scalar globals can be initialized\n");
	EXPECT_EQ(
		msg("global x = y"),
		"t.stp:1:12: parse error: expected a string or number literal as the initial value "
		"of a global, found 'y'\n");
	EXPECT_EQ(msg("function f(a, a) {}"), "t.stp:1:15: parse error: duplicate parameter 'a'\n");
	EXPECT_EQ(msg("function printf() {}"),
		  "t.stp:1:10: parse error: 'printf' is a built-in and cannot be redefined\n");
	EXPECT_EQ(msg("function f:int() {}"),
		  "t.stp:1:12: parse error: expected a type ('long' or 'string'), found 'int'\n");
	EXPECT_EQ(msg("probe begin { x = @kderef(3, p) }"),
		  "t.stp:1:27: parse error: the size to read must be 1, 2, 4 or 8 bytes\n");
	EXPECT_EQ(msg("probe begin { x = $ }"),
		  "t.stp:1:19: parse error: invalid target variable name '$'\n");
	EXPECT_EQ(msg("probe begin { x = @frob(1) }"),
		  "t.stp:1:19: parse error: unknown operator '@frob' (no macro of that name is "
		  "defined)\n");
	EXPECT_EQ(
		msg("probe begin"),
		"t.stp:1:12: parse error: expected ',' or '{' after the probe point, found end of "
		"input\n");
	EXPECT_EQ(msg("probe 1a {}"),
		  "t.stp:1:7: parse error: invalid number '1a'\n"
		  "t.stp:1:7: parse error: expected a probe point component (a name or '*'), found "
		  "number '1a'\n");
	EXPECT_EQ(msg("probe a(x) {}"),
		  "t.stp:1:9: parse error: expected a string or number literal as a probe point "
		  "argument, found 'x'\n");
	EXPECT_EQ(msg("probe begin {} ;"),
		  "t.stp:1:16: parse error: expected 'probe', 'global', 'function', 'private' or "
		  "'%{', found ';'\n");
	EXPECT_EQ(msg("probe begin { x = 1 } }"),
		  "t.stp:1:23: parse error: expected 'probe', 'global', 'function', 'private' or "
		  "'%{', found '}'\n");
}

TEST(ParserErrors, NestingIsBounded)
{
	std::string deep = "probe begin { x = ";
	for (int i = 0; i < 5000; ++i)
		deep += "(";
	deep += "1";
	for (int i = 0; i < 5000; ++i)
		deep += ")";
	deep += " }";
	auto p = parse(deep);
	EXPECT_EQ(p->messages(), "t.stp:1:516: parse error: nesting too deep (more than 500 "
				 "levels)\n");

	// A long operator chain deepens the tree too, if not the parser.
	std::string chain = "probe begin { x = 1";
	for (int i = 0; i < 5000; ++i)
		chain += " + 1";
	chain += " }";
	EXPECT_NE(parse(chain)->messages().find(
			  "expression too complex (operators nested more than 1000 deep)"),
		  std::string::npos);

	std::string blocks = "probe begin ";
	for (int i = 0; i < 5000; ++i)
		blocks += "{ if (x) ";
	EXPECT_NE(parse(blocks)->messages().find("nesting too deep"), std::string::npos);

	// Within the bounds: fine, and the printed form reparses.
	std::string ok = "probe begin { x = 1";
	for (int i = 0; i < 900; ++i)
		ok += " . \"a\"";
	ok += " }";
	p = parse(ok);
	EXPECT_TRUE(p->ok());
	EXPECT_TRUE(parse(p->printed())->ok());
}

TEST(ParserErrors, ErrorCountPerFileIsBounded)
{
	std::string text;
	for (int i = 0; i < 500; ++i)
		text += "probe begin { x = ; }\n";
	auto p = parse(text);
	EXPECT_EQ(p->diags.all().size(), ParseContext::kMaxErrorsPerFile);
	EXPECT_EQ(p->diags.all().back().notes.at(0).message,
		  "too many errors in this file; giving up on it");
}
