// SPDX-License-Identifier: GPL-2.0-only
/*
 * User space only: which files are the kernel code under test, for the
 * kernel's data-race policy under TSan (kernel_shim/runtime/tsan/plain_writes.cc).
 * The build names them: the per-VMA lock's mmap_lock.c and mmap_lock.h,
 * the kernel tree's with -Dkernel_tree, as reports name them.
 */
#include <shim/tsan.h>

static void __attribute__((constructor)) register_kernel_code(void)
{
	shim_tsan_plain_writes_atomic_in(VMALOCK_MMAP_LOCK_C);
	shim_tsan_plain_writes_atomic_in(VMALOCK_MMAP_LOCK_H);
}
