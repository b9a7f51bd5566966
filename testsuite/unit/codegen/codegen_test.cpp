// The C pass 3 emits for small constructs, and its translate-time errors.
// (What the C does when it runs is tested end to end in stap.exec/.)
#include "codegen_test_util.h"

#include <gtest/gtest.h>

using stap::test::generate;

namespace
{

// The text between `start` and the next line that is just "}" (a function
// or handler body).
std::string body_of(const std::string& c, const std::string& start)
{
	auto b = c.find(start);
	if (b == std::string::npos)
		return "<no " + start + ">";
	auto e = c.find("\n}\n", b);
	return c.substr(b, e == std::string::npos ? std::string::npos : e - b);
}

} // namespace

TEST(Codegen, ModuleLayout)
{
	auto g = generate("global n\nprobe begin { n = 1 }\n");
	ASSERT_EQ(g->messages(), "");
	const std::string& c = g->c();
	// In the order the runtime API prescribes.
	auto pos = [&](const char* text) { return c.find(text); };
	EXPECT_LT(pos("#include \"runtime.h\""), pos("#include \"script_limits.h\""));
	EXPECT_LT(pos("#include \"script_limits.h\""), pos("enum { G_n, G__N };"));
	EXPECT_LT(pos("enum { G_n"), pos("static void probe_0"));
	EXPECT_LT(pos("static void probe_0"), pos("static const struct stp_probe p_0"));
	EXPECT_LT(pos("static const struct stp_probe p_0"), pos("begin_probes[] = {&p_0};"));
	EXPECT_LT(pos("begin_probes[]"), pos("const struct stp_module_desc stp_module = {"));
	EXPECT_TRUE(g->has("\tSTP_MODULE_LIMITS,\n"));
	EXPECT_TRUE(g->has("STP_PARAM_LONG(n, g_n);"));
	EXPECT_TRUE(g->has(".globals = globals,\n\t.nglobals = G__N,"));
	// No arrays or aggregates, no timers: only the probe's lock needs a provider.
	EXPECT_TRUE(g->has("providers[] = {&stp_locks_provider};"));
}

TEST(Codegen, TheLocksProviderOnlyForProbesWithLocks)
{
	// The lock code is linked only by listing its provider.
	auto g = generate("probe begin { println(1) }");
	ASSERT_EQ(g->messages(), "");
	EXPECT_FALSE(g->has("providers"));
	g = generate("global n = 1\nprobe begin { println(1) }\nprobe end { println(n) }");
	ASSERT_EQ(g->messages(), "");
	EXPECT_TRUE(g->has("providers[] = {&stp_locks_provider};"));
}

TEST(Codegen, NoLabelThatNothingUses)
{
	// An empty handler charges no actions and has no way to fail.
	auto g = generate("probe begin { }");
	ASSERT_EQ(g->messages(), "");
	EXPECT_EQ(body_of(g->c(), "static void probe_0"),
		  "static void probe_0(struct stp_context *c)\n{");
}

TEST(Codegen, DefinesComeFirstAndLimitLiterals)
{
	stap::codegen::CodegenOptions opts;
	opts.defines = {"MAXSTRINGLEN=8", "FOO"};
	opts.buffer_size_mb = 4;
	auto g = generate("global s = \"0123456789\"\nprobe begin { println(s) }\n", opts);
	ASSERT_EQ(g->messages(), "");
	EXPECT_EQ(g->c().find("#define MAXSTRINGLEN 8\n#define FOO 1\n#define STP_BUFSIZE 4\n"
			      "#include \"runtime.h\""),
		  g->c().find("#define"));
	// A global's initialiser is cut to MAXSTRINGLEN - 1 bytes.
	EXPECT_TRUE(g->has("static char g_s[MAXSTRINGLEN] = \"0123456\";"));
}

TEST(Codegen, ModuleName)
{
	auto a = generate("probe begin { println(1) }");
	auto b = generate("probe begin { println(2) }");
	EXPECT_EQ(a->module.module_name.size(), 21u); // stap_ and 16 hex digits
	EXPECT_EQ(a->module.module_name.rfind("stap_", 0), 0u);
	EXPECT_NE(a->module.module_name, b->module.module_name);
	EXPECT_EQ(a->module.module_name,
		  generate("probe begin { println(1) }")->module.module_name);
	stap::codegen::CodegenOptions opts;
	opts.module_name = "mine";
	EXPECT_EQ(generate("probe begin { println(1) }", opts)->module.module_name, "mine");
}

TEST(Codegen, LocalsAreInitialisedAndPrefixed)
{
	auto g = generate("probe begin { x = 1; s = \"a\"; current = 2; linux = 3 }");
	ASSERT_EQ(g->messages(), "");
	std::string h = body_of(g->c(), "static void probe_0");
	EXPECT_NE(h.find("\tl->l_x = 0;\n"), std::string::npos);
	EXPECT_NE(h.find("\tl->l_s[0] = '\\0';\n"), std::string::npos);
	// Script names never meet kernel macros (current, linux).
	EXPECT_NE(h.find("l->l_current = 2;"), std::string::npos);
	EXPECT_NE(h.find("l->l_linux = 3;"), std::string::npos);
	EXPECT_TRUE(g->has("struct probe_0_locals {\n\ts64 l_x;\n\tchar l_s[MAXSTRINGLEN];"));
}

TEST(Codegen, DivisionChecksAndFolding)
{
	auto g = generate("probe begin { x = 7; y = 10 / x; z = 10 % 3; w = x % 2; v = "
			  "9223372036854775807 + 1 }");
	ASSERT_EQ(g->messages(), "");
	EXPECT_TRUE(g->has("t1 = stp_div(c, 10, l->l_x, \"operator '/' at t.stp:1:29\");\n"
			   "\tif (unlikely(c->last_error))\n\t\tgoto out;"));
	EXPECT_TRUE(g->has("l->l_z = 1;"));            // folded
	EXPECT_TRUE(g->has("l->l_w = (l->l_x % 2);")); // a non-zero constant divisor
	EXPECT_TRUE(g->has("l->l_v = (-9223372036854775807LL - 1);")); // wraps, no C overflow
}

TEST(Codegen, EvaluationOrderIsKeptWhenOperandsNeedStatements)
{
	// f() runs before the addition, but x must be read before f() runs.
	auto g = generate("global x\nfunction f() { x = 5; return 1 }\n"
			  "probe begin { y = x + f() }");
	ASSERT_EQ(g->messages(), "");
	std::string h = body_of(g->c(), "static void probe_0");
	auto save = h.find("t2 = g_x;");
	auto call = h.find("t1 = function_f(c);");
	ASSERT_NE(save, std::string::npos) << h;
	ASSERT_NE(call, std::string::npos) << h;
	EXPECT_LT(save, call);
	EXPECT_NE(h.find("l->l_y = (t2 + t1);"), std::string::npos) << h;
}

TEST(Codegen, ShortCircuitRunsTheRightOperandOnlyWhenNeeded)
{
	auto g = generate(
		"function f() { return 1 }\nprobe begin { a = 1; x = a && f(); y = a || 2 }");
	ASSERT_EQ(g->messages(), "");
	std::string h = body_of(g->c(), "static void probe_0");
	EXPECT_NE(h.find("t2 = 0;\n\tif (l->l_a) {\n\t\tc->last_stmt"), std::string::npos) << h;
	EXPECT_NE(h.find("\t\tt2 = t1 != 0;\n\t}\n\tl->l_x = t2;"), std::string::npos) << h;
	EXPECT_NE(h.find("l->l_y = (l->l_a || 2);"), std::string::npos) << h;
}

TEST(Codegen, StringsGoThroughBoundedBuffers)
{
	auto g = generate("probe begin { s = \"a\"; s .= s; t = s . \"b\" . \"c\"; u = s < t }");
	ASSERT_EQ(g->messages(), "");
	std::string h = body_of(g->c(), "static void probe_0");
	// s .= s appends a copy, not a buffer to itself.
	EXPECT_NE(h.find("stp_strlcpy(l->tmp0, l->l_s, MAXSTRINGLEN);\n\tstp_strlcat(l->l_s, "
			 "l->tmp0, MAXSTRINGLEN);"),
		  std::string::npos)
		<< h;
	// A chain of . appends to one temporary.
	EXPECT_NE(h.find("stp_strlcpy(l->tmp0, l->l_s, MAXSTRINGLEN);\n\tstp_strlcat(l->tmp0, "
			 "\"b\", MAXSTRINGLEN);\n\tstp_strlcat(l->tmp0, \"c\", MAXSTRINGLEN);"),
		  std::string::npos)
		<< h;
	EXPECT_NE(h.find("(strcmp(l->l_s, l->l_t) < 0)"), std::string::npos) << h;
}

TEST(Codegen, ArrayUpdatesAreCheckedAtTheArraysName)
{
	auto g = generate(
		"global a[10], w%\nprobe begin { a[1, \"k\"] = 2; a[2, \"j\"]++; w[3] = 1 }");
	ASSERT_EQ(g->messages(), "");
	EXPECT_TRUE(
		g->has("if (stp_map_check(c, &g_a_desc, stp_map_set_long(g_a, STP_KEYS({.l = 1}, "
		       "{.s = \"k\"}), 2), \"identifier 'a' at t.stp:2:15\"))\n\t\tgoto out;"));
	EXPECT_TRUE(g->has("stp_map_add_long(g_a, STP_KEYS({.l = 2}, {.s = \"j\"}), 1, NULL)"));
	EXPECT_TRUE(g->has("\t.nkeys = 2,\n\t.key_types = {STP_TYPE_LONG, STP_TYPE_STRING},\n\t"
			   ".value_type = STP_TYPE_LONG,\n\t.max_entries = 10,\n"));
	EXPECT_TRUE(g->has("\t.wrap = 1,\n"));
	EXPECT_TRUE(g->has("providers[] = {&stp_globals_provider, &stp_locks_provider};"));
}

TEST(Codegen, ForeachSortsLimitsAndEndsItsIteration)
{
	auto g = generate("global a\nprobe begin { a[1] = 1; foreach ([k] in a- limit 2) { if (k) "
			  "next; println(k) } }");
	ASSERT_EQ(g->messages(), "");
	std::string h = body_of(g->c(), "static void probe_0");
	EXPECT_NE(h.find("stp_map_sort(g_a, 0, -1, STP_STAT_COUNT)"), std::string::npos) << h;
	EXPECT_NE(h.find("stp_map_iter_begin(g_a);"), std::string::npos);
	EXPECT_NE(h.find("if (limit1-- <= 0)\n\t\t\tbreak;"), std::string::npos) << h;
	// next leaves the loop: the iteration ends first.
	EXPECT_NE(h.find("stp_map_iter_end(g_a);\n\t\t\tgoto out;"), std::string::npos) << h;
	// An error in the body ends the iteration on its way out.
	EXPECT_NE(
		h.find("foreach_fail_1:\n\tstp_map_iter_end(g_a);\n\tif (unlikely(c->last_error))"),
		std::string::npos)
		<< h;
}

TEST(Codegen, TryCatchJumpsToItsCatchAndTakesTheMessage)
{
	auto g = generate(
		"global z\nprobe begin { try { x = 1 / z } catch (msg) { println(msg) } }");
	ASSERT_EQ(g->messages(), "");
	std::string h = body_of(g->c(), "static void probe_0");
	EXPECT_NE(h.find("goto catch_1;"), std::string::npos) << h;
	EXPECT_NE(h.find("catch_1:\n\tif (!stp_catch(c, l->l_msg))\n\t\tgoto out;"),
		  std::string::npos)
		<< h;
	EXPECT_NE(h.find("try_end_2:"), std::string::npos) << h;
}

TEST(Codegen, FunctionsNestAndReturn)
{
	auto g = generate("function f(n) { return n ? f(n - 1) . \"x\" : \"\" }\nprobe begin { "
			  "println(f(3)) }");
	ASSERT_EQ(g->messages(), "");
	std::string f = body_of(
		g->c(), "static void function_f(struct stp_context *c, char *rv, s64 p_n)\n{");
	EXPECT_NE(f.find("if (stp_nest_enter(c, c->last_stmt))\n\t\treturn;"), std::string::npos)
		<< f;
	EXPECT_NE(f.find("l = &STP_LOCALS(c)->frame[c->nesting - 1].f_f;"), std::string::npos) << f;
	EXPECT_NE(f.find("out:\n\tstp_nest_exit(c);\n\treturn;"), std::string::npos) << f;
	EXPECT_TRUE(g->has("\tunion {\n\t\tstruct function_f_locals f_f;\n\t} frame[MAXNESTING];"));
	EXPECT_TRUE(g->has(
		"c->last_stmt = \"identifier 'f' at t.stp:2:23\";\n\tfunction_f(c, l->tmp0, 3);"));
}

TEST(Codegen, EmbeddedCFunctionsGetTheirMacros)
{
	auto g = generate(
		"function add:long (a:long, b:long) %{ /* pure */ STAP_RETURN(STAP_ARG_a + "
		"STAP_ARG_b); %}\nfunction name:string () %{ strcpy(STAP_RETVALUE, \"n\"); %}\n"
		"probe begin { printf(\"%d %s\\n\", add(1, 2), name()) }");
	ASSERT_EQ(g->messages(), "");
	EXPECT_TRUE(g->has("#include \"embedded.h\""));
	EXPECT_TRUE(g->has(
		"#define STAP_RETVALUE rv\n#define STAP_RETURN(v) do { rv = (v); goto out; } "
		"while (0)\nstatic s64 function_add(struct stp_context *c, s64 STAP_ARG_a, s64 "
		"STAP_ARG_b)\n{"));
	EXPECT_TRUE(g->has(
		"#define STAP_RETURN(v) do { stp_strlcpy(rv, (v), MAXSTRINGLEN); goto out; } "
		"while (0)\nstatic void function_name(struct stp_context *c, char *rv)\n{"));
	EXPECT_TRUE(g->has("#undef STAP_RETVALUE\n#undef STAP_RETURN\n"));
}

TEST(Codegen, TopLevelEmbeddedCIsVerbatim)
{
	auto g = generate(
		"%{\n#include <linux/in.h>\nstatic int helper;\n%}\nprobe begin { println(1) }");
	ASSERT_EQ(g->messages(), "");
	EXPECT_TRUE(g->has("\n#include <linux/in.h>\nstatic int helper;\n"));
}

TEST(Codegen, RegexTablesAreSharedPerPattern)
{
	auto g = generate(
		"probe begin { s = \"x\"; a = s =~ \"^a+\"; b = s !~ \"^a+\"; c = s =~ \"b\" }");
	ASSERT_EQ(g->messages(), "");
	EXPECT_TRUE(g->has("l->l_a = stp_regex_match(&re_0, l->l_s);"));
	EXPECT_TRUE(g->has("l->l_b = !stp_regex_match(&re_0, l->l_s);"));
	EXPECT_TRUE(g->has("l->l_c = stp_regex_match(&re_1, l->l_s);"));
	EXPECT_TRUE(g->has("/* ^a+ */\nstatic const u8 re_0_classes[256] = {"));
	EXPECT_FALSE(g->has("re_2"));
}

TEST(Codegen, ProbeTablesAndSequences)
{
	auto g = generate("probe end(3) { println(1) }\nprobe begin(2), begin(-1) { println(2) }\n"
			  "probe timer.ms(20), timer.jiffies(3).randomize(1) { println(3) }\n"
			  "probe timer.profile { println(4) }\nprobe never { println(5) }\n"
			  "probe error { println(6) }");
	ASSERT_EQ(g->messages(), "");
	EXPECT_TRUE(g->has("begin_probes[] = {&p_2, &p_1};"));
	EXPECT_TRUE(g->has("end_probes[] = {&p_0};"));
	EXPECT_TRUE(g->has("error_probes[] = {&p_7};"));
	EXPECT_TRUE(g->has("\t.seq = (-1),\n"));
	EXPECT_TRUE(g->has(
		"\t{.probe = &p_3, .period = 20000000},\n"
		"\t{.probe = &p_4, .period = 3, .randomize = 1, .flags = STP_TIMER_JIFFIES},\n"
		"\t{.probe = &p_5, .kind = STP_TIMER_PROFILE},\n"));
	EXPECT_TRUE(g->has("providers[] = {&stp_timer_provider};"));
	// A never probe has neither an object nor a handler.
	EXPECT_TRUE(g->has("\t.pp = \"begin(-1)\",\n"));
	EXPECT_FALSE(g->has("p_6"));
	EXPECT_FALSE(g->has("println(5)") || g->has("(s64)5"));
}

TEST(Codegen, ProbeConditionsGuardTheHandler)
{
	auto g = generate(
		"global on\nprobe timer.ms(1) if (on > 1) { println(1) }\nprobe begin { on = 2 }");
	ASSERT_EQ(g->messages(), "");
	EXPECT_TRUE(g->has("\tif (!((g_on > 1)))\n\t\treturn;\n"));
	EXPECT_TRUE(g->has("static const struct stp_lock_ref probe_0_locks[] = {{G_on, 0}};"));
}

TEST(Codegen, Histograms)
{
	auto g = generate(
		"global s, t\nprobe begin { s <<< 1; t[1] <<< 2; print(@hist_linear(s, 0, 10, "
		"2)); println(@hist_log(t[1])); x = @hist_linear(s, 0, 10, 2)[3] }");
	ASSERT_EQ(g->messages(), "");
	EXPECT_TRUE(g->has(
		"g_s_desc = {.hist = STP_HIST_LINEAR, .start = 0, .stop = 10, .interval = 2};"));
	EXPECT_TRUE(g->has("\t.stat = {.hist = STP_HIST_LOG},\n"));
	EXPECT_TRUE(g->has("stp_print_hist(c, st1, &g_s_desc);"));
	EXPECT_TRUE(g->has("stp_print_hist(c, st3, &g_t_desc.stat);\n\tstp_print(c, \"\\n\");"));
	EXPECT_TRUE(g->has("stp_hist_bucket_count(c, st4, &g_s_desc, 3, \"operator '@hist_linear' "
			   "at t.stp:2:100\");"));
}

TEST(Codegen, TranslateTimeErrors)
{
	struct Case {
		const char* script;
		const char* message;
	};
	// (Formats, histogram parameters and regular expressions that do not
	// parse are pass 2's errors.)
	const Case cases[] = {
		{"probe begin { s = \"a\"; x = s =~ \"[[.a.]]\" }",
		 "t.stp:1:33: invalid regular expression '[[.a.]]': '[.' in a bracket expression "
		 "is not "
		 "supported at offset 1\n"},
		{"global s\nprobe begin { s <<< 1; print(@hist_log(s)); print(@hist_linear(s, 0, "
		 "10, 1)) }",
		 "t.stp:2:51: aggregate 's' is used with two different histograms; keep one "
		 "histogram "
		 "per aggregate\n"},
		{"global s\nprobe begin { s <<< 1; x = sprint(@hist_log(s)) }",
		 "t.stp:2:28: a histogram can only be printed on its own, with print or println\n"},
	};
	for (const Case& c : cases)
		EXPECT_EQ(generate(c.script)->messages(), c.message) << c.script;
}
