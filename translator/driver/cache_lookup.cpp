#include "driver/cache_lookup.h"

#include "build/cache_key.h"
#include "build/file_util.h"
#include "build/module_cache.h"
#include "build/translator_identity.h"

#include <random>

namespace stap
{

std::string current_module_key(Session& s)
{
	std::optional<ScriptInputs> scripts = gather_script_inputs(s.options);
	if (!scripts)
		return {};
	return module_cache_key(s.options, *scripts, s.kernel_identity(), s.paths, s.tapset_dirs(),
				translator_identity());
}

bool identify_module(Session& s)
{
	const Options& o = s.options;
	s.module_key = current_module_key(s);
	if (!o.module_name.empty()) {
		s.module.name = o.module_name;
	} else if (!s.module_key.empty()) {
		s.module.name = default_module_name(s.module_key);
	} else {
		// The script cannot be read: pass 1 will say so.
		s.module.name = "stap_" + std::to_string(std::random_device{}());
	}
	if (s.module_key.empty() || o.disable_cache || o.poison_cache || o.last_pass < 3)
		return false;
	std::optional<ModuleCache::Entry> e = ModuleCache(s.cache.root).lookup(s.module_key);
	if (!e)
		return false;
	std::optional<std::string> c = read_file(e->c_path);
	if (!c)
		return false;
	s.module.name = e->name;
	s.module.c_source = std::move(*c);
	s.module.ko_path = e->ko_path;
	s.module.from_cache = true;
	return true;
}

} // namespace stap
