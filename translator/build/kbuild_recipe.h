// A module build without make: the commands kbuild ran to build one module,
// learnt from the .cmd files it leaves in the build directory, with the
// directory, the module name and the module's compiler options replaced by
// placeholders.  Replaying them for another module gives what kbuild would
// have built (make and its compiler-option tests cost about a second per
// run; the commands themselves a few tenths).
//
// A recipe is learnt after a successful kbuild run (kernel_cache.h keeps it
// per kernel) and only if every step of the module's build is one this
// file knows (compile, copy of the runtime, link, modpost, compile of the
// .mod.c, 6.10's shared .module-common.o, final link; and the runtime
// members' compiles): a kernel whose kbuild does more keeps being built
// with make.
#pragma once

#include <string>
#include <vector>

namespace stap
{

struct KbuildRecipe {
	enum class Kind {
		Run,              // a command, run with sh in the kernel build directory
		Write,            // write `text` into the target file
		CopyModuleCommon, // copy the kernel's cached .module-common.o
	};
	struct Step {
		Kind kind = Kind::Run;
		std::string target; // file in the build directory, "@NAME@.o"
		std::string text;   // the command or the file contents
	};
	std::vector<Step> steps;
	// NAME=VALUE: what kbuild adds to its commands' environment (SRCARCH,
	// which objtool needs, and the like), with @DIR@ placeholders.
	std::vector<std::string> environment;
	// How a runtime member compiles (@MEMBER@ is its unit), run when a
	// module links a member the kernel cache does not have yet; empty if
	// the kbuild run compiled none.
	std::string member_compile;

	[[nodiscard]] bool uses_module_common() const;
};

// Learns the recipe from build directory `dir` where module `name` was just
// built by kbuild (from kbuild_file.h's Kbuild), which make ran with
// environment `make_env` (NAME=VALUE).  False with `why` when the build
// cannot be replayed.
bool learn_kbuild_recipe(const std::string& dir, const std::string& name,
			 const std::vector<std::string>& make_env, KbuildRecipe& recipe,
			 std::string& why);

// The environment kbuild gave its commands in build directory `dir`
// (NAME=VALUE, from the Kbuild file's stp_kbuild.env); empty if unknown.
std::vector<std::string> read_kbuild_environment(const std::string& dir);

// The recipe as text for the kernel cache, and back.
std::string serialize_recipe(const KbuildRecipe& recipe);
bool parse_recipe(const std::string& text, KbuildRecipe& recipe);

// `text` with the placeholders filled in: @DIR@, @NAME@, @CFLAGS@ (the
// module's options, shell-quoted) and @MEMBER@.
std::string instantiate_recipe_text(const std::string& text, const std::string& dir,
				    const std::string& name, const std::vector<std::string>& cflags,
				    const std::string& member = {});

// The command saved in a kbuild .cmd file (its first line,
// "[saved]cmd_TARGET := COMMAND"), with make's escapes undone.
bool parse_cmd_file(const std::string& contents, std::string& command);

} // namespace stap
