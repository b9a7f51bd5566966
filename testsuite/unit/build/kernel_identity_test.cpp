#include "build/kernel_identity.h"

#include "temp_dir.h"

#include <gtest/gtest.h>

using namespace stap;

TEST(KernelIdentity, CoversTheBuildTreesConfiguration)
{
	TempDir t;
	t.write("include/config/auto.conf", "CONFIG_X=y\n");
	t.write("include/generated/autoconf.h", "#define CONFIG_X 1\n");
	t.write("include/generated/utsrelease.h", "#define UTS_RELEASE \"6.1.0-test\"\n");
	t.write("Module.symvers", "0x12345678\tprintk\tvmlinux\tEXPORT_SYMBOL\t\n");
	TargetKernel k;
	k.release = "6.1.0-test";
	k.arch = "x86_64";
	k.build_dir = t.path();
	KernelIdentity a = identify_kernel(k);
	EXPECT_EQ(a.release, "6.1.0-test");
	EXPECT_EQ(a.digest, identify_kernel(k).digest);
	EXPECT_EQ(a.cache_name(), "6.1.0-test-" + a.digest.substr(0, 12));

	for (const char* f : {"include/config/auto.conf", "include/generated/autoconf.h",
			      "include/generated/utsrelease.h", "Module.symvers"}) {
		t.write(f, "changed");
		KernelIdentity b = identify_kernel(k);
		EXPECT_NE(b.digest, a.digest) << f;
		a = b;
	}
	// Other files of the tree do not matter.
	t.write("Makefile", "include x\n");
	EXPECT_EQ(identify_kernel(k).digest, a.digest);
	k.release = "6.1.0-other";
	EXPECT_NE(identify_kernel(k).digest, a.digest);
}

TEST(KernelIdentity, WithoutABuildTree)
{
	TargetKernel k;
	k.release = "5.0/odd";
	k.arch = "x86_64";
	KernelIdentity id = identify_kernel(k);
	EXPECT_EQ(id.build_dir, "");
	EXPECT_EQ(id.cache_name().substr(0, 8), "5.0_odd-");
}
