// A temporary directory for a test, removed with everything in it.
#pragma once

#include "build/file_util.h"

#include <filesystem>
#include <string>

class TempDir
{
public:
	TempDir() : path_(stap::make_temp_dir("build_test.")) {}
	~TempDir() { stap::remove_tree(path_); }
	TempDir(const TempDir&) = delete;
	TempDir& operator=(const TempDir&) = delete;

	[[nodiscard]] const std::string& path() const { return path_; }
	[[nodiscard]] std::string operator/(const std::string& rel) const
	{
		return path_ + "/" + rel;
	}

	// Writes `text` to `rel` (creating directories).
	void write(const std::string& rel, const std::string& text) const
	{
		std::filesystem::path p = path_ + "/" + rel;
		std::filesystem::create_directories(p.parent_path());
		stap::write_file_atomic(p.string(), text);
	}

private:
	std::string path_;
};
