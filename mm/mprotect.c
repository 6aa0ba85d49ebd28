// SPDX-License-Identifier: GPL-2.0-only
/*
 * Changing the protection of a range: split at its ends, then for each
 * VMA in it, write-lock and update vm_flags and vm_page_prot, in two
 * steps (a reader without the lock could see them disagree; the fault
 * handler checks that it never does).
 */
#include <linux/mm.h>
#include <linux/mmap_lock.h>

#include "vma.h"

static void mprotect_fixup(struct vm_area_struct *vma, vm_flags_t prot)
{
	vma_start_write(vma);
	vm_flags_reset(vma, (vma->vm_flags & ~VM_ACCESS_FLAGS) |
				    (prot & VM_ACCESS_FLAGS));
	vma->vm_page_prot = vm_get_page_prot(vma->vm_flags);
}

int do_mprotect(struct mm_struct *mm, unsigned long start, size_t len,
		vm_flags_t prot)
{
	unsigned long end = start + len;
	struct vm_area_struct *vma;
	int err;

	if (!vma_range_valid(start, len))
		return -EINVAL;
	if (mmap_write_lock_killable(mm))
		return -EINTR;
	err = vma_split_range(mm, start, end);
	if (!err) {
		VMA_ITERATOR(vmi, mm, start);

		for_each_vma_range(vmi, vma, end)
			mprotect_fixup(vma, prot);
	}
	mmap_write_unlock(mm);
	return err;
}
