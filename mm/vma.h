/* SPDX-License-Identifier: GPL-2.0-only */
/* mm-internal VMA operations (as the kernel's mm/vma.h). */
#ifndef __MM_VMA_H
#define __MM_VMA_H

#include <linux/mm.h>

/* A non-empty, page-aligned range that does not wrap. */
static inline bool vma_range_valid(unsigned long start, size_t len)
{
	return len && !(start & ~PAGE_MASK) && !(len & ~PAGE_MASK) &&
	       start + len >= start;
}

/* Make [start, end) a union of whole VMAs by splitting at both ends. */
int vma_split_range(struct mm_struct *mm, unsigned long start,
		    unsigned long end);

/*
 * Make a detached VMA visible over its range, write-locked, and count it
 * in mm->map_count and mm->total_vm; on failure it stays detached.
 */
int vma_link(struct mm_struct *mm, struct vm_area_struct *vma);

/*
 * The end of a write-locked VMA already cleared from the tree: detach it
 * (waiting out transient readers), uncount it and free it.
 */
void vma_detach_free(struct mm_struct *mm, struct vm_area_struct *vma);

#endif /* __MM_VMA_H */
