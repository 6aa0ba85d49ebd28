// SPDX-License-Identifier: GPL-2.0-only
/*
 * Moving a range (mremap with MREMAP_FIXED|MREMAP_MAYMOVE and the same
 * size): a new VMA takes the range's place at @new_addr and the old one
 * is unmapped. Anonymous VMAs here keep vm_pgoff == vm_start >> PAGE_SHIFT
 * (the fault handler checks it), so the copy is re-based.
 */
#include <linux/mm.h>
#include <linux/mmap_lock.h>

#include "vma.h"

unsigned long do_mremap(struct mm_struct *mm, unsigned long addr,
			unsigned long len, unsigned long new_addr)
{
	struct vm_area_struct *vma, *new;
	int err;

	if (!len || ((addr | len | new_addr) & ~PAGE_MASK))
		return -EINVAL;
	if (new_addr < addr + len && addr < new_addr + len)
		return -EINVAL;	/* overlapping move */
	if (mmap_write_lock_killable(mm))
		return -EINTR;

	vma = vma_lookup(mm, addr);
	err = -EFAULT;
	if (!vma || vma->vm_end < addr + len)
		goto out;
	err = vma_split_range(mm, addr, addr + len);
	if (err)
		goto out;
	vma = vma_lookup(mm, addr);
	vma_start_write(vma);

	err = do_munmap(mm, new_addr, len);
	if (err)
		goto out;
	err = -ENOMEM;
	new = vm_area_dup(vma);
	if (!new)
		goto out;
	new->vm_start = new_addr;
	new->vm_end = new_addr + len;
	new->vm_pgoff = new_addr >> PAGE_SHIFT;
	err = vma_link(mm, new);
	if (err) {
		vm_area_free(new);
		goto out;
	}
	err = do_munmap(mm, addr, len);
out:
	mmap_write_unlock(mm);
	return err ? (unsigned long)err : new_addr;
}
