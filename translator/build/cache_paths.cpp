#include "build/cache_paths.h"

#include <cstdlib>
#include <pwd.h>
#include <unistd.h>

namespace stap
{

namespace
{

std::string env(const char* name)
{
	const char* v = std::getenv(name);
	return v ? std::string(v) : std::string();
}

std::string home_dir()
{
	std::string home = env("HOME");
	if (!home.empty())
		return home;
	if (const passwd* pw = getpwuid(getuid()); pw && pw->pw_dir)
		return pw->pw_dir;
	return "/tmp";
}

} // namespace

CachePaths locate_cache_paths()
{
	if (std::string dir = env("SYSTEMTAP_DIR"); !dir.empty())
		return {dir + "/cache"};
	if (std::string xdg = env("XDG_CACHE_HOME"); !xdg.empty() && xdg[0] == '/')
		return {xdg + "/stapforge"};
	return {home_dir() + "/.cache/stapforge"};
}

} // namespace stap
