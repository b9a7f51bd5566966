#include "build/runtime_layout.h"

#include "build/c_identifier.h"
#include "build/c_symbols.h"
#include "build/file_util.h"

#include <algorithm>
#include <filesystem>
#include <functional>
#include <map>
#include <set>
#include <sstream>

namespace stap
{

namespace fs = std::filesystem;

namespace
{

// FILE and the headers of DIR it includes with #include "NAME",
// transitively, each once.
void include_closure(const std::string& dir, const std::string& file,
		     std::map<std::string, std::string>& texts)
{
	if (texts.count(file))
		return;
	std::optional<std::string> text = read_file(dir + "/" + file);
	texts[file] = text ? *text : "";
	std::istringstream in(texts[file]);
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
		if (name.find('/') == std::string::npos && fs::exists(dir + "/" + name))
			include_closure(dir, name, texts);
	}
}

// What `roots` use: themselves, and what the functions and macros of
// `uses` among them use in turn, except through the names `opaque` says
// not to look into.
std::set<std::string> reachable(std::vector<std::string> roots,
				const std::map<std::string, std::set<std::string>>& uses,
				const std::function<bool(const std::string&)>& opaque)
{
	std::set<std::string> seen;
	while (!roots.empty()) {
		std::string id = std::move(roots.back());
		roots.pop_back();
		if (!seen.insert(id).second || opaque(id))
			continue;
		if (auto u = uses.find(id); u != uses.end())
			roots.insert(roots.end(), u->second.begin(), u->second.end());
	}
	return seen;
}

// Reads member M's files and the runtime headers they include: whether
// they test feature probes, what M defines (noted in `definer`, which
// must not know the symbol from another member) and the identifiers M
// uses: its files' identifiers and the initialisers of the headers they
// include, and what the functions and macros of those headers they name
// use in turn (a header's inline function that M does not call needs
// nothing), but not what they declare __weak.
bool scan_member(const std::string& dir, const std::string& members_file, RuntimeMember& m,
		 std::map<std::string, CSymbols>& scans,
		 std::map<std::string, std::string>& definer, std::set<std::string>& used,
		 std::string& error)
{
	std::map<std::string, std::string> texts;
	for (const std::string& f : m.files) {
		if (!fs::exists(dir + "/" + f + ".c")) {
			error = members_file + ": member '" + m.name + "' names " + f +
				".c, which is not in " + dir;
			return false;
		}
		include_closure(dir, f + ".c", texts);
	}
	std::set<std::string> weak;
	std::map<std::string, std::set<std::string>> uses;
	std::vector<std::string> todo;
	for (const auto& [file, body] : texts) {
		m.uses_feature_probes =
			m.uses_feature_probes || body.find("STAPCONF_") != std::string::npos;
		auto scanned = scans.find(file);
		if (scanned == scans.end())
			scanned = scans.emplace(file, scan_c_symbols(body)).first;
		const CSymbols& sym = scanned->second;
		weak.insert(sym.weak.begin(), sym.weak.end());
		for (const auto& [name, ids] : sym.uses)
			uses[name].insert(ids.begin(), ids.end());
		todo.insert(todo.end(), sym.initialisers.begin(), sym.initialisers.end());
		bool own = file.ends_with(".c") &&
			   std::find(m.files.begin(), m.files.end(),
				     file.substr(0, file.size() - 2)) != m.files.end();
		if (!own)
			continue;
		todo.insert(todo.end(), sym.identifiers.begin(), sym.identifiers.end());
		for (const std::string& d : sym.defined) {
			auto [it, fresh] = definer.emplace(d, m.name);
			if (!fresh && it->second != m.name) {
				error = members_file + ": members '" + it->second + "' and '" +
					m.name + "' both define " + d;
				return false;
			}
			m.defines.insert(d);
		}
	}
	used = reachable(std::move(todo), uses, [](const std::string&) { return false; });
	for (const std::string& w : weak)
		used.erase(w);
	return true;
}

// Each member's `needs`: the members defining what it uses, what those
// need, and so on.
void find_needs(std::vector<RuntimeMember>& members,
		const std::map<std::string, std::string>& definer,
		const std::vector<std::set<std::string>>& used)
{
	std::map<std::string, std::size_t> index;
	for (std::size_t i = 0; i < members.size(); ++i)
		index[members[i].name] = i;
	for (std::size_t i = 0; i < members.size(); ++i) {
		std::vector<bool> needed(members.size());
		std::vector<std::size_t> todo = {i};
		needed[i] = true;
		while (!todo.empty()) {
			std::size_t j = todo.back();
			todo.pop_back();
			for (const std::string& id : used[j]) {
				auto d = definer.find(id);
				if (d == definer.end() || needed[index[d->second]])
					continue;
				needed[index[d->second]] = true;
				todo.push_back(index[d->second]);
			}
		}
		members[i].needs = {members[i].name};
		for (std::size_t j = 0; j < members.size(); ++j)
			if (needed[j] && j != i)
				members[i].needs.push_back(members[j].name);
	}
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
		RuntimeMember m;
		m.name = head.substr(0, head.size() - 1);
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
	std::map<std::string, CSymbols> scans; // by file: headers are shared
	std::map<std::string, std::string> definer;
	std::vector<std::set<std::string>> used(layout.members.size());
	for (std::size_t i = 0; i < layout.members.size(); ++i)
		if (!scan_member(dir, members_file, layout.members[i], scans, definer, used[i],
				 error))
			return false;
	find_needs(layout.members, definer, used);
	for (const auto& [file, sym] : scans)
		for (const auto& [name, ids] : sym.uses)
			layout.uses[name].insert(ids.begin(), ids.end());
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

const RuntimeMember* RuntimeLayout::member(const std::string& name) const
{
	for (const RuntimeMember& m : members)
		if (m.name == name)
			return &m;
	return nullptr;
}

const RuntimeMember* RuntimeLayout::definer(const std::string& symbol) const
{
	for (const RuntimeMember& m : members)
		if (m.defines.count(symbol))
			return &m;
	return nullptr;
}

std::vector<const RuntimeMember*> RuntimeLayout::members_used_by(const std::string& c_source) const
{
	CSymbols sym = scan_c_symbols(c_source);
	// A member's function brings its member, and what that needs.
	std::set<std::string> used =
		reachable({sym.identifiers.begin(), sym.identifiers.end()}, uses,
			  [this](const std::string& id) { return definer(id) != nullptr; });
	return members_for({used.begin(), used.end()});
}

std::vector<const RuntimeMember*>
RuntimeLayout::members_for(const std::vector<std::string>& undefined) const
{
	std::set<std::string> wanted;
	for (const std::string& s : undefined)
		if (const RuntimeMember* d = definer(s))
			wanted.insert(d->needs.begin(), d->needs.end());
	std::vector<const RuntimeMember*> out;
	for (const RuntimeMember& m : members)
		if (wanted.count(m.name))
			out.push_back(&m);
	return out;
}

} // namespace stap
