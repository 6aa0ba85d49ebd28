// SPDX-License-Identifier: GPL-2.0-only
/*
 * lockdep on the per-VMA lock, as annotated in mm/mmap_lock.c: the
 * mmap_lock -> vm_lock order is fine, the reverse is a deadlock, and a
 * read-locked VMA left locked is reported when the test ends.
 */
#include <linux/mm.h>
#include <linux/mmap_lock.h>
#include <linux/sched/mm.h>

#include "../shim/shim_test.h"

#define LEN (4 * PAGE_SIZE)

FIXTURE(vmalock) {
	struct mm_struct *mm;
	unsigned long addr;
};

FIXTURE_SETUP(vmalock)
{
	if (!IS_ENABLED(CONFIG_LOCKDEP) || !IS_ENABLED(CONFIG_PER_VMA_LOCK))
		SKIP(return, "needs lockdep and the per-VMA lock");
	self->mm = mm_alloc();
	ASSERT_NE(NULL, self->mm);
	self->addr = vm_mmap(self->mm, 0, LEN, VM_READ | VM_WRITE);
}

FIXTURE_TEARDOWN(vmalock)
{
	if (self->mm)
		mmput(self->mm);
}

#ifdef CONFIG_PER_VMA_LOCK
TEST_F(vmalock, mmap_lock_then_vm_lock_is_fine)
{
	struct mm_struct *mm = self->mm;
	struct vm_area_struct *vma;

	/* Writers: mmap_lock, then excluding the VMA's readers. */
	mmap_write_lock(mm);
	vma_start_write(vma_lookup(mm, self->addr));
	mmap_write_unlock(mm);
	/* Readers under mmap_lock. */
	mmap_read_lock(mm);
	vma = vma_lookup(mm, self->addr);
	ASSERT_TRUE(vma_start_read_locked(vma));
	mmap_read_unlock(mm);
	vma_end_read(vma);
	/* Readers without it. */
	vma = lock_vma_under_rcu(mm, self->addr);
	ASSERT_NE(NULL, vma);
	vma_end_read(vma);
	EXPECT_EQ(1, debug_locks);
}

TEST_F(vmalock, vm_lock_then_mmap_write_lock_is_reported)
{
	struct mm_struct *mm = self->mm;
	struct vm_area_struct *vma;

	EXPECT_REPORT("WARNING: possible circular locking dependency detected");
	EXPECT_REPORT("(vm_lock)");
	EXPECT_REPORT("(&mm->mmap_lock)");
	/* The ordinary order, seen first: mmap_lock -> vm_lock. */
	mmap_write_lock(mm);
	vma_start_write(vma_lookup(mm, self->addr));
	mmap_write_unlock(mm);

	/* A fault handler holding the VMA lock takes mmap_lock for write. */
	vma = lock_vma_under_rcu(mm, self->addr);
	ASSERT_NE(NULL, vma);
	mmap_write_lock(mm);
	mmap_write_unlock(mm);
	vma_end_read(vma);
}

TEST_F(vmalock, read_locked_vma_left_locked_is_reported)
{
	EXPECT_REPORT("WARNING: lock held when returning to user space!");
	EXPECT_REPORT("(vm_lock)");
	ASSERT_NE(NULL, lock_vma_under_rcu(self->mm, self->addr));
	/*
	 * ... and never vma_end_read(). The mm is left to the end of the
	 * test process: tearing it down would wait for this very reader.
	 */
	self->mm = NULL;
}
#endif

TEST_HARNESS_MAIN
