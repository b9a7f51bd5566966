// Conditional preprocessing, macros and script arguments, through the
// parser: each test checks what reaches the AST (printed) and what is
// reported.
#include "parse/conditional.h"
#include "parse/macro.h"
#include "parse_test_util.h"

#include <gtest/gtest.h>

using namespace stap;
using test::parse;

namespace
{

ParseEnvironment target()
{
	ParseEnvironment env;
	env.kernel_release = "6.1.0-56-cloud-amd64";
	env.kernel_version = "6.1.0";
	env.arch = "x86_64";
	env.runtime = "kernel";
	env.systemtap_version = "5.0";
	env.privilege = "stapdev";
	env.kernel_config = [](const std::string& name) -> std::string {
		if (name == "CONFIG_KPROBES")
			return "y";
		if (name == "CONFIG_EXT4_FS")
			return "m";
		if (name == "CONFIG_HZ")
			return "250";
		return "";
	};
	return env;
}

// Which branch a condition takes: "T", "F", or the errors.
std::string branch(const std::string& condition, ParseEnvironment env = target())
{
	auto p = parse("probe begin { x = %( " + condition + " %? 1 %: 0 %) }", std::move(env));
	if (!p->ok())
		return p->messages();
	std::string printed = p->printed();
	return printed.find("x = 1;") != std::string::npos ? "T" : "F";
}

} // namespace

TEST(Conditional, KernelVersion)
{
	EXPECT_EQ(branch("kernel_v >= \"6.1\""), "T");
	EXPECT_EQ(branch("kernel_v >= \"6.10\""), "F"); // strverscmp: 6.10 > 6.1.0
	EXPECT_EQ(branch("kernel_v < \"6.1.1\""), "T");
	EXPECT_EQ(branch("kernel_v == \"6.1.0\""), "T");
	EXPECT_EQ(branch("kernel_v != \"6.1.0\""), "F");
	EXPECT_EQ(branch("kernel_v > \"2.6.32\""), "T");
	EXPECT_EQ(branch("kernel_v <= \"5.19\""), "F");
	EXPECT_EQ(branch("kernel_vr == \"6.1.0-56-cloud-amd64\""), "T");
	EXPECT_EQ(branch("kernel_vr == \"6.1.*-cloud-*\""), "T"); // wildcards: fnmatch
	EXPECT_EQ(branch("kernel_vr != \"6.1.*-cloud-*\""), "F");
	EXPECT_EQ(branch("kernel_vr > \"6.1.0-9-cloud-amd64\""), "T");
	EXPECT_EQ(branch("kernel_v == 6"),
		  "t.stp:1:34: parse error: kernel_v compares with a string literal\n");
}

TEST(Conditional, ArchRuntimePrivilegeGuru)
{
	EXPECT_EQ(branch("arch == \"x86_64\""), "T");
	EXPECT_EQ(branch("arch == \"x86*\""), "T");
	EXPECT_EQ(branch("arch != \"arm64\""), "T");
	EXPECT_EQ(branch("arch == \"i?86\""), "F");
	EXPECT_EQ(branch("runtime == \"kernel\""), "T");
	EXPECT_EQ(branch("runtime == \"bpf\""), "F");
	EXPECT_EQ(branch("systemtap_privilege == \"stapdev\""), "T");
	EXPECT_EQ(branch("systemtap_privilege != \"stapusr\""), "T");
	EXPECT_EQ(branch("guru_mode == 0"), "T");
	ParseEnvironment guru = target();
	guru.guru_mode = true;
	EXPECT_EQ(branch("guru_mode == 1", guru), "T");
	EXPECT_EQ(branch("arch < \"x\""),
		  "t.stp:1:22: parse error: arch can only be compared with == or !=\n");
}

TEST(Conditional, SystemtapVersion)
{
	EXPECT_EQ(branch("systemtap_v >= \"4.0\""), "T");
	EXPECT_EQ(branch("systemtap_v < \"2.3\""), "F");
	ParseEnvironment old = target();
	old.systemtap_version = "2.0"; // --compatible=2.0
	EXPECT_EQ(branch("systemtap_v < \"2.3\"", old), "T");
}

TEST(Conditional, KernelConfig)
{
	EXPECT_EQ(branch("CONFIG_KPROBES == \"y\""), "T");
	EXPECT_EQ(branch("CONFIG_EXT4_FS == \"[ym]\""), "T");
	EXPECT_EQ(branch("CONFIG_EXT4_FS == \"y\""), "F");
	EXPECT_EQ(branch("CONFIG_NOT_THERE == \"\""), "T"); // unset is ""
	EXPECT_EQ(branch("CONFIG_NOT_THERE != \"y\""), "T");
	EXPECT_EQ(branch("CONFIG_HZ > 100"), "T"); // numeric against a number
	EXPECT_EQ(branch("CONFIG_HZ == 250"), "T");
	EXPECT_EQ(branch("CONFIG_KPROBES > 1"),
		  "t.stp:1:22: parse error: CONFIG_KPROBES is \"y\", not a number\n");
}

TEST(Conditional, LiteralComparisons)
{
	EXPECT_EQ(branch("1 < 2"), "T");
	EXPECT_EQ(branch("-1 < 0"), "T");
	EXPECT_EQ(branch("0x10 == 16"), "T");
	EXPECT_EQ(branch("\"abc\" < \"abd\""), "T");
	EXPECT_EQ(branch("\"abc\" == \"abc\""), "T");
	EXPECT_EQ(branch("1 == \"1\""), "t.stp:1:27: parse error: cannot compare a number with a "
					"string in a preprocessor condition\n");
}

TEST(Conditional, AndBindsTighterThanOr)
{
	EXPECT_EQ(branch("1 == 1 || 1 == 0 && 1 == 0"), "T"); // 1 || (0 && 0)
	EXPECT_EQ(branch("1 == 0 && 1 == 1 || 1 == 1"), "T"); // (0 && 1) || 1
	EXPECT_EQ(branch("1 == 0 || 1 == 0"), "F");
	EXPECT_EQ(branch("1 == 1 && arch == \"x86_64\" && kernel_v >= \"6\""), "T");
}

TEST(Conditional, ScriptArgumentsInConditions)
{
	ParseEnvironment env = target();
	env.script_args = {"5", "text"};
	EXPECT_EQ(branch("$# == 2", env), "T");
	EXPECT_EQ(branch("@# == \"2\"", env), "T");
	EXPECT_EQ(branch("$1 > 4", env), "T");
	EXPECT_EQ(branch("@2 == \"te*\"", env), "F"); // literal comparison: no wildcards
	EXPECT_EQ(branch("@2 == \"text\"", env), "T");
	// Without arguments, the untaken branch may mention $1 freely.
	auto p = parse("probe begin { x = %( $# > 0 %? $1 %: 7 %) }", target());
	EXPECT_EQ(p->messages(), "");
	EXPECT_NE(p->printed().find("x = 7;"), std::string::npos);
}

TEST(Conditional, BadConditionsAreReported)
{
	EXPECT_EQ(branch("foo == \"x\""),
		  "t.stp:1:22: parse error: unknown preprocessor condition 'foo': expected "
		  "kernel_v, kernel_vr, arch, runtime, CONFIG_..., systemtap_v, "
		  "systemtap_privilege, guru_mode, or a comparison of two literals\n");
	EXPECT_EQ(branch("arch"), "t.stp:1:22: parse error: incomplete preprocessor condition "
				  "after 'arch'\n");
	EXPECT_EQ(branch("arch = \"x\""),
		  "t.stp:1:27: parse error: expected a comparison operator "
		  "(== != < <= > >=) in preprocessor condition, found '='\n");
	EXPECT_EQ(branch("1 == 1 1 == 1"),
		  "t.stp:1:29: parse error: unexpected number '1' in preprocessor condition (&& "
		  "or || expected)\n");
	EXPECT_EQ(branch(""), "t.stp:1:19: parse error: empty preprocessor condition\n");
}

TEST(Conditional, NestingAndStructure)
{
	auto p = parse("%( 1 == 1 %? %( 1 == 0 %? probe a {} %: %( 2 == 2 %? probe b {} %) %) "
		       "%: probe c {} %) probe d {}",
		       target());
	EXPECT_EQ(p->messages(), "");
	EXPECT_EQ(p->printed(), "probe b {\n}\nprobe d {\n}\n");

	// Conditionals work at any token position.
	p = parse("probe kernel.function(%( kernel_v < \"2.6\" %? \"old\" %: \"new\" %)) {}",
		  target());
	EXPECT_EQ(p->printed(), "probe kernel.function(\"new\") {\n}\n");
}

TEST(Conditional, DeepNestingIsIterative)
{
	std::string text;
	for (int i = 0; i < 20000; ++i)
		text += "%( 1 == 1 %? ";
	text += "probe begin {}";
	for (int i = 0; i < 20000; ++i)
		text += " %)";
	auto p = parse(text, target());
	EXPECT_EQ(p->messages(), "");
	EXPECT_EQ(p->file->probes.size(), 1u);
}

TEST(Conditional, StructuralErrors)
{
	EXPECT_EQ(parse("%( 1 == 1 %? probe begin {}")->messages(),
		  "t.stp:1:1: parse error: unterminated preprocessor conditional: no matching "
		  "'%)'\n");
	EXPECT_EQ(parse("%( 1 == 0 %? probe begin {}")->messages(),
		  "t.stp:1:1: parse error: unterminated preprocessor conditional: no matching "
		  "'%)'\n");
	EXPECT_EQ(parse("probe begin {} %)")->messages(),
		  "t.stp:1:16: parse error: '%)' without a matching '%('\n");
	EXPECT_EQ(parse("probe begin {} %:")->messages(),
		  "t.stp:1:16: parse error: '%:' outside a preprocessor conditional\n");
	EXPECT_EQ(parse("%( 1 == 1 %? %: %: %)")->messages(),
		  "t.stp:1:17: parse error: a second '%:' in the same preprocessor conditional\n");
	EXPECT_EQ(parse("%( 1 == 1 %)")->messages(),
		  "t.stp:1:11: parse error: expected '%?' after the preprocessor condition, found "
		  "'%)'\n");
}

TEST(Macros, SimpleAndWithParameters)
{
	auto p = parse("@define two %( 2 %)\n"
		       "@define add(a,b) %( ((@a)+(@b)) %)\n"
		       "probe begin { x = @two * @add(1, @add(@two, 3)) }");
	EXPECT_EQ(p->messages(), "");
	EXPECT_EQ(p->printed(), "probe begin {\n\tx = 2 * (1 + (2 + 3));\n}\n");
}

TEST(Macros, ArgumentsMayHoldCommasInBrackets)
{
	auto p = parse("@define first(a, b) %( @a %)\n"
		       "probe begin { x = @first(f(1, 2), [3, 4] in y) }");
	EXPECT_EQ(p->messages(), "");
	EXPECT_EQ(p->printed(), "probe begin {\n\tx = f(1, 2);\n}\n");
}

TEST(Macros, ExpandToAnyTokensIncludingConditionals)
{
	auto p = parse("@define pp %( %( arch == \"x86_64\" %? kernel %: module(\"x\") %) %)\n"
		       "probe @pp.function(\"f\") {}",
		       target());
	EXPECT_EQ(p->messages(), "");
	EXPECT_EQ(p->printed(), "probe kernel.function(\"f\") {\n}\n");
}

TEST(Macros, DefinedInEitherBranchOfAConditional)
{
	// As in stap: macro definitions are collected before conditionals are
	// evaluated, so both definitions count -- and conflict.
	auto p = parse("%( 1 == 1 %? @define m %( 1 %) %: @define m %( 2 %) %)");
	EXPECT_EQ(p->messages(), "t.stp:1:43: parse error: macro 'm' is already defined\n");
}

TEST(Macros, ErrorsInsideAnExpansionSayWhere)
{
	auto p = parse("@define bad %( 1 + %)\nprobe begin {\n\tx = @bad\n}");
	EXPECT_EQ(p->errors(), "t.stp:4:1: parse error: expected an expression, found '}'\n"
			       "    }\n"
			       "    ^\n");
	p = parse("@define bad %( ) %)\nprobe begin {\n\tx = @bad\n}");
	EXPECT_EQ(p->errors(), "t.stp:1:16: parse error: expected an expression, found ')'\n"
			       "    @define bad %( ) %)\n"
			       "                   ^\n"
			       "t.stp:3:6: note: in expansion of macro 'bad'\n");
}

TEST(Macros, NestedExpansionFrames)
{
	auto p = parse(
		"@define inner %( ) %)\n@define outer %( @inner %)\nprobe begin { x = @outer }");
	EXPECT_EQ(p->errors(), "t.stp:1:18: parse error: expected an expression, found ')'\n"
			       "    @define inner %( ) %)\n"
			       "                     ^\n"
			       "t.stp:2:18: note: in expansion of macro 'inner'\n"
			       "t.stp:3:19: note: in expansion of macro 'outer'\n");
}

TEST(Macros, ArgumentCountAndSyntaxErrors)
{
	EXPECT_EQ(parse("@define m(a) %( @a %) probe begin { x = @m(1, 2) }")->messages(),
		  "t.stp:1:41: parse error: macro 'm' takes 1 argument but 2 were given\n"
		  "t.stp:1:50: parse error: expected an expression, found '}'\n");
	EXPECT_EQ(parse("@define m(a) %( @a %) probe begin { x = @m }")->messages(),
		  "t.stp:1:44: parse error: expected '(' after '@m': the macro takes 1 argument\n"
		  "t.stp:1:44: parse error: expected an expression, found '}'\n");
	EXPECT_EQ(parse("@define %( 1 %)")->messages(),
		  "t.stp:1:9: parse error: expected a macro name after '@define', found '%('\n");
	EXPECT_EQ(parse("@define m 1")->messages(),
		  "t.stp:1:11: parse error: expected '%(' to start the body of macro 'm', found "
		  "number '1'\n");
	EXPECT_EQ(parse("@define m %( 1")->messages(),
		  "t.stp:1:11: parse error: unterminated body of macro 'm': no matching '%)'\n");
	EXPECT_EQ(parse("@define m(a %( 1 %)")->messages(),
		  "t.stp:1:13: parse error: expected ',' or ')' in the parameter list of macro "
		  "'m', found '%('\n");
}

TEST(Macros, RecursionAndBlowUpAreBounded)
{
	auto p = parse("@define r %( @r @r %) probe begin { x = @r }");
	EXPECT_NE(p->messages().find("macro expansion nested too deeply (is macro 'r' recursive?)"),
		  std::string::npos);
	// Each level doubles: 2^40 tokens unless bounded.
	std::string text = "@define m0 %( x %)\n";
	for (int i = 1; i <= 40; ++i)
		text += "@define m" + std::to_string(i) + " %( @m" + std::to_string(i - 1) + " @m" +
			std::to_string(i - 1) + " %)\n";
	text += "probe begin { @m40 }";
	p = parse(text);
	EXPECT_NE(p->messages().find("macro expansion produces too many tokens"),
		  std::string::npos);
}

TEST(Macros, LibraryMacrosFromStpmFiles)
{
	SourceManager sources;
	Diagnostics diags(sources);
	ParseEnvironment env = target();
	ParseContext ctx(sources, diags, env);
	MacroTable library;
	parse_macro_file(ctx,
			 sources.add_file("lib.stpm", "@define lib_one %( 1 %)\n"
						      "%( arch == \"x86_64\" %?\n"
						      "  @define lib_arch %( \"x86\" %)\n"
						      "%:\n"
						      "  @define lib_arch %( \"other\" %)\n"
						      "%)\n"),
			 library);
	EXPECT_FALSE(diags.has_errors());
	EXPECT_EQ(library.size(), 2u);

	auto p = parse("probe begin { x = @lib_one; y = @lib_arch }", env, FileKind::Script,
		       &library);
	EXPECT_EQ(p->messages(), "");
	EXPECT_EQ(p->printed(), "probe begin {\n\tx = 1;\n\ty = \"x86\";\n}\n");

	// Anything but @define in a .stpm file is an error.
	parse_macro_file(ctx, sources.add_file("bad.stpm", "probe begin {}\n@define ok %( 1 %)"),
			 library);
	ASSERT_EQ(diags.all().size(), 1u);
	EXPECT_EQ(diags.all()[0].message,
		  "a macro library (.stpm) file may contain only @define's, found 'probe'");
	EXPECT_EQ(library.size(), 3u);
}

TEST(ScriptArguments, PastedAndQuoted)
{
	ParseEnvironment env = target();
	env.script_args = {"5+5", "mystring", "kernel.function(\"f\")"};
	auto p = parse("probe $3 { printf(\"%d, %s\\n\", $1, @2); n = $#; s = @#;"
		       " t = \"a \" @2 \" b\" }",
		       env);
	EXPECT_EQ(p->messages(), "");
	EXPECT_EQ(p->printed(), "probe kernel.function(\"f\") {\n"
				"\tprintf(\"%d, %s\\n\", 5 + 5, \"mystring\");\n"
				"\tn = 3;\n"
				"\ts = \"3\";\n"
				"\tt = \"a mystring b\";\n"
				"}\n");
}

TEST(ScriptArguments, OutOfRange)
{
	ParseEnvironment env = target();
	env.script_args = {"1"};
	EXPECT_EQ(parse("probe begin { x = $2 }", env)->messages(),
		  "t.stp:1:19: parse error: no script argument $2: only 1 was given\n");
	EXPECT_EQ(parse("probe begin { x = @1 }")->messages(),
		  "t.stp:1:19: parse error: no script argument @1: none was given\n");
}

TEST(ScriptArguments, ErrorsInsideAnArgumentSayWhere)
{
	ParseEnvironment env = target();
	env.script_args = {"\"unterminated"};
	auto p = parse("probe begin { x = $1 }", env);
	EXPECT_EQ(p->errors(),
		  "script argument $1:1:1: parse error: unterminated string literal: no closing "
		  "'\"' on this line\n"
		  "    \"unterminated\n"
		  "    ^\n"
		  "t.stp:1:19: note: in expansion of script argument $1\n");
}
