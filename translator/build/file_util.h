// Small file-system helpers of the module build and the caches.
#pragma once

#include "build/sha256.h"

#include <optional>
#include <string>

namespace stap
{

// The whole file, or nothing if it cannot be read.
std::optional<std::string> read_file(const std::string& path);

// Writes `data` to a temporary file next to `path` and renames it into
// place, so that readers see the old or the new file, never a part.
bool write_file_atomic(const std::string& path, const std::string& data);

// Adds a file's name and contents to `h` ("missing" if unreadable).
void hash_file(Sha256& h, const std::string& path);

// Adds every regular file under `dir` (recursively, in name order, hidden
// files and symbolic links to directories skipped) with its path relative
// to `dir` and its contents.  A missing directory hashes as such.
void hash_tree(Sha256& h, const std::string& dir);

// Removes a directory tree, ignoring errors.
void remove_tree(const std::string& dir);

// mkdtemp under $TMPDIR (or /tmp): "/tmp/stapXXXXXX"; empty on failure.
std::string make_temp_dir(const std::string& prefix);

} // namespace stap
