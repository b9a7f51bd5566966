#include "driver/staprun_command.h"

#include "build/c_identifier.h"

namespace stap
{

StaprunCommand staprun_command(const Options& o, const std::string& staprun,
			       const std::string& module_path, bool output_file)
{
	StaprunCommand c;
	c.argv.push_back(staprun);
	for (int v = 1; v < o.verbosity(5); ++v)
		c.argv.push_back("-v");
	if (o.suppress_warnings)
		c.argv.push_back("-w");
	if (output_file && !o.output_file.empty()) {
		c.argv.push_back("-o");
		c.argv.push_back(o.output_file);
	}
	if (o.buffer_size_mb > 0) {
		c.argv.push_back("-b");
		c.argv.push_back(std::to_string(o.buffer_size_mb));
	}
	if (!o.target_command.empty()) {
		c.argv.push_back("-c");
		c.argv.push_back(o.target_command);
	}
	if (o.target_pid > 0) {
		c.argv.push_back("-x");
		c.argv.push_back(std::to_string(o.target_pid));
	}
	c.argv.push_back(module_path);
	for (const std::string& g : o.global_settings) {
		std::size_t eq = g.find('=');
		if (eq == std::string::npos || !is_c_identifier(g.substr(0, eq))) {
			c.error = "invalid -G '" + g + "': expected NAME=VALUE for a global";
			return c;
		}
		c.argv.push_back(g);
	}
	return c;
}

} // namespace stap
