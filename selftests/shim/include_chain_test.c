// SPDX-License-Identifier: GPL-2.0-only
/*
 * Kernel code leans on the kernel's include chains: this file includes
 * what a kernel .c file typically does, and nothing for the macros it
 * uses below, which the kernel's headers bring in transitively
 * (<linux/cache.h>'s ____cacheline_aligned_in_smp, as upstream
 * mm_types.h writes vm_refcnt; <linux/bug.h>'s WARN_ON; <linux/err.h>;
 * <linux/errno.h>). It fails to compile if a shim header stops doing so;
 * kernel_shim/check_includes.py checks every header against the kernel's
 * own include graph.
 */
#include <linux/printk.h>
#include <linux/rwsem.h>
#include <linux/refcount.h>

#include "shim_test.h"

struct counted_sem {
	struct rw_semaphore sem;
	refcount_t ref ____cacheline_aligned_in_smp;
};

TEST(kernel_include_chains_bring_in_the_basics)
{
	static struct counted_sem c;

	refcount_set(&c.ref, 1);
	ASSERT_EQ(0, (unsigned long)&c.ref % SMP_CACHE_BYTES);
	ASSERT_FALSE(WARN_ON(IS_ERR(ERR_PTR(-ENOMEM)) != true));
}

TEST_HARNESS_MAIN
