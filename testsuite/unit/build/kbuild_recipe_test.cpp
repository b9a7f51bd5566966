#include "build/kbuild_recipe.h"

#include "temp_dir.h"

#include <gtest/gtest.h>

using namespace stap;

namespace
{

// A build directory as kbuild leaves it after building module `name`
// (the commands shortened; 6.12's form: savedcmd_, .module-common.o).
void fake_build(const TempDir& t, const std::string& name, bool v612)
{
	const std::string d = t.path();
	const std::string saved = v612 ? "savedcmd_" : "cmd_";
	auto cmd = [&](const std::string& target, const std::string& command) {
		std::string file = "." + target + ".cmd";
		t.write(file, saved + d + "/" + target + " := " + command + "\n\nsource_x := y\n");
	};
	cmd("stp_script.o", "gcc -Wp,-MMD," + d + "/.stp_script.o.d -include " + d +
				    "/stapconf.h -D__STP_CFLAGS_BEGIN__ -DMAXACTION=5 "
				    "-D__STP_CFLAGS_END__ -DKBUILD_BASENAME='\"stp_script\"' "
				    "-DKBUILD_MODNAME='\"" +
				    name + "\"' -D__KBUILD_MODNAME=kmod_" + name + " -c -o " + d +
				    "/stp_script.o " + d + "/stp_script.c");
	cmd("stp_runtime.o", "cp " + d + "/stp_runtime.a " + d + "/stp_runtime.o");
	cmd(name + ".mod", "printf '%s\\n' stp_script.o stp_runtime.o | awk '!x[$$0]++ { print(\"" +
				   d + "/\"$$0) }' > " + d + "/" + name + ".mod");
	cmd(name + ".o", "ld -r -o " + d + "/" + name + ".o @" + d + "/" + name + ".mod");
	cmd("modules.order", "{ echo " + d + "/" + name + ".ko; :; } > " + d + "/modules.order");
	cmd("Module.symvers", "sed 's/ko$$/o/' " + d +
				      "/modules.order | scripts/mod/modpost -m -o " + d +
				      "/Module.symvers -T -");
	cmd(name + ".mod.o", "gcc -Wp,-MMD," + d + "/." + name + ".mod.o.d -DKBUILD_MODNAME='\"" +
				     name + "\"' -c -o " + d + "/" + name + ".mod.o " + d + "/" +
				     name + ".mod.c $(pound)x");
	if (v612)
		cmd(".module-common.o", "gcc -c -o " + d + "/.module-common.o module-common.c");
	cmd(name + ".ko", "ld -r -T arch/x86/module.lds -o " + d + "/" + name + ".ko " + d + "/" +
				  name + ".o " + d + "/" + name + ".mod.o" +
				  (v612 ? " " + d + "/.module-common.o" : ""));
	// Runtime members, whose compile the recipe keeps (the core's).
	for (const std::string unit : {"stp_member_timer", "stp_member_stp_core"})
		cmd(unit + ".o", "gcc -Wp,-MMD," + d + "/." + unit + ".o.d -DKBUILD_BASENAME='\"" +
					 unit + "\"' -DKBUILD_MODNAME='\"" + name + "\"' -c -o " +
					 d + "/" + unit + ".o " + d + "/" + unit +
					 ".c; objtool --module " + d + "/" + unit + ".o");
	t.write("modules.order", d + "/" + name + ".ko\n" + d + "/other_module.ko\n");
	std::string env = "SRCARCH=x86";
	env += '\0';
	env += "KBUILD_EXTMOD=" + d;
	env += '\0';
	env += "MAKELEVEL=2";
	env += '\0';
	env += "HOME=/root";
	env += '\0';
	t.write("stp_kbuild.env", env);
}

} // namespace

TEST(KbuildRecipe, ParsesCmdFiles)
{
	std::string c;
	ASSERT_TRUE(parse_cmd_file("cmd_/d/x.o := gcc -c '$$x' $(pound)y\n\ndeps := ...", c));
	EXPECT_EQ(c, "gcc -c '$x' #y");
	ASSERT_TRUE(parse_cmd_file("savedcmd_x.o := ld $$$$\n", c));
	EXPECT_EQ(c, "ld $$");
	EXPECT_FALSE(parse_cmd_file("# a comment\n", c));
	EXPECT_FALSE(parse_cmd_file("cmd_x.o = y\n", c));
}

TEST(KbuildRecipe, LearnsAModuleBuild)
{
	for (bool v612 : {false, true}) {
		TempDir t;
		fake_build(t, "stap_1234", v612);
		KbuildRecipe r;
		std::string why;
		ASSERT_TRUE(learn_kbuild_recipe(t.path(), "stap_1234", {"HOME=/root"}, r, why))
			<< why;
		std::vector<std::string> targets;
		for (const auto& s : r.steps)
			targets.push_back(s.target);
		std::vector<std::string> expected = {
			"stp_script.o",  "stp_runtime.o",  "@NAME@.mod",  "@NAME@.o",
			"modules.order", "Module.symvers", "@NAME@.mod.o"};
		if (v612)
			expected.push_back(".module-common.o");
		expected.push_back("@NAME@.ko");
		EXPECT_EQ(targets, expected);
		EXPECT_EQ(r.uses_module_common(), v612);

		// The directory, the name and the module's options are
		// placeholders; make's escapes are undone.
		EXPECT_EQ(r.steps[0].text,
			  "gcc -Wp,-MMD,@DIR@/.stp_script.o.d -include @DIR@/stapconf.h "
			  "-D__STP_CFLAGS_BEGIN__ @CFLAGS@ -D__STP_CFLAGS_END__ "
			  "-DKBUILD_BASENAME='\"stp_script\"' -DKBUILD_MODNAME='\"@NAME@\"' "
			  "-D__KBUILD_MODNAME=kmod_@NAME@ -c -o @DIR@/stp_script.o "
			  "@DIR@/stp_script.c");
		EXPECT_EQ(r.steps[2].text, "printf '%s\\n' stp_script.o stp_runtime.o | awk "
					   "'!x[$0]++ { print(\"@DIR@/\"$0) }' > @DIR@/@NAME@.mod");
		EXPECT_EQ(r.steps[6].text, "gcc -Wp,-MMD,@DIR@/.@NAME@.mod.o.d "
					   "-DKBUILD_MODNAME='\"@NAME@\"' -c -o @DIR@/@NAME@.mod.o "
					   "@DIR@/@NAME@.mod.c #x");
		EXPECT_EQ(r.member_compile,
			  "gcc -Wp,-MMD,@DIR@/.@MEMBER@.o.d -DKBUILD_BASENAME='\"@MEMBER@\"' "
			  "-DKBUILD_MODNAME='\"@NAME@\"' -c -o @DIR@/@MEMBER@.o @DIR@/@MEMBER@.c; "
			  "objtool --module @DIR@/@MEMBER@.o");
		EXPECT_EQ(
			instantiate_recipe_text(r.member_compile, "/b", "m", {}, "stp_member_str"),
			"gcc -Wp,-MMD,/b/.stp_member_str.o.d "
			"-DKBUILD_BASENAME='\"stp_member_str\"' "
			"-DKBUILD_MODNAME='\"m\"' -c -o /b/stp_member_str.o /b/stp_member_str.c; "
			"objtool --module /b/stp_member_str.o");
		// modules.order: this module only, not the runtime's.
		EXPECT_EQ(r.steps[4].kind, KbuildRecipe::Kind::Write);
		EXPECT_EQ(r.steps[4].text, "@DIR@/@NAME@.ko\n");
		// What kbuild added to the environment, per-run variables aside.
		EXPECT_EQ(r.environment,
			  (std::vector<std::string>{"SRCARCH=x86", "KBUILD_EXTMOD=@DIR@"}));

		KbuildRecipe back;
		ASSERT_TRUE(parse_recipe(serialize_recipe(r), back));
		ASSERT_EQ(back.steps.size(), r.steps.size());
		for (std::size_t i = 0; i < r.steps.size(); ++i) {
			EXPECT_EQ(back.steps[i].kind, r.steps[i].kind);
			EXPECT_EQ(back.steps[i].target, r.steps[i].target);
			EXPECT_EQ(back.steps[i].text, r.steps[i].text);
		}
		EXPECT_EQ(back.environment, r.environment);
		EXPECT_EQ(back.member_compile, r.member_compile);
	}
}

TEST(KbuildRecipe, RefusesUnknownSteps)
{
	TempDir t;
	fake_build(t, "m", false);
	t.write(".m.ko.btf.cmd", "cmd_x := pahole ...\n");
	KbuildRecipe r;
	std::string why;
	EXPECT_FALSE(learn_kbuild_recipe(t.path(), "m", {}, r, why));
	EXPECT_EQ(why, "kbuild ran a step the recipe does not know: .m.ko.btf.cmd");
}

TEST(KbuildRecipe, RefusesAnIncompleteBuild)
{
	TempDir t;
	fake_build(t, "m", false);
	std::filesystem::remove(t / ".m.mod.o.cmd");
	KbuildRecipe r;
	std::string why;
	EXPECT_FALSE(learn_kbuild_recipe(t.path(), "m", {}, r, why));
	EXPECT_EQ(why, "no usable " + t / ".m.mod.o.cmd");
}

TEST(KbuildRecipe, Instantiates)
{
	EXPECT_EQ(instantiate_recipe_text("cc -D__STP_CFLAGS_BEGIN__ @CFLAGS@ -D__STP_CFLAGS_END__ "
					  "-DKBUILD_MODNAME='\"@NAME@\"' -o @DIR@/@NAME@.o",
					  "/tmp/b", "stap_9", {"-DA=1", "-DMSG=a b"}),
		  "cc -D__STP_CFLAGS_BEGIN__ -DA=1 '-DMSG=a b' -D__STP_CFLAGS_END__ "
		  "-DKBUILD_MODNAME='\"stap_9\"' -o /tmp/b/stap_9.o");
}

TEST(KbuildRecipe, RejectsOtherText)
{
	KbuildRecipe r;
	EXPECT_FALSE(parse_recipe("", r));
	EXPECT_FALSE(parse_recipe("stapforge kbuild recipe 0\nrun\tx\ty\n", r));
	EXPECT_FALSE(parse_recipe("stapforge kbuild recipe 1\nrun\tx\ty\n", r));
	EXPECT_FALSE(parse_recipe("stapforge kbuild recipe 2\nfly\tx\ty\n", r));
	EXPECT_FALSE(parse_recipe("stapforge kbuild recipe 2\n", r));
}
