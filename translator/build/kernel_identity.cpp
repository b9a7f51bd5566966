#include "build/kernel_identity.h"

#include "build/file_util.h"
#include "build/sha256.h"

#include <climits>
#include <cstdlib>

namespace stap
{

std::string KernelIdentity::cache_name() const
{
	std::string name = release;
	for (char& c : name)
		if (c == '/')
			c = '_';
	return name + "-" + digest.substr(0, 12);
}

KernelIdentity identify_kernel(const TargetKernel& kernel)
{
	KernelIdentity id;
	id.release = kernel.release;
	if (!kernel.build_dir.empty()) {
		char resolved[PATH_MAX];
		id.build_dir = ::realpath(kernel.build_dir.c_str(), resolved) ? resolved
									      : kernel.build_dir;
	}
	Sha256 h;
	h.field("kernel identity v1");
	h.field(kernel.release);
	h.field(kernel.arch);
	h.field(id.build_dir);
	if (!id.build_dir.empty()) {
		for (const char* f : {"include/config/auto.conf", "include/generated/autoconf.h",
				      "include/generated/utsrelease.h", "Module.symvers"})
			hash_file(h, id.build_dir + "/" + f);
	}
	id.digest = h.hex();
	return id;
}

} // namespace stap
