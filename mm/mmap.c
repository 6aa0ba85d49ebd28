// SPDX-License-Identifier: GPL-2.0-only
/*
 * Creating and removing mappings and tearing an address space down,
 * following the kernel's protocol: mmap write lock; a new VMA is
 * write-locked, marked attached and then stored in the tree; every VMA
 * going away is write-locked before anything changes; every VMA write
 * lock ends with the mmap write lock. Built on vma.c, which does not call
 * back into this file.
 */
#include <linux/mm.h>
#include <linux/mmap_lock.h>
#include <linux/slab.h>

#include "vma.h"

struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr)
{
	MA_STATE(mas, &mm->mm_mt, addr, addr);

	mmap_assert_locked(mm);
	return mas_find(&mas, ULONG_MAX);
}

/* The lowest free range of @len bytes at or above mm->mmap_base. */
static unsigned long get_unmapped_area(struct mm_struct *mm, unsigned long len)
{
	unsigned long addr = mm->mmap_base;
	struct vm_area_struct *vma;
	VMA_ITERATOR(vmi, mm, addr);

	for_each_vma(vmi, vma) {
		if (vma->vm_start >= addr + len)
			break;
		if (vma->vm_end > addr)
			addr = vma->vm_end;
	}
	if (addr + len > mm->task_size || addr + len < addr)
		return -ENOMEM;
	return addr;
}

unsigned long do_mmap(struct mm_struct *mm, unsigned long addr,
		      unsigned long len, vm_flags_t flags)
{
	struct vm_area_struct *vma;
	int err;

	mmap_assert_write_locked(mm);
	if (!vma_range_valid(addr, len))
		return -EINVAL;
	if (addr) {
		/* MAP_FIXED: whatever was there goes. */
		err = do_munmap(mm, addr, len);
		if (err)
			return err;
	} else {
		addr = get_unmapped_area(mm, len);
		if (IS_ERR_VALUE(addr))
			return addr;
	}

	vma = vm_area_alloc(mm);
	if (!vma)
		return -ENOMEM;
	vma->vm_start = addr;
	vma->vm_end = addr + len;
	vma->vm_pgoff = addr >> PAGE_SHIFT;
	vm_flags_init(vma, flags | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC);
	vma->vm_page_prot = vm_get_page_prot(vma->vm_flags);
	err = vma_link(mm, vma);
	if (err) {
		vm_area_free(vma);
		return err;
	}
	return addr;
}

unsigned long vm_mmap(struct mm_struct *mm, unsigned long addr,
		      unsigned long len, vm_flags_t flags)
{
	unsigned long ret;

	if (mmap_write_lock_killable(mm))
		return -EINTR;
	ret = do_mmap(mm, addr, len, flags);
	mmap_write_unlock(mm);
	return ret;
}

int do_munmap(struct mm_struct *mm, unsigned long start, size_t len)
{
	unsigned long end = start + len;
	struct vm_area_struct *vma, **victims = NULL;
	unsigned int nr = 0, i;
	VMA_ITERATOR(vmi, mm, start);
	int err;

	mmap_assert_write_locked(mm);
	if (!vma_range_valid(start, len))
		return -EINVAL;
	err = vma_split_range(mm, start, end);
	if (err)
		return err;

	/* Write-lock everything going away before anything changes. */
	for_each_vma_range(vmi, vma, end) {
		struct vm_area_struct **more;

		vma_start_write(vma);
		more = krealloc(victims, (nr + 1) * sizeof(*victims),
				GFP_KERNEL);
		if (!more) {
			kfree(victims);
			return -ENOMEM;
		}
		victims = more;
		victims[nr++] = vma;
	}
	if (!nr)
		return 0;
	vma_iter_clear_gfp(&vmi, start, end, GFP_KERNEL);
	for (i = 0; i < nr; i++)
		vma_detach_free(mm, victims[i]);
	kfree(victims);
	return 0;
}

int vm_munmap(struct mm_struct *mm, unsigned long start, size_t len)
{
	int ret;

	if (mmap_write_lock_killable(mm))
		return -EINTR;
	ret = do_munmap(mm, start, len);
	mmap_write_unlock(mm);
	return ret;
}

void exit_mmap(struct mm_struct *mm)
{
	struct vm_area_struct *vma;
	VMA_ITERATOR(vmi, mm, 0);

	mmap_write_lock(mm);
	for_each_vma(vmi, vma) {
		vma_start_write(vma);
		vma_iter_clear_gfp(&vmi, vma->vm_start, vma->vm_end,
				   GFP_KERNEL);
		vma_detach_free(mm, vma);
	}
	WARN_ON_ONCE(mm->map_count);
	__mt_destroy(&mm->mm_mt);
	mmap_write_unlock(mm);
}
