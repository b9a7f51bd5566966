// Which translator this is: its version and the GNU build ID of the running
// executable, so that a rebuilt stap (a changed code generator with the
// same version number) does not reuse modules an older one made.
#pragma once

#include <string>

namespace stap
{

// "VERSION/BUILD-ID-HEX" (the build ID part is "unknown" if the executable
// has none).
std::string translator_identity();

} // namespace stap
