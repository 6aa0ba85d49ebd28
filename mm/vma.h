/* SPDX-License-Identifier: GPL-2.0-only */
/* mm-internal VMA operations (as the kernel's mm/vma.h). */
#ifndef __MM_VMA_H
#define __MM_VMA_H

#include <linux/mm.h>

/* Make [start, end) a union of whole VMAs by splitting at both ends. */
int vma_split_range(struct mm_struct *mm, unsigned long start,
		    unsigned long end);

#endif /* __MM_VMA_H */
