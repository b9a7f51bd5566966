#include "parse/tapset_library.h"

#include "parse/parser.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <system_error>

namespace stap
{

namespace fs = std::filesystem;

namespace
{

// Most specific first: the full release, then shorter version prefixes.
std::vector<std::string> version_subdirs(const TapsetSearch& s)
{
	std::vector<std::string> subdirs;
	if (!s.kernel_release.empty())
		subdirs.push_back(s.kernel_release);
	std::string v = s.kernel_version;
	while (!v.empty() && v.find('.') != std::string::npos) {
		if (std::find(subdirs.begin(), subdirs.end(), v) == subdirs.end())
			subdirs.push_back(v);
		v.resize(v.rfind('.'));
	}
	return subdirs;
}

bool is_tapset_name(const fs::path& p)
{
	return p.extension() == ".stp" || p.extension() == ".stpm";
}

std::string read_file(const std::string& path, bool& ok)
{
	std::ifstream in(path, std::ios::binary);
	ok = static_cast<bool>(in);
	std::ostringstream text;
	if (ok)
		text << in.rdbuf();
	return text.str();
}

} // namespace

std::vector<std::string> find_tapset_files(const TapsetSearch& search)
{
	std::vector<std::string> files;
	const std::vector<std::string> versions = version_subdirs(search);
	for (const std::string& base : search.dirs) {
		fs::path d = base;
		std::vector<fs::path> levels;
		if (!search.arch.empty())
			levels.push_back(d / search.runtime_dir / search.arch);
		levels.push_back(d / search.runtime_dir);
		if (!search.arch.empty())
			levels.push_back(d / search.arch);
		levels.push_back(d);

		std::set<std::string> seen; // file names already taken in this base
		for (const fs::path& level : levels) {
			std::vector<fs::path> dirs;
			dirs.reserve(versions.size() + 1);
			for (const std::string& v : versions)
				dirs.push_back(level / v);
			dirs.push_back(level);
			for (const fs::path& dir : dirs) {
				std::error_code ec;
				if (!fs::is_directory(dir, ec))
					continue;
				std::vector<fs::path> here;
				for (const auto& entry : fs::directory_iterator(dir, ec))
					if (is_tapset_name(entry.path()) &&
					    entry.is_regular_file(ec))
						here.push_back(entry.path());
				std::sort(here.begin(), here.end());
				for (const fs::path& p : here)
					if (seen.insert(p.filename().string()).second)
						files.push_back(p.string());
			}
		}
	}
	return files;
}

void TapsetLibrary::load(ParseContext& ctx, const TapsetSearch& search)
{
	std::vector<std::string> paths = find_tapset_files(search);
	std::vector<std::uint32_t> scripts;
	// Macro files first: their macros are visible in every script file.
	for (const std::string& path : paths) {
		bool ok = false;
		std::string text = read_file(path, ok);
		if (!ok) {
			ctx.diags.error(DiagKind::Error, {},
					"cannot read tapset file '" + path + "'");
			continue;
		}
		std::uint32_t id = ctx.sources.add_file(path, std::move(text));
		if (fs::path(path).extension() == ".stpm") {
			parse_macro_file(ctx, id, macros_);
			++macro_files_;
		} else {
			scripts.push_back(id);
		}
	}
	for (std::uint32_t id : scripts)
		files_.push_back(parse_file(ctx, id, FileKind::Tapset, &macros_));
}

} // namespace stap
