#include "build/runtime_layout.h"

#include "build/c_identifier.h"
#include "build/file_util.h"

#include <algorithm>
#include <filesystem>
#include <set>
#include <sstream>

namespace stap
{

namespace fs = std::filesystem;

namespace
{

// Whether DIR/FILE, or a header of DIR it includes with #include "NAME"
// (transitively), mentions a feature probe's macro.
bool mentions_feature_probes(const std::string& dir, const std::string& file,
			     std::set<std::string>& seen)
{
	if (!seen.insert(file).second)
		return false;
	std::optional<std::string> text = read_file(dir + "/" + file);
	if (!text)
		return false;
	if (text->find("STAPCONF_") != std::string::npos)
		return true;
	std::istringstream in(*text);
	for (std::string line; std::getline(in, line);) {
		std::size_t at = line.find_first_not_of(" \t");
		if (at == std::string::npos || line[at] != '#')
			continue;
		at = line.find_first_not_of(" \t", at + 1);
		if (at == std::string::npos || line.compare(at, 7, "include") != 0)
			continue;
		std::size_t open = line.find('"', at + 7);
		std::size_t close = open == std::string::npos ? open : line.find('"', open + 1);
		if (close == std::string::npos)
			continue;
		std::string name = line.substr(open + 1, close - open - 1);
		if (name.find('/') == std::string::npos && fs::exists(dir + "/" + name) &&
		    mentions_feature_probes(dir, name, seen))
			return true;
	}
	return false;
}

} // namespace

bool parse_runtime_members(const std::string& text, const std::string& where,
			   std::vector<RuntimeMember>& members, std::string& error)
{
	std::istringstream in(text);
	std::string line;
	std::set<std::string> seen;
	for (int number = 1; std::getline(in, line); ++number) {
		std::string at = where + ":" + std::to_string(number) + ": ";
		if (std::size_t hash = line.find('#'); hash != std::string::npos)
			line.resize(hash);
		std::istringstream words(line);
		std::string head;
		if (!(words >> head))
			continue;
		if (head.size() < 2 || head.back() != ':' ||
		    !is_c_identifier(head.substr(0, head.size() - 1))) {
			error = at + "expected 'MEMBER: FILE...', got '" + head + "'";
			return false;
		}
		RuntimeMember m{head.substr(0, head.size() - 1), {}};
		if (m.name == "stp_script" || m.name == "stp_runtime") {
			error = at + "'" + m.name + "' is reserved for the module build";
			return false;
		}
		for (std::string f; words >> f;) {
			if (!is_c_identifier(f)) {
				error = at + "'" + f + "' is not a runtime file name";
				return false;
			}
			m.files.push_back(f);
		}
		if (m.files.empty()) {
			error = at + "member '" + m.name + "' has no files";
			return false;
		}
		if (!seen.insert(m.name).second) {
			error = at + "member '" + m.name + "' is listed twice";
			return false;
		}
		members.push_back(std::move(m));
	}
	if (members.empty()) {
		error = where + ": no members";
		return false;
	}
	return true;
}

bool read_runtime_layout(const std::string& dir, RuntimeLayout& layout, std::string& error)
{
	layout.dir = dir;
	std::string members_file = dir + "/kbuild/members";
	std::optional<std::string> text = read_file(members_file);
	if (!text) {
		error = "cannot read " + members_file + " (is " + dir + " a stapforge runtime?)";
		return false;
	}
	if (!parse_runtime_members(*text, members_file, layout.members, error))
		return false;
	for (RuntimeMember& m : layout.members) {
		std::set<std::string> seen;
		for (const std::string& f : m.files) {
			if (!fs::exists(dir + "/" + f + ".c")) {
				error = members_file + ": member '" + m.name + "' names " + f +
					".c, which is not in " + dir;
				return false;
			}
			m.uses_feature_probes = m.uses_feature_probes ||
						mentions_feature_probes(dir, f + ".c", seen);
		}
	}
	std::error_code ec;
	for (const auto& e : fs::directory_iterator(dir + "/autoconf", ec)) {
		std::string name = e.path().filename().string();
		if (name.size() > 2 && name.ends_with(".c") &&
		    is_c_identifier(name.substr(0, name.size() - 2)))
			layout.probes.push_back(name.substr(0, name.size() - 2));
	}
	std::sort(layout.probes.begin(), layout.probes.end());
	return true;
}

} // namespace stap
