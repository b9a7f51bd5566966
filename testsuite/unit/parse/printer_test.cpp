#include "parse_test_util.h"

#include <gtest/gtest.h>

using namespace stap;
using test::parse;

namespace
{

ParseEnvironment guru()
{
	ParseEnvironment env;
	env.guru_mode = true;
	return env;
}

// Print, reparse, print again: the two printings must be identical.
void expect_round_trip(const std::string& text)
{
	auto first = parse(text, guru());
	ASSERT_TRUE(first->ok()) << first->messages();
	std::string printed = first->printed();
	auto second = parse(printed, guru());
	ASSERT_TRUE(second->ok()) << "reparse of:\n" << printed << "\n" << second->messages();
	EXPECT_EQ(second->printed(), printed);
}

} // namespace

TEST(Printer, QuotesStrings)
{
	EXPECT_EQ(quote_string("plain"), "\"plain\"");
	EXPECT_EQ(quote_string("q\"b\\n\n\t\r"), "\"q\\\"b\\\\n\\n\\t\\r\"");
	EXPECT_EQ(quote_string(std::string("\x01\0"
					   "7",
					   3)),
		  "\"\\001\\0007\"");
	EXPECT_EQ(quote_string("\x7f"), "\"\\177\"");
	EXPECT_EQ(quote_string("é"), "\"é\"");        // valid UTF-8 stays
	EXPECT_EQ(quote_string("\xff"), "\"\\377\""); // a lone byte is escaped
}

TEST(Printer, RoundTripEveryConstruct)
{
	expect_round_trip(R"(
%{ #include <linux/in.h> %}
global a[100], b%, c = -5, d = "x\ty", e%[10]
private global f
probe syscall.x = kernel.function("sys_x").return.maxactive(10) { v = $arg }, { w = v }
probe syscall.y += begin(-5) { done = 1 }
probe begin, end?, error!, timer.ms(1).randomize(2) if (c > 0), sys**x.*.r {
	a[1, "k", c] <<< 5
	x = -a[1, "k", c] * ~b + !c - +d
	x = a ? b : c ? d : e
	x .= "s" . "t" "u"
	x++; ++x; x--; --x; $p->a[2]++
	if ([1, *, 3] in a && k in a) next
	if (a) if (b) x = 1; else x = 2
	if (a) { if (b) x = 1 } else x = 2
	while (x) { break; continue }
	for (i = 0; i < 10; i += 2) ;
	for (;;) break
	foreach (v- = [i, j] in a[1, *] limit 5) println(v)
	foreach ([i] in s @max-) printf("%d %s\n", i, sprint(@hist_log(s[i])))
	foreach (bucket in @hist_linear(t, -10, 10, 2)) print(@hist_linear(t, -10, 10, 2)[bucket])
	delete a[1, *, 2]; delete a; delete x
	try { error("x") } catch (m) { println(m) } try {} catch {}
	y = $var->a->b[i + 1]$$ . $var$ . $$vars . $$parms$ . @var("v@f.c", "mod")->x$
	z = &$p->q[1] + &@cast(p, "struct s", "<linux/x.h>")->m + @cast(q, "t")[2]
	z = task_current()->tgid + (a ? $b : $c)->x + (a)[1] + (&$x)->y + @entry($z)->w
	z = @count(s) + @sum(s) + @min(s) + @max(s) + @avg(s) + @variance(s) + @variance(s, 4)
	z = @defined($x) + @probewrite(z) + @kregister(1) + @uregister(2) + @kderef(8, z) + @uderef(1, z)
	z = %{ /* pure */ 1 %} + @const("HZ")
	s = sprintf("%s", "x") . sprintd(",", 1, 2) . sprintdln(",", 1, 2) . sprintln()
	printd(":", 1, 2); printdln(":", 1, 2); print(1); println(1, 2)
	z = -9223372036854775808 + 0x7fffffffffffffff - -1 - - - 1 - -(-a)
	z = a =~ "^x.*y$" || b !~ "\\."
	;
}
function f:long (a:long, b:string, c):2 { return a + strlen(b) + c }
private function g() { if (x) return; else next }
function h:string () %{ /* pure */ STAP_RETURN("x"); %}
)");
}

TEST(Printer, RoundTripStringsWithEveryByte)
{
	std::string all;
	for (int c = 1; c < 256; ++c)
		all += "\\" + std::to_string(c / 64) + std::to_string(c / 8 % 8) +
		       std::to_string(c % 8);
	expect_round_trip("probe begin { x = \"" + all + "\" }");
}

TEST(Printer, DanglingElseIsBracedWhenNeeded)
{
	// A rewritten tree can hold an else-less if as the then-branch of an
	// if with an else; printing must not let the else move.
	auto p = parse("probe begin { if (a) { if (b) x = 1 } else y = 2 }");
	ASSERT_TRUE(p->ok());
	auto& outer = static_cast<ast::If&>(*p->file->probes[0]->body->statements[0]);
	auto& block = static_cast<ast::Block&>(*outer.then_stmt);
	outer.then_stmt = std::move(block.statements[0]); // now: if (a) if (b) x = 1 else y = 2
	std::string printed = p->printed();
	EXPECT_EQ(printed, "probe begin {\n"
			   "\tif (a) {\n"
			   "\t\tif (b)\n"
			   "\t\t\tx = 1;\n"
			   "\t} else\n"
			   "\t\ty = 2;\n"
			   "}\n");
	auto again = parse(printed);
	EXPECT_EQ(again->printed(), printed);
}

TEST(Printer, StatementAndProbePointHelpers)
{
	auto p = parse("probe kernel.function(\"f\").return? if (x > 1) { x = 1 }");
	EXPECT_EQ(to_string(*p->file->probes[0]->points[0]),
		  "kernel.function(\"f\").return? if (x > 1)");
	std::ostringstream out;
	print_statement(out, *p->file->probes[0]->body, 1);
	EXPECT_EQ(out.str(), "\t{\n\t\tx = 1;\n\t}\n");
}
