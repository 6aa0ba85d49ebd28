// SPDX-License-Identifier: GPL-2.0-only
/* WARN/BUG: the kernel's report format, and WARN_ON_ONCE fires once. */
#include <linux/bug.h>
#include <linux/mmdebug.h>

#include "shim_test.h"

TEST(warn_on_reports_in_kernel_format)
{
	char where[128];
	int line;

	EXPECT_REPORT("------------[ cut here ]------------");
	EXPECT_REPORT("WARNING: CPU: ");
	EXPECT_REPORT(" warn_on_reports_in_kernel_format\n");
	EXPECT_REPORT("Call Trace:");
	EXPECT_REPORT("---[ end trace ");
	line = __LINE__ + 1;
	ASSERT_TRUE(WARN_ON(1 + 1 == 2));
	snprintf(where, sizeof(where),
		 " at selftests/shim/warn_test.c:%d warn_on_reports_in_kernel_format\n",
		 line);
	EXPECT_EQ(1, count_in_own_output(where));
}

TEST(warn_on_false_is_silent)
{
	ASSERT_FALSE(WARN_ON(0));
	ASSERT_FALSE(WARN_ON_ONCE(0));
	ASSERT_FALSE(WARN(0, "never"));
	EXPECT_EQ(0, count_in_own_output("WARNING"));
}

TEST(warn_on_once_fires_once)
{
	int i, fired = 0;

	EXPECT_REPORT("WARNING: CPU: ");
	for (i = 0; i < 5; i++)
		fired += !!WARN_ON_ONCE(i >= 0);
	/* It returns the condition every time but reports only once. */
	EXPECT_EQ(5, fired);
	EXPECT_EQ(1, count_in_own_output("WARNING: CPU: "));
}

TEST(warn_prints_message)
{
	EXPECT_REPORT("vma 0x1000 is not locked");
	WARN(1, "vma %#x is not locked\n", 0x1000);
}

TEST_SIGNAL(bug_on_kills_the_task, SIGABRT)
{
	EXPECT_REPORT("kernel BUG at selftests/shim/warn_test.c:");
	BUG_ON(1);
}

TEST(vm_warn_on)
{
	if (!IS_ENABLED(CONFIG_DEBUG_VM))
		SKIP(return, "CONFIG_DEBUG_VM is off");
	EXPECT_REPORT("WARNING: CPU: ");
	VM_WARN_ON(1);
}

TEST_HARNESS_MAIN
