#include "driver/clean_cache.h"

#include "build/cache_paths.h"
#include "build/file_util.h"
#include "build/kernel_cache.h"
#include "build/module_cache.h"

#include <filesystem>
#include <ostream>

namespace stap
{

namespace fs = std::filesystem;

int clean_caches(int verbose, std::ostream& err)
{
	CachePaths paths = locate_cache_paths();
	ModuleCache modules(paths.root);
	ModuleCache::PruneStats st = modules.prune(modules.limit_bytes());
	if (verbose > 0)
		err << "Module cache " << modules.dir() << ": " << st.entries << " modules ("
		    << st.bytes / 1024 << " KiB), removed " << st.removed << " (now "
		    << st.kept / 1024 << " KiB)\n";
	std::error_code ec;
	for (const auto& e : fs::directory_iterator(paths.kernels(), ec)) {
		std::string tree =
			read_file(e.path().string() + "/" + KernelCache::kTreeFile).value_or("");
		while (!tree.empty() && tree.back() == '\n')
			tree.pop_back();
		if (!tree.empty() && fs::is_directory(tree, ec))
			continue;
		remove_tree(e.path().string());
		if (verbose > 0)
			err << "Removed the per-kernel cache " << e.path().string()
			    << (tree.empty() ? "" : " (" + tree + " is gone)") << "\n";
	}
	return 0;
}

} // namespace stap
