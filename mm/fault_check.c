// SPDX-License-Identifier: GPL-2.0-only
/*
 * User-space only: the checker handle_mm_fault() runs on every fault. The
 * VMA it was given must be sound: it covers the address, is attached,
 * belongs to the mm it faulted in, and is not half-modified (vm_page_prot
 * follows vm_flags, vm_pgoff follows vm_start). A violation is a
 * kernel-format WARN, which fails the test, and counts in
 * fault_invariant_violations.
 */
#include <linux/mm.h>

atomic_long_t fault_invariant_violations;

void vmalock_fault_check(struct vm_area_struct *vma, unsigned long address)
{
	struct mm_struct *mm = vma->vm_mm;
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
