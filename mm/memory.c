// SPDX-License-Identifier: GPL-2.0-only
/*
 * handle_mm_fault() for anonymous memory. On every fault it runs
 * vmalock's checker (mm/fault_check.c) on the VMA it was given.
 *
 * The first fault of a VMA needs its anon_vma; under the VMA lock that
 * means falling back to mmap_lock (VM_FAULT_RETRY), as in the kernel.
 */
#include <linux/mm.h>
#include <linux/mmap_lock.h>
#include <linux/spinlock.h>

struct anon_vma {
	int unused;
};

static struct anon_vma the_anon_vma;

/* The anon_vma, set up once under mmap_lock and the page table lock. */
static vm_fault_t anon_vma_prepare(struct vm_area_struct *vma,
				   unsigned int flags)
{
	struct mm_struct *mm = vma->vm_mm;

	if (likely(smp_load_acquire(&vma->anon_vma)))
		return 0;
	if (flags & FAULT_FLAG_VMA_LOCK) {
		/* Needs mmap_lock: drop the VMA lock and retry with it. */
		vma_end_read(vma);
		return VM_FAULT_RETRY;
	}
	mmap_assert_locked(mm);
	spin_lock(&mm->page_table_lock);
	if (!vma->anon_vma)
		smp_store_release(&vma->anon_vma, &the_anon_vma);
	spin_unlock(&mm->page_table_lock);
	return 0;
}

vm_fault_t handle_mm_fault(struct vm_area_struct *vma, unsigned long address,
			   unsigned int flags, struct pt_regs *regs)
{
	vm_fault_t ret;

	(void)regs;
	if (flags & FAULT_FLAG_VMA_LOCK)
		vma_assert_locked(vma);
	else
		mmap_assert_locked(vma->vm_mm);
	vmalock_fault_check(vma, address);	/* not the kernel's */
	ret = anon_vma_prepare(vma, flags);
	if (ret)
		return ret;
	/* The page itself: nothing to map in user space. */
	return 0;
}
