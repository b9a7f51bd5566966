// User-space stand-in for the module's fault-tolerant memory reader used by
// %m and %M: reads the test's own memory, failing in a chosen range.
#include "runtime_c.h"

#include <cstring>

namespace
{
uintptr_t fault_begin = 0;
uintptr_t fault_end = 0;
} // namespace

void stp_test::set_fault_range(uintptr_t begin, uintptr_t end)
{
	fault_begin = begin;
	fault_end = end;
}

extern "C" int stp_format_read_memory(void* dst, unsigned long addr, size_t len)
{
	if (addr < fault_end && addr + len > fault_begin)
		return -EFAULT;
	std::memcpy(dst, reinterpret_cast<const void*>(addr), len);
	return 0;
}
