#include "build/file_util.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace stap
{

namespace fs = std::filesystem;

std::optional<std::string> read_file(const std::string& path)
{
	int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return std::nullopt;
	std::string data;
	struct stat st {
	};
	if (::fstat(fd, &st) == 0 && st.st_size > 0)
		data.reserve(static_cast<std::size_t>(st.st_size));
	char buf[65536];
	for (;;) {
		ssize_t n = ::read(fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			::close(fd);
			return std::nullopt;
		}
		if (n == 0)
			break;
		data.append(buf, static_cast<std::size_t>(n));
	}
	::close(fd);
	return data;
}

bool write_file_atomic(const std::string& path, const std::string& data)
{
	std::string tmp = path + ".tmp." + std::to_string(::getpid());
	int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return false;
	std::size_t done = 0;
	while (done < data.size()) {
		ssize_t n = ::write(fd, data.data() + done, data.size() - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			::close(fd);
			::unlink(tmp.c_str());
			return false;
		}
		done += static_cast<std::size_t>(n);
	}
	if (::close(fd) != 0 || ::rename(tmp.c_str(), path.c_str()) != 0) {
		::unlink(tmp.c_str());
		return false;
	}
	return true;
}

void hash_file(Sha256& h, const std::string& path)
{
	h.field(path);
	std::optional<std::string> data = read_file(path);
	h.field(data ? "present" : "missing");
	if (data)
		h.field(*data);
}

void hash_tree(Sha256& h, const std::string& dir)
{
	h.field(dir);
	std::error_code ec;
	if (!fs::is_directory(dir, ec)) {
		h.field("no directory");
		return;
	}
	std::vector<std::string> files;
	auto it = fs::recursive_directory_iterator(dir, ec);
	for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
		std::string name = it->path().filename().string();
		if (!name.empty() && name[0] == '.') {
			if (it->is_directory(ec))
				it.disable_recursion_pending();
			continue;
		}
		if (it->is_regular_file(ec))
			files.push_back(it->path().lexically_relative(dir).string());
	}
	std::sort(files.begin(), files.end());
	for (const std::string& f : files) {
		h.field(f);
		std::optional<std::string> data = read_file(dir + "/" + f);
		h.field(data ? *data : std::string("\0unreadable", 11));
	}
}

void remove_tree(const std::string& dir)
{
	std::error_code ec;
	fs::remove_all(dir, ec);
}

std::string make_temp_dir(const std::string& prefix)
{
	const char* tmp = std::getenv("TMPDIR");
	std::string templ = std::string(tmp && *tmp ? tmp : "/tmp") + "/" + prefix + "XXXXXX";
	if (::mkdtemp(templ.data()) == nullptr)
		return {};
	return templ;
}

} // namespace stap
