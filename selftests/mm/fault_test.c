// SPDX-License-Identifier: GPL-2.0-only
/*
 * The fault path: per-VMA lock first, mmap_lock when that fails, and the
 * VMA_LOCK_* counters that say which happened. With
 * -Dper_vma_lock=false every fault takes mmap_lock.
 */
#include "mm_test.h"

#define P PAGE_SIZE
#define USER FAULT_FLAG_USER

FIXTURE(fault) {
	struct mm_struct *mm;
	unsigned long addr;
};

FIXTURE_SETUP(fault)
{
	self->mm = mm_alloc();
	ASSERT_NE(NULL, self->mm);
	self->addr = vm_mmap(self->mm, 0, 8 * P, VM_READ | VM_WRITE);
	reset_vm_events();
}

FIXTURE_TEARDOWN(fault)
{
	mmput(self->mm);
}

TEST_F(fault, first_fault_retries_under_mmap_lock_then_vma_lock_succeeds)
{
	ASSERT_EQ(0, do_user_addr_fault(self->mm, self->addr, USER));
	if (IS_ENABLED(CONFIG_PER_VMA_LOCK)) {
		/* No anon_vma yet: the VMA lock path asks for mmap_lock. */
		EXPECT_EQ(1, vm_event(VMA_LOCK_RETRY));
		EXPECT_EQ(0, vm_event(VMA_LOCK_SUCCESS));
	}
	ASSERT_EQ(0, do_user_addr_fault(self->mm, self->addr + P,
					USER | FAULT_FLAG_WRITE));
	if (IS_ENABLED(CONFIG_PER_VMA_LOCK)) {
		EXPECT_EQ(1, vm_event(VMA_LOCK_SUCCESS));
		EXPECT_EQ(1, vm_event(VMA_LOCK_RETRY));
	} else {
		EXPECT_EQ(0, vm_event(VMA_LOCK_SUCCESS));
	}
	EXPECT_EQ(2, vm_event(PGFAULT));
	EXPECT_EQ(0, atomic_long_read(&fault_invariant_violations));
}

TEST_F(fault, unmapped_address_is_a_segv)
{
	EXPECT_EQ(-EFAULT, do_user_addr_fault(self->mm, self->addr + 100 * P,
					      USER));
	if (IS_ENABLED(CONFIG_PER_VMA_LOCK)) {
		EXPECT_EQ(1, vm_event(VMA_LOCK_ABORT));	/* then mmap_lock */
	}
}

TEST_F(fault, write_to_read_only_is_a_segv)
{
	ASSERT_EQ(0, do_mprotect(self->mm, self->addr, 8 * P, VM_READ));
	EXPECT_EQ(-EFAULT, do_user_addr_fault(self->mm, self->addr,
					      USER | FAULT_FLAG_WRITE));
	EXPECT_EQ(0, do_user_addr_fault(self->mm, self->addr, USER));
}

TEST_F(fault, kernel_faults_take_mmap_lock)
{
	ASSERT_EQ(0, do_user_addr_fault(self->mm, self->addr, 0));
	ASSERT_EQ(0, do_user_addr_fault(self->mm, self->addr, 0));
	EXPECT_EQ(0, vm_event(VMA_LOCK_SUCCESS) + vm_event(VMA_LOCK_RETRY) +
			     vm_event(VMA_LOCK_ABORT));
}

TEST_F(fault, fault_during_write_lock_falls_back_and_waits)
{
	/* A write-locked VMA: the fault aborts the VMA lock path. */
	unsigned long aborts;

	if (!IS_ENABLED(CONFIG_PER_VMA_LOCK))
		SKIP(return, "built with -Dper_vma_lock=false");
	ASSERT_EQ(0, do_user_addr_fault(self->mm, self->addr, USER));
	aborts = vm_event(VMA_LOCK_ABORT);
	mmap_write_lock(self->mm);
	vma_start_write(vma_lookup(self->mm, self->addr));
	mmap_write_downgrade(self->mm);	/* readers may fall back now */
	mmap_read_unlock(self->mm);
	/* Released by the downgrade: succeeds with the VMA lock again. */
	ASSERT_EQ(0, do_user_addr_fault(self->mm, self->addr, USER));
	EXPECT_EQ(aborts, vm_event(VMA_LOCK_ABORT));
}

TEST_HARNESS_MAIN
