#include "build/kbuild_recipe.h"

#include "build/file_util.h"
#include "build/kbuild_file.h"

#include <algorithm>
#include <filesystem>
#include <set>
#include <sstream>

namespace stap
{

namespace fs = std::filesystem;

namespace
{

constexpr const char* kRecipeHeader = "stapforge kbuild recipe 2";

void replace_all(std::string& s, const std::string& from, const std::string& to)
{
	if (from.empty())
		return;
	for (std::size_t at = s.find(from); at != std::string::npos;
	     at = s.find(from, at + to.size()))
		s.replace(at, from.size(), to);
}

bool is_word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_';
}

// Replaces `from` where it is not followed by a word character.
void replace_word_end(std::string& s, const std::string& from, const std::string& to)
{
	for (std::size_t at = s.find(from); at != std::string::npos;) {
		std::size_t end = at + from.size();
		if (end < s.size() && is_word_char(s[end])) {
			at = s.find(from, end);
			continue;
		}
		s.replace(at, from.size(), to);
		at = s.find(from, at + to.size());
	}
}

// The module-specific parts of a learnt command become placeholders.
std::string generalize(std::string cmd, const std::string& dir, const std::string& name)
{
	replace_all(cmd, dir + "/", "@DIR@/");
	replace_word_end(cmd, dir, "@DIR@");
	replace_all(cmd, "@DIR@/" + name + ".", "@DIR@/@NAME@.");
	replace_all(cmd, "@DIR@/." + name + ".", "@DIR@/.@NAME@.");
	replace_all(cmd, "'\"" + name + "\"'", "'\"@NAME@\"'");
	replace_word_end(cmd, "=kmod_" + name, "=kmod_@NAME@");
	std::size_t begin = cmd.find(kCflagsBegin);
	std::size_t end = cmd.find(kCflagsEnd);
	if (begin != std::string::npos && end != std::string::npos && begin < end) {
		std::size_t from = begin + std::string(kCflagsBegin).size();
		cmd.replace(from, end - from, " @CFLAGS@ ");
	}
	return cmd;
}

std::string escape_line(const std::string& s)
{
	std::string out;
	for (char c : s) {
		if (c == '\\')
			out += "\\\\";
		else if (c == '\n')
			out += "\\n";
		else
			out += c;
	}
	return out;
}

std::string unescape_line(const std::string& s)
{
	std::string out;
	for (std::size_t i = 0; i < s.size(); ++i) {
		if (s[i] == '\\' && i + 1 < s.size()) {
			++i;
			out += s[i] == 'n' ? '\n' : s[i];
		} else {
			out += s[i];
		}
	}
	return out;
}

} // namespace

std::vector<std::string> read_kbuild_environment(const std::string& dir)
{
	std::vector<std::string> entries;
	std::optional<std::string> env = read_file(dir + "/stp_kbuild.env");
	if (!env)
		return entries;
	for (std::size_t at = 0; at < env->size();) {
		std::size_t end = env->find('\0', at);
		if (end == std::string::npos)
			end = env->size();
		if (end > at)
			entries.push_back(env->substr(at, end - at));
		at = end + 1;
	}
	return entries;
}

bool KbuildRecipe::uses_module_common() const
{
	return std::any_of(steps.begin(), steps.end(),
			   [](const Step& s) { return s.kind == Kind::CopyModuleCommon; });
}

bool parse_cmd_file(const std::string& contents, std::string& command)
{
	std::string line = contents.substr(0, contents.find('\n'));
	if (!line.starts_with("cmd_") && !line.starts_with("savedcmd_"))
		return false;
	std::size_t at = line.find(" := ");
	if (at == std::string::npos)
		return false;
	std::string raw = line.substr(at + 4);
	// kbuild saves $ as $$ and # as $(pound).
	command.clear();
	for (std::size_t i = 0; i < raw.size(); ++i) {
		if (raw.compare(i, 2, "$$") == 0) {
			command += '$';
			++i;
		} else if (raw.compare(i, 8, "$(pound)") == 0) {
			command += '#';
			i += 7;
		} else {
			command += raw[i];
		}
	}
	return true;
}

bool learn_kbuild_recipe(const std::string& dir, const std::string& name,
			 const std::vector<std::string>& make_env, KbuildRecipe& recipe,
			 std::string& why)
{
	recipe.steps.clear();
	recipe.environment.clear();
	recipe.member_compile.clear();
	std::vector<std::string> env = read_kbuild_environment(dir);
	if (env.empty()) {
		why = "no stp_kbuild.env in " + dir;
		return false;
	}
	// What make itself keeps per run is left out; so is what it had from
	// us unchanged.
	static const std::set<std::string> per_run = {
		"MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES", "PWD", "OLDPWD", "SHLVL", "_"};
	std::set<std::string> inherited(make_env.begin(), make_env.end());
	for (const std::string& entry : env) {
		std::size_t eq = entry.find('=');
		if (eq == std::string::npos || eq == 0 || per_run.count(entry.substr(0, eq)) ||
		    inherited.count(entry) || entry.find('\n') != std::string::npos)
			continue;
		recipe.environment.push_back(generalize(entry, dir, name));
	}
	auto read_cmd = [&](const std::string& target, std::string& cmd) {
		std::string file = dir + "/" +
				   (fs::path(target).parent_path().empty()
					    ? "." + target
					    : fs::path(target).parent_path().string() + "/." +
						      fs::path(target).filename().string()) +
				   ".cmd";
		std::optional<std::string> text = read_file(file);
		if (!text || !parse_cmd_file(*text, cmd)) {
			why = "no usable " + file;
			return false;
		}
		return true;
	};
	auto run_step = [&](const std::string& target) {
		std::string cmd;
		if (!read_cmd(target, cmd))
			return false;
		std::string gen_target = target;
		replace_all(gen_target, name + ".", "@NAME@.");
		recipe.steps.push_back(
			{KbuildRecipe::Kind::Run, gen_target, generalize(cmd, dir, name)});
		return true;
	};

	for (const std::string& t : {std::string("stp_script.o"), std::string("stp_runtime.o"),
				     name + ".mod", name + ".o"})
		if (!run_step(t))
			return false;

	// modules.order lists every module of the run; the replay builds one.
	std::optional<std::string> order = read_file(dir + "/modules.order");
	if (!order) {
		why = "no modules.order in " + dir;
		return false;
	}
	std::string ours;
	std::istringstream lines(*order);
	for (std::string line; std::getline(lines, line);) {
		std::string file = fs::path(line).filename().string();
		if (file == name + ".ko" || file == name + ".o")
			ours += generalize(line, dir, name) + "\n";
	}
	if (ours.empty()) {
		why = "modules.order in " + dir + " does not list " + name;
		return false;
	}
	recipe.steps.push_back({KbuildRecipe::Kind::Write, "modules.order", ours});

	if (!run_step("Module.symvers") || !run_step(name + ".mod.o"))
		return false;
	bool module_common = fs::exists(dir + "/..module-common.o.cmd");
	if (module_common)
		recipe.steps.push_back(
			{KbuildRecipe::Kind::CopyModuleCommon, ".module-common.o", ""});
	if (!run_step(name + ".ko"))
		return false;

	// A runtime member's compile, if kbuild compiled one (they differ only
	// in the member's unit name).
	std::string member_cmd_file;
	std::error_code ec;
	for (const auto& e : fs::directory_iterator(dir, ec)) {
		std::string f = e.path().filename().string();
		if (f.starts_with(std::string(".") + kMemberUnitPrefix) && f.ends_with(".o.cmd") &&
		    (member_cmd_file.empty() || f < member_cmd_file))
			member_cmd_file = f;
	}
	if (!member_cmd_file.empty()) {
		std::string unit = member_cmd_file.substr(1, member_cmd_file.size() - 7);
		std::string cmd;
		if (!read_cmd(unit + ".o", cmd))
			return false;
		cmd = generalize(cmd, dir, name);
		replace_word_end(cmd, unit, "@MEMBER@");
		recipe.member_compile = cmd;
	}

	// Every other command kbuild ran must be one of the per-kernel part
	// (a cold build's runtime); anything else is a step the recipe lacks.
	std::set<std::string> known = {".stp_script.o.cmd",       ".stp_runtime.o.cmd",
				       "." + name + ".mod.cmd",   "." + name + ".o.cmd",
				       ".modules.order.cmd",      ".Module.symvers.cmd",
				       "." + name + ".mod.o.cmd", "." + name + ".ko.cmd",
				       "..module-common.o.cmd",   ".stp_runtime.a.cmd"};
	for (const auto& e : fs::directory_iterator(dir, ec)) {
		std::string f = e.path().filename().string();
		if (!f.starts_with(".") || !f.ends_with(".cmd") || known.count(f) ||
		    (f.starts_with(std::string(".") + kMemberUnitPrefix) && f.ends_with(".o.cmd")))
			continue;
		why = "kbuild ran a step the recipe does not know: " + f;
		return false;
	}
	for (const auto& s : recipe.steps)
		if (s.text.find(dir) != std::string::npos) {
			why = "the build directory is still named in step " + s.target;
			return false;
		}
	if (recipe.member_compile.find(dir) != std::string::npos) {
		why = "the build directory is still named in the members' compile";
		return false;
	}
	return true;
}

std::string serialize_recipe(const KbuildRecipe& recipe)
{
	std::string out = std::string(kRecipeHeader) + "\n";
	for (const std::string& e : recipe.environment)
		out += "env\t\t" + escape_line(e) + "\n";
	if (!recipe.member_compile.empty())
		out += "member\t@MEMBER@.o\t" + escape_line(recipe.member_compile) + "\n";
	for (const auto& s : recipe.steps) {
		const char* kind = s.kind == KbuildRecipe::Kind::Run     ? "run"
				   : s.kind == KbuildRecipe::Kind::Write ? "write"
									 : "copy-module-common";
		out += std::string(kind) + "\t" + escape_line(s.target) + "\t" +
		       escape_line(s.text) + "\n";
	}
	return out;
}

bool parse_recipe(const std::string& text, KbuildRecipe& recipe)
{
	recipe.steps.clear();
	recipe.environment.clear();
	recipe.member_compile.clear();
	std::istringstream in(text);
	std::string line;
	if (!std::getline(in, line) || line != kRecipeHeader)
		return false;
	while (std::getline(in, line)) {
		std::size_t t1 = line.find('\t');
		std::size_t t2 = t1 == std::string::npos ? t1 : line.find('\t', t1 + 1);
		if (t2 == std::string::npos)
			return false;
		std::string kind = line.substr(0, t1);
		if (kind == "env") {
			recipe.environment.push_back(unescape_line(line.substr(t2 + 1)));
			continue;
		}
		if (kind == "member") {
			recipe.member_compile = unescape_line(line.substr(t2 + 1));
			continue;
		}
		KbuildRecipe::Step s;
		if (kind == "run")
			s.kind = KbuildRecipe::Kind::Run;
		else if (kind == "write")
			s.kind = KbuildRecipe::Kind::Write;
		else if (kind == "copy-module-common")
			s.kind = KbuildRecipe::Kind::CopyModuleCommon;
		else
			return false;
		s.target = unescape_line(line.substr(t1 + 1, t2 - t1 - 1));
		s.text = unescape_line(line.substr(t2 + 1));
		recipe.steps.push_back(std::move(s));
	}
	return !recipe.steps.empty();
}

std::string instantiate_recipe_text(const std::string& text, const std::string& dir,
				    const std::string& name, const std::vector<std::string>& cflags,
				    const std::string& member)
{
	std::string quoted;
	for (const std::string& f : cflags)
		quoted += (quoted.empty() ? "" : " ") + shell_quote(f);
	std::string out = text;
	replace_all(out, "@NAME@", name);
	replace_all(out, "@DIR@", dir);
	replace_all(out, "@CFLAGS@", quoted);
	replace_all(out, "@MEMBER@", member);
	return out;
}

} // namespace stap
