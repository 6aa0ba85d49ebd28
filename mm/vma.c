// SPDX-License-Identifier: GPL-2.0-only
/*
 * Linking, splitting and freeing VMAs (mmap.c's munmap and mmap build on
 * these). Every VMA changed is write-locked first; a VMA leaving the tree
 * is removed, then detached (waiting out transient readers), then freed
 * to the SLAB_TYPESAFE_BY_RCU cache, where another mm may pick it up at
 * once.
 */
#include <linux/mm.h>
#include <linux/mmap_lock.h>
#include <linux/slab.h>

#include "vma.h"

/*
 * As the kernel's vm_stat_account(), less the per-kind counts we do not
 * keep: marked, for total_vm is read without the mmap lock.
 */
static void vm_stat_account(struct mm_struct *mm, long npages)
{
	WRITE_ONCE(mm->total_vm, READ_ONCE(mm->total_vm) + npages);
}

/* vma_link() without the page count: for a VMA whose pages are counted. */
static int vma_insert(struct mm_struct *mm, struct vm_area_struct *vma)
{
	VMA_ITERATOR(vmi, mm, vma->vm_start);
	int err;

	vma_start_write(vma);
	vma_mark_attached(vma);
	err = vma_iter_store_gfp(&vmi, vma, GFP_KERNEL);
	if (err) {
		vma_mark_detached(vma);
		return err;
	}
	mm->map_count++;
	return 0;
}

int vma_link(struct mm_struct *mm, struct vm_area_struct *vma)
{
	int err = vma_insert(mm, vma);

	if (!err)
		vm_stat_account(mm, vma_pages(vma));
	return err;
}

void vma_detach_free(struct mm_struct *mm, struct vm_area_struct *vma)
{
	vma_mark_detached(vma);
	mm->map_count--;
	vm_stat_account(mm, -(long)vma_pages(vma));
	vm_area_free(vma);
}

int split_vma(struct mm_struct *mm, struct vm_area_struct *vma,
	      unsigned long addr)
{
	struct vm_area_struct *new;
	int err;

	mmap_assert_write_locked(mm);
	if (addr <= vma->vm_start || addr >= vma->vm_end ||
	    (addr & ~PAGE_MASK))
		return -EINVAL;
	vma_start_write(vma);

	/* The upper part is a new VMA; the old one keeps the lower part. */
	new = vm_area_dup(vma);
	if (!new)
		return -ENOMEM;
	new->vm_start = addr;
	new->vm_pgoff = vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT);

	vma->vm_end = addr;
	err = vma_insert(mm, new);
	if (err) {
		vma->vm_end = new->vm_end;
		vm_area_free(new);
	}
	return err;
}

/*
 * The first VMA ending above @addr: find_vma() without calling into
 * mmap.c, which builds on this file, not the other way round (the kernel
 * keeps vma.c free of mmap.c, so that tools/testing/vma can take it alone).
 */
static struct vm_area_struct *vma_ending_above(struct mm_struct *mm,
					       unsigned long addr)
{
	VMA_ITERATOR(vmi, mm, addr);

	mmap_assert_locked(mm);
	return vma_next(&vmi);
}

int vma_split_range(struct mm_struct *mm, unsigned long start,
		    unsigned long end)
{
	struct vm_area_struct *vma;
	int err;

	vma = vma_ending_above(mm, start);
	if (vma && vma->vm_start < start && vma->vm_end > start) {
		err = split_vma(mm, vma, start);
		if (err)
			return err;
	}
	vma = vma_ending_above(mm, end - 1);
	if (vma && vma->vm_start < end && vma->vm_end > end) {
		err = split_vma(mm, vma, end);
		if (err)
			return err;
	}
	return 0;
}
