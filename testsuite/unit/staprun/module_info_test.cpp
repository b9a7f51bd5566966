// Reading a module's .modinfo from its ELF image.
#include "module_info.h"

#include <elf.h>
#include <gtest/gtest.h>

#include <cstring>

namespace
{

// A minimal relocatable ELF with a .modinfo section (and a section name
// table), as modpost leaves in a .ko.
std::string fake_module(const std::string& modinfo)
{
	std::string shstrtab = std::string("\0.modinfo\0.shstrtab\0", 20);
	Elf64_Ehdr eh{};
	std::memcpy(eh.e_ident, ELFMAG, SELFMAG);
	eh.e_ident[EI_CLASS] = ELFCLASS64;
	eh.e_ident[EI_DATA] = ELFDATA2LSB;
	eh.e_ident[EI_VERSION] = EV_CURRENT;
	eh.e_type = ET_REL;
	eh.e_machine = EM_X86_64;
	eh.e_version = EV_CURRENT;
	eh.e_ehsize = sizeof(Elf64_Ehdr);
	eh.e_shentsize = sizeof(Elf64_Shdr);
	eh.e_shnum = 3;
	eh.e_shstrndx = 2;
	size_t modinfo_off = sizeof(eh);
	size_t shstr_off = modinfo_off + modinfo.size();
	eh.e_shoff = shstr_off + shstrtab.size();
	Elf64_Shdr sh[3]{};
	sh[1].sh_name = 1;
	sh[1].sh_type = SHT_PROGBITS;
	sh[1].sh_offset = modinfo_off;
	sh[1].sh_size = modinfo.size();
	sh[2].sh_name = 10;
	sh[2].sh_type = SHT_STRTAB;
	sh[2].sh_offset = shstr_off;
	sh[2].sh_size = shstrtab.size();
	std::string image(reinterpret_cast<const char*>(&eh), sizeof(eh));
	image += modinfo + shstrtab;
	image.append(reinterpret_cast<const char*>(sh), sizeof(sh));
	return image;
}

TEST(ModuleInfo, ReadsNameVermagicAndParameters)
{
	static const char text[] =
		"license=GPL\0parmtype=count:long\0parmtype=greeting:string\0"
		"parmtype=_stp_bufsize:uint\0name=example\0"
		"vermagic=6.1.0-56-cloud-amd64 SMP preempt mod_unload modversions ";
	std::string modinfo(text, sizeof(text));
	auto r = staprun::read_module_info(fake_module(modinfo));
	ASSERT_EQ(r.error, "");
	EXPECT_EQ(r.info.name, "example");
	EXPECT_EQ(r.info.release(), "6.1.0-56-cloud-amd64");
	EXPECT_EQ(r.info.vermagic, "6.1.0-56-cloud-amd64 SMP preempt mod_unload modversions ");
	ASSERT_EQ(r.info.params.size(), 3u);
	ASSERT_NE(r.info.param("greeting"), nullptr);
	EXPECT_EQ(r.info.param("greeting")->type, "string");
	EXPECT_EQ(r.info.param("nosuch"), nullptr);
}

TEST(ModuleInfo, RefusesWhatIsNotAModule)
{
	EXPECT_EQ(staprun::read_module_info("").error, "not an ELF file");
	EXPECT_EQ(staprun::read_module_info("#!/bin/sh\necho hi\n").error, "not an ELF file");
	std::string no_vermagic = fake_module(std::string("license=GPL\0", 12));
	EXPECT_NE(staprun::read_module_info(no_vermagic).error, "");
	// Section headers pointing outside the file.
	std::string truncated = fake_module(std::string("vermagic=x\0", 11));
	truncated.resize(truncated.size() - 10);
	EXPECT_EQ(staprun::read_module_info(truncated).error, "corrupt section headers");
}

} // namespace
