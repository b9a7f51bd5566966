#include "build/translator_identity.h"

#include <cstring>
#include <elf.h>
#include <link.h>

namespace stap
{

namespace
{

// Finds the NT_GNU_BUILD_ID note among the main program's loaded segments
// (no file is read: the notes are mapped with the program).
int find_build_id(dl_phdr_info* info, size_t, void* data)
{
	auto* out = static_cast<std::string*>(data);
	for (int i = 0; i < info->dlpi_phnum; ++i) {
		const ElfW(Phdr)& ph = info->dlpi_phdr[i];
		if (ph.p_type != PT_NOTE)
			continue;
		// The loader gives addresses as integers: no way around the cast.
		// NOLINTNEXTLINE(performance-no-int-to-ptr)
		const char* p = reinterpret_cast<const char*>(info->dlpi_addr + ph.p_vaddr);
		const char* end = p + ph.p_memsz;
		while (p + sizeof(ElfW(Nhdr)) <= end) {
			ElfW(Nhdr) note;
			std::memcpy(&note, p, sizeof(note));
			const char* name = p + sizeof(note);
			const char* desc = name + ((note.n_namesz + 3) & ~3U);
			if (note.n_type == NT_GNU_BUILD_ID && note.n_namesz == 4 &&
			    std::memcmp(name, "GNU", 4) == 0 && desc + note.n_descsz <= end) {
				static const char digits[] = "0123456789abcdef";
				for (unsigned j = 0; j < note.n_descsz; ++j) {
					auto b = static_cast<unsigned char>(desc[j]);
					*out += digits[b >> 4];
					*out += digits[b & 15];
				}
				return 1;
			}
			p = desc + ((note.n_descsz + 3) & ~3U);
		}
	}
	return 1; // the first object is the main program: stop there
}

} // namespace

std::string translator_identity()
{
	static const std::string id = [] {
		std::string build_id;
		dl_iterate_phdr(find_build_id, &build_id);
		return std::string(STAP_VERSION) + "/" + (build_id.empty() ? "unknown" : build_id);
	}();
	return id;
}

} // namespace stap
