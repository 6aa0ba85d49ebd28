// SPDX-License-Identifier: GPL-2.0-only
/*
 * handle_mm_fault() for anonymous memory, checking on every fault that
 * the VMA it was given is sound: it covers the address, is attached,
 * belongs to this mm, and is not half-modified (vm_page_prot follows
 * vm_flags, vm_pgoff follows vm_start). A violation is a kernel-format
 * WARN, which fails the test.
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

atomic_long_t fault_invariant_violations;

static void fault_check(struct vm_area_struct *vma, unsigned long address,
			struct mm_struct *mm)
{
	const char *what = NULL;

	if (address < vma->vm_start || address >= vma->vm_end)
		what = "address outside the VMA";
#ifdef CONFIG_PER_VMA_LOCK
	else if (!vma_is_attached(vma))
		what = "VMA is detached";
#endif
	else if (vma->vm_mm != mm)
		what = "VMA belongs to another mm";
	else if (vma->vm_page_prot.pgprot !=
		 vm_get_page_prot(vma->vm_flags).pgprot)
		what = "vm_page_prot does not follow vm_flags";
	else if (vma->vm_pgoff != vma->vm_start >> PAGE_SHIFT)
		what = "vm_pgoff does not follow vm_start";
	if (!what)
		return;
	atomic_long_inc(&fault_invariant_violations);
	dump_vma(vma);
	WARN(1, "vmalock: fault invariant violated: %s (addr %#lx)\n", what,
	     address);
}

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
	fault_check(vma, address, vma->vm_mm);
	ret = anon_vma_prepare(vma, flags);
	if (ret)
		return ret;
	/* The page itself: nothing to map in user space. */
	return 0;
}
