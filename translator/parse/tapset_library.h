// The tapset library: every .stp and .stpm file on the tapset search path,
// parsed once.  Pass 1 loads it (the .stpm macros are visible to every
// script); pass 2 pulls the files that define what a program uses into it.
//
// Search path (stap(1) PROCESSING): the tapset directory, then each -I
// directory.  Within each base directory D, more specific subdirectories come
// first, and a file hides files of the same name in less specific ones:
//
//   D/linux/ARCH, D/linux, D/ARCH, D       (runtime "kernel" is D/linux)
//
// each of them preceded by its kernel-version subdirectories, e.g. for
// release 6.1.0-56-cloud-amd64: .../6.1.0-56-cloud-amd64, .../6.1.0, .../6.1.
#pragma once

#include "parse/ast.h"
#include "parse/macro.h"
#include "parse/parse_context.h"

#include <memory>
#include <string>
#include <vector>

namespace stap
{

struct TapsetSearch {
	std::vector<std::string> dirs; // base directories, in order
	std::string kernel_release;
	std::string kernel_version;
	std::string arch;
	std::string runtime_dir = "linux"; // subdirectory of the runtime in use
};

// Every .stp and .stpm file on the search path, in load order.
std::vector<std::string> find_tapset_files(const TapsetSearch& search);

class TapsetLibrary
{
public:
	// Reads the macro files, then parses the script files, reporting
	// problems to ctx.  Files that cannot be read are reported as errors.
	void load(ParseContext& ctx, const TapsetSearch& search);

	[[nodiscard]] const MacroTable& macros() const { return macros_; }
	// Parsed tapset files.  Pass 2 may move files out into the program
	// (leaving null entries behind).
	std::vector<std::unique_ptr<ast::File>>& files() { return files_; }
	[[nodiscard]] std::size_t macro_file_count() const { return macro_files_; }

private:
	MacroTable macros_;
	std::vector<std::unique_ptr<ast::File>> files_;
	std::size_t macro_files_ = 0;
};

} // namespace stap
