#include "build/module_strip.h"

#include "build/file_util.h"
#include "build/subprocess.h"

#include <cstdio>
#include <fcntl.h>
#include <filesystem>
#include <gelf.h>
#include <libelf.h>
#include <set>
#include <string_view>
#include <unistd.h>
#include <vector>

namespace stap
{

namespace
{

// The names of the module's functions, to keep (for backtraces), but not
// the __pfx_ symbols that kernels with function padding (6.2+) put before
// each function: they name only the padding, which nothing calls.
bool function_names(const std::string& ko, std::set<std::string>& names, std::string& error)
{
	int fd = ::open(ko.c_str(), O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		error = "cannot open " + ko;
		return false;
	}
	elf_version(EV_CURRENT);
	Elf* elf = elf_begin(fd, ELF_C_READ, nullptr);
	bool ok = false;
	for (Elf_Scn* scn = elf ? elf_nextscn(elf, nullptr) : nullptr; scn;
	     scn = elf_nextscn(elf, scn)) {
		GElf_Shdr sh;
		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_SYMTAB)
			continue;
		Elf_Data* data = elf_getdata(scn, nullptr);
		std::size_t n = sh.sh_entsize ? sh.sh_size / sh.sh_entsize : 0;
		for (std::size_t i = 0; data && i < n; ++i) {
			GElf_Sym sym;
			if (!gelf_getsym(data, static_cast<int>(i), &sym) ||
			    GELF_ST_TYPE(sym.st_info) != STT_FUNC)
				continue;
			if (const char* name = elf_strptr(elf, sh.sh_link, sym.st_name);
			    name && *name && std::string_view(name).substr(0, 6) != "__pfx_")
				names.insert(name);
		}
		ok = true;
	}
	if (!ok)
		error = ko + " has no symbol table";
	if (elf)
		elf_end(elf);
	::close(fd);
	return ok;
}

} // namespace

bool strip_module(const std::string& ko, const std::string& objcopy, bool patchable_entries,
		  std::string& error)
{
	std::set<std::string> names;
	if (!function_names(ko, names, error))
		return false;
	std::string keep = ko + ".keep";
	std::string list;
	for (const std::string& n : names)
		list += n + "\n";
	std::string stripped = ko + ".stripped";
	if (!write_file_atomic(keep, list)) {
		error = "cannot write " + keep;
		return false;
	}
	ProcessOptions o;
	o.output_file = ko + ".strip.log";
	// --strip-unneeded keeps global symbols: the __pfx_ ones of global
	// functions go by name (no name kept has a wildcard character).
	std::vector<std::string> argv = {objcopy,
					 "--wildcard",
					 "--strip-unneeded",
					 "--keep-symbols=" + keep,
					 "--strip-symbol=__pfx_*",
					 "--remove-section=.comment"};
	if (patchable_entries)
		argv.push_back("--remove-section=__patchable_function_entries");
	argv.push_back(ko);
	argv.push_back(stripped);
	int rc = run_process(argv, o, error);
	std::remove(keep.c_str());
	if (rc != 0) {
		if (rc > 0)
			error = objcopy + " failed: " + read_file(o.output_file).value_or("");
		std::remove(stripped.c_str());
		return false;
	}
	std::remove(o.output_file.c_str());
	if (std::rename(stripped.c_str(), ko.c_str()) != 0) {
		error = "cannot replace " + ko;
		std::remove(stripped.c_str());
		return false;
	}
	return true;
}

} // namespace stap
