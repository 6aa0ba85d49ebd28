// SPDX-License-Identifier: GPL-2.0-only
/*
 * The user-space address space: mmap, munmap (with splits), mprotect,
 * mremap, several mm_structs at once, and the lock protocol each follows
 * (every VMA write lock ends with the mmap write lock).
 */
#include "mm_test.h"

#define P PAGE_SIZE

static int count_vmas(struct mm_struct *mm)
{
	struct vm_area_struct *vma;
	VMA_ITERATOR(vmi, mm, 0);
	int n = 0;

	mmap_read_lock(mm);
	for_each_vma(vmi, vma)
		n++;
	mmap_read_unlock(mm);
	return n;
}

FIXTURE(as) {
	struct mm_struct *mm;
};

FIXTURE_SETUP(as)
{
	self->mm = mm_alloc();
	ASSERT_NE(NULL, self->mm);
}

FIXTURE_TEARDOWN(as)
{
	mmput(self->mm);
}

TEST_F(as, mmap_places_and_attaches)
{
	unsigned long a = vm_mmap(self->mm, 0, 4 * P, VM_READ);
	unsigned long b = vm_mmap(self->mm, 0, 2 * P, VM_READ | VM_WRITE);
	struct vm_area_struct *va = vma_at(self->mm, a);

	ASSERT_EQ(a + 4 * P, b);	/* first fit, right after */
	ASSERT_NE(NULL, va);
	EXPECT_EQ(a, va->vm_start);
	EXPECT_EQ(a + 4 * P, va->vm_end);
	EXPECT_EQ(self->mm, va->vm_mm);
	EXPECT_EQ(a >> PAGE_SHIFT, va->vm_pgoff);
#ifdef CONFIG_PER_VMA_LOCK
	EXPECT_EQ(1, vma_refcnt(va));
#endif
	EXPECT_EQ(2, self->mm->map_count);
	EXPECT_EQ(6, self->mm->total_vm);
	EXPECT_EQ((unsigned long)-EINVAL,
		  vm_mmap(self->mm, 0, P + 1, VM_READ));
}

TEST_F(as, munmap_middle_splits)
{
	struct mm_struct *mm = self->mm;
	unsigned long a = vm_mmap(mm, 0, 10 * P, VM_READ);
	struct vm_area_struct *lo, *hi;

	ASSERT_EQ(0, vm_munmap(mm, a + 3 * P, 2 * P));
	ASSERT_EQ(2, count_vmas(mm));
	lo = vma_at(mm, a);
	hi = vma_at(mm, a + 5 * P);
	ASSERT_NE(NULL, lo);
	ASSERT_NE(NULL, hi);
	EXPECT_EQ(a + 3 * P, lo->vm_end);
	EXPECT_EQ(a + 5 * P, hi->vm_start);
	EXPECT_EQ(hi->vm_start >> PAGE_SHIFT, hi->vm_pgoff);
	EXPECT_NULL(vma_at(mm, a + 4 * P));
	EXPECT_EQ(8, mm->total_vm);
	/* Unmapping a hole is fine and changes nothing. */
	ASSERT_EQ(0, vm_munmap(mm, a + 3 * P, 2 * P));
	ASSERT_EQ(2, mm->map_count);
	/* Across both, and more. */
	ASSERT_EQ(0, vm_munmap(mm, a, 20 * P));
	ASSERT_EQ(0, count_vmas(mm));
	ASSERT_EQ(0, mm->map_count);
}

TEST_F(as, mprotect_splits_and_updates_flags_and_prot)
{
	struct mm_struct *mm = self->mm;
	unsigned long a = vm_mmap(mm, 0, 8 * P, VM_READ | VM_WRITE);
	struct vm_area_struct *mid;

	ASSERT_EQ(0, do_mprotect(mm, a + 2 * P, 2 * P, VM_READ));
	ASSERT_EQ(3, count_vmas(mm));
	mid = vma_at(mm, a + 2 * P);
	EXPECT_EQ(VM_READ, mid->vm_flags & VM_ACCESS_FLAGS);
	EXPECT_EQ(vm_get_page_prot(mid->vm_flags).pgprot,
		  mid->vm_page_prot.pgprot);
	EXPECT_EQ(VM_READ | VM_WRITE,
		  vma_at(mm, a)->vm_flags & VM_ACCESS_FLAGS);
	EXPECT_EQ(-EINVAL, do_mprotect(mm, a + 1, P, VM_READ));
}

TEST_F(as, mremap_moves_the_range)
{
	struct mm_struct *mm = self->mm;
	unsigned long a = vm_mmap(mm, 0, 4 * P, VM_READ);
	unsigned long to = a + 100 * P;
	struct vm_area_struct *moved;

	ASSERT_EQ(to, do_mremap(mm, a, 4 * P, to));
	EXPECT_NULL(vma_at(mm, a));
	moved = vma_at(mm, to);
	ASSERT_NE(NULL, moved);
	EXPECT_EQ(to + 4 * P, moved->vm_end);
	EXPECT_EQ(to >> PAGE_SHIFT, moved->vm_pgoff);
	EXPECT_EQ(1, mm->map_count);
	EXPECT_EQ((unsigned long)-EFAULT, do_mremap(mm, a, 4 * P, a + 50 * P));
	EXPECT_EQ((unsigned long)-EINVAL, do_mremap(mm, to, 4 * P, to + P));
}

TEST_F(as, fixed_mmap_replaces_what_was_there)
{
	struct mm_struct *mm = self->mm;
	unsigned long a = vm_mmap(mm, 0, 6 * P, VM_READ);

	ASSERT_EQ(a + 2 * P, vm_mmap(mm, a + 2 * P, 2 * P, VM_WRITE));
	ASSERT_EQ(3, count_vmas(mm));
	EXPECT_EQ(VM_WRITE, vma_at(mm, a + 2 * P)->vm_flags & VM_ACCESS_FLAGS);
}

TEST_F(as, several_mms_at_once)
{
	struct mm_struct *other = mm_alloc();
	unsigned long a, b;

	ASSERT_NE(NULL, other);
	a = vm_mmap(self->mm, 0, 4 * P, VM_READ);
	b = vm_mmap(other, 0, 4 * P, VM_READ);
	EXPECT_EQ(a, b);	/* separate address spaces */
	EXPECT_NE(vma_at(self->mm, a), vma_at(other, b));
	EXPECT_EQ(other, vma_at(other, b)->vm_mm);
	mmput(other);
	EXPECT_EQ(self->mm, vma_at(self->mm, a)->vm_mm);
}

TEST_F(as, mm_survives_while_grabbed)
{
	struct mm_struct *mm = mm_alloc();

	ASSERT_NE(NULL, mm);
	vm_mmap(mm, 0, 4 * P, VM_READ);
	mmgrab(mm);
	mmput(mm);	/* the VMAs go, the struct stays */
	EXPECT_EQ(0, mm->map_count);
	EXPECT_EQ(1, atomic_read(&mm->mm_count));
	mmdrop(mm);
}

#ifdef CONFIG_PER_VMA_LOCK
TEST_F(as, every_vma_write_lock_ends_with_the_mmap_write_lock)
{
	struct mm_struct *mm = self->mm;
	unsigned long a = vm_mmap(mm, 0, 8 * P, VM_READ | VM_WRITE);
	struct vm_area_struct *vma;

	ASSERT_EQ(0, do_mprotect(mm, a, 8 * P, VM_READ));
	/* No VMA left write-locked: a reader gets in. */
	vma = lock_vma_under_rcu(mm, a);
	ASSERT_NE(NULL, vma);
	vma_end_read(vma);
	/* The sequence is even (no writer) and moved on. */
	EXPECT_EQ(0, mm->mm_lock_seq.sequence % 2);
	EXPECT_NE(mm->mm_lock_seq.sequence, vma->vm_lock_seq);
}
#endif

TEST_HARNESS_MAIN
