#include "module_info.h"

#include <elf.h>

#include <cstring>

namespace staprun
{

namespace
{

template <typename T>
bool read_at(std::string_view image, uint64_t offset, T& out)
{
	if (offset > image.size() || image.size() - offset < sizeof(T))
		return false;
	std::memcpy(&out, image.data() + offset, sizeof(T));
	return true;
}

// The bytes of section number index, or false if the headers lie.
bool section(std::string_view image, const Elf64_Ehdr& eh, unsigned index, Elf64_Shdr& sh,
	     std::string_view& contents)
{
	if (index >= eh.e_shnum ||
	    !read_at(image, eh.e_shoff + uint64_t{index} * eh.e_shentsize, sh))
		return false;
	if (sh.sh_type == SHT_NOBITS) {
		contents = {};
		return true;
	}
	if (sh.sh_offset > image.size() || image.size() - sh.sh_offset < sh.sh_size)
		return false;
	contents = image.substr(sh.sh_offset, sh.sh_size);
	return true;
}

void parse_modinfo(std::string_view text, ModuleInfo& info)
{
	while (!text.empty()) {
		size_t end = text.find('\0');
		std::string_view entry = text.substr(0, end);
		text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
		size_t eq = entry.find('=');
		if (eq == std::string_view::npos)
			continue;
		std::string_view key = entry.substr(0, eq), value = entry.substr(eq + 1);
		if (key == "name")
			info.name = value;
		else if (key == "vermagic")
			info.vermagic = value;
		else if (key == "parmtype") {
			size_t colon = value.find(':');
			if (colon != std::string_view::npos)
				info.params.push_back({std::string(value.substr(0, colon)),
						       std::string(value.substr(colon + 1))});
		}
	}
}

} // namespace

std::string ModuleInfo::release() const
{
	return vermagic.substr(0, vermagic.find(' '));
}

const ModuleParam* ModuleInfo::param(std::string_view wanted) const
{
	for (const ModuleParam& p : params)
		if (p.name == wanted)
			return &p;
	return nullptr;
}

ModuleInfoResult read_module_info(std::string_view image)
{
	ModuleInfoResult r;
	Elf64_Ehdr eh;
	if (!read_at(image, 0, eh) || std::memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0) {
		r.error = "not an ELF file";
		return r;
	}
	if (eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_type != ET_REL ||
	    eh.e_shentsize != sizeof(Elf64_Shdr)) {
		r.error = "not a 64-bit kernel module";
		return r;
	}
	Elf64_Shdr strtab_sh;
	std::string_view strtab;
	if (!section(image, eh, eh.e_shstrndx, strtab_sh, strtab)) {
		r.error = "corrupt section headers";
		return r;
	}
	for (unsigned i = 0; i < eh.e_shnum; i++) {
		Elf64_Shdr sh;
		std::string_view contents;
		if (!section(image, eh, i, sh, contents)) {
			r.error = "corrupt section headers";
			return r;
		}
		if (sh.sh_name >= strtab.size())
			continue;
		std::string_view name = strtab.substr(sh.sh_name);
		name = name.substr(0, name.find('\0'));
		if (name == ".modinfo")
			parse_modinfo(contents, r.info);
	}
	if (r.info.vermagic.empty())
		r.error = "no .modinfo vermagic: not a kernel module";
	return r;
}

} // namespace staprun
