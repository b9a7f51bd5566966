#include "driver/target_kernel.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sys/utsname.h>
#include <unistd.h>

using namespace stap;
namespace fs = std::filesystem;

namespace
{

// A fake kernel build tree, removed at the end of the test.
class FakeBuildTree
{
public:
	FakeBuildTree()
	{
		std::string templ = (fs::temp_directory_path() / "kbuild_test.XXXXXX").string();
		root_ = mkdtemp(templ.data());
	}
	~FakeBuildTree()
	{
		std::error_code ec;
		fs::remove_all(root_, ec);
	}
	FakeBuildTree(const FakeBuildTree&) = delete;
	FakeBuildTree& operator=(const FakeBuildTree&) = delete;

	void write(const std::string& rel, const std::string& text)
	{
		fs::create_directories((root_ / rel).parent_path());
		std::ofstream(root_ / rel) << text;
	}
	[[nodiscard]] std::string path() const { return root_.string(); }

private:
	fs::path root_;
};

} // namespace

TEST(TargetKernel, VersionOfRelease)
{
	EXPECT_EQ(kernel_version_of("6.1.0-56-cloud-amd64"), "6.1.0");
	EXPECT_EQ(kernel_version_of("6.12.117+deb12-cloud-amd64"), "6.12.117");
	EXPECT_EQ(kernel_version_of("2.6.13-1.322FC3smp"), "2.6.13");
	EXPECT_EQ(kernel_version_of("5.10.0"), "5.10.0");
	EXPECT_EQ(kernel_version_of(""), "");
}

TEST(TargetKernel, ArchNames)
{
	EXPECT_EQ(kernel_arch_of("x86_64"), "x86_64");
	EXPECT_EQ(kernel_arch_of("i686"), "i386");
	EXPECT_EQ(kernel_arch_of("aarch64"), "arm64");
	EXPECT_EQ(kernel_arch_of("armv7l"), "arm");
	EXPECT_EQ(kernel_arch_of("ppc64le"), "powerpc");
	EXPECT_EQ(kernel_arch_of("s390x"), "s390");
	EXPECT_EQ(kernel_arch_of("riscv64"), "riscv");
}

TEST(TargetKernel, ConfigParsing)
{
	auto config = parse_kernel_config("#\n# Automatically generated\n"
					  "CONFIG_KPROBES=y\n"
					  "CONFIG_EXT4_FS=m\n"
					  "# CONFIG_FOO is not set\n"
					  "CONFIG_HZ=250\n"
					  "CONFIG_LOCALVERSION=\"-cloud\"\n"
					  "CONFIG_EMPTY=\"\"\n");
	EXPECT_EQ(config.size(), 5u);
	EXPECT_EQ(config["CONFIG_KPROBES"], "y");
	EXPECT_EQ(config["CONFIG_EXT4_FS"], "m");
	EXPECT_EQ(config["CONFIG_HZ"], "250");
	EXPECT_EQ(config["CONFIG_LOCALVERSION"], "-cloud");
	EXPECT_EQ(config["CONFIG_EMPTY"], "");
	EXPECT_EQ(config.count("CONFIG_FOO"), 0u);
}

TEST(TargetKernel, BuildDirectory)
{
	FakeBuildTree tree;
	tree.write("include/generated/utsrelease.h", "#define UTS_RELEASE \"6.1.0-99-test\"\n");
	tree.write("include/config/kernel.release", "6.1.192\n"); // Debian's upstream version
	tree.write(".config", "CONFIG_KPROBES=y\n");
	TargetKernelResult r = discover_target_kernel(tree.path());
	ASSERT_EQ(r.error, "");
	EXPECT_EQ(r.kernel.release, "6.1.0-99-test");
	EXPECT_EQ(r.kernel.version, "6.1.0");
	EXPECT_EQ(r.kernel.build_dir, tree.path());
	EXPECT_EQ(r.kernel.config_file, tree.path() + "/.config");
	EXPECT_EQ(r.kernel.config_value("CONFIG_KPROBES"), "y");
	EXPECT_EQ(r.kernel.config_value("CONFIG_NOPE"), "");
}

TEST(TargetKernel, BuildDirectoryWithoutUtsRelease)
{
	FakeBuildTree tree;
	tree.write("include/config/kernel.release", "5.10.0-test\n");
	TargetKernelResult r = discover_target_kernel(tree.path() + "/");
	ASSERT_EQ(r.error, "");
	EXPECT_EQ(r.kernel.release, "5.10.0-test");
	EXPECT_EQ(r.kernel.config_file, "");
}

TEST(TargetKernel, BadBuildDirectories)
{
	EXPECT_EQ(discover_target_kernel("/no/such/dir").error,
		  "kernel build tree '/no/such/dir' does not exist");
	FakeBuildTree empty;
	EXPECT_NE(discover_target_kernel(empty.path()).error.find("cannot tell the kernel release"),
		  std::string::npos);
}

TEST(TargetKernel, ReleaseNameAndRunningKernel)
{
	TargetKernelResult named = discover_target_kernel("3.10.0-no-such-release");
	EXPECT_EQ(named.error, "");
	EXPECT_EQ(named.kernel.release, "3.10.0-no-such-release");
	EXPECT_EQ(named.kernel.version, "3.10.0");
	EXPECT_EQ(named.kernel.build_dir, "");

	struct utsname uts {
	};
	ASSERT_EQ(uname(&uts), 0);
	TargetKernelResult running = discover_target_kernel("");
	EXPECT_EQ(running.kernel.release, uts.release);
	EXPECT_EQ(running.kernel.arch, kernel_arch_of(uts.machine));
}
