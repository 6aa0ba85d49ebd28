// SPDX-License-Identifier: GPL-2.0-only
/*
 * Most kselftest programs include "kselftest_harness.h" before anything
 * else; kernel code brought in after it must still build (warnings are
 * errors), and <linux/slab.h> alone must bring VM_WARN_ON_ONCE(), as the
 * kernel's does through gfp.h, mmzone.h, page-flags.h and mmdebug.h.
 * include_chain_test.c is the other order.
 */
#include "kselftest_harness.h"

#include <linux/slab.h>

static __printf(1, 2) int format_into_nothing(const char *fmt, ...)
{
	return fmt != NULL;
}

TEST(harness_first_then_kernel_headers)
{
	int allocated = 1;

	VM_WARN_ON_ONCE(!allocated);
	ASSERT_TRUE(format_into_nothing("%d", allocated));
}

TEST_HARNESS_MAIN
