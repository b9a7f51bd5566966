// The runtime's user-space-testable C headers, for the C++ tests.
#pragma once

#include <cstdint>
#include <string>

extern "C" {
#include "format.h"
#include "map.h"
#include "stat.h"
#include "str.h"
}

namespace stp_test
{

// The runtime's formatting takes every integer argument as int64_t.
inline int64_t L(long long v)
{
	return v;
}

// Addresses in [begin, end) make stp_format_read_memory() fail.
void set_fault_range(uintptr_t begin, uintptr_t end);

} // namespace stp_test
