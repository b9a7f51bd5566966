// The runtime's name for a statistic (enum stp_stat_field in runtime/map.h).
#pragma once

#include "parse/ast.h"

namespace stap::codegen
{

// STP_STAT_COUNT for @count, ... STP_STAT_VARIANCE for @variance: the field
// argument of stp_stat_extract() and of a foreach sorted by an aggregate.
inline const char* stat_field(ast::StatFunc f)
{
	switch (f) {
	case ast::StatFunc::Count:
		return "STP_STAT_COUNT";
	case ast::StatFunc::Sum:
		return "STP_STAT_SUM";
	case ast::StatFunc::Min:
		return "STP_STAT_MIN";
	case ast::StatFunc::Max:
		return "STP_STAT_MAX";
	case ast::StatFunc::Avg:
		return "STP_STAT_AVG";
	case ast::StatFunc::Variance:
		return "STP_STAT_VARIANCE";
	}
	return "STP_STAT_COUNT";
}

} // namespace stap::codegen
