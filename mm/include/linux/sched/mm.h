/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mm_struct lifetime: mm_count pins the structure (mmgrab/mmdrop),
 * mm_users the address space (mmget/mmput; the last mmput tears the
 * VMAs down).
 */
#ifndef _LINUX_SCHED_MM_H
#define _LINUX_SCHED_MM_H

#include <linux/mm_types.h>
#include <linux/export.h>

void __mmdrop(struct mm_struct *mm);
void mmput(struct mm_struct *mm);
/* A new, empty address space with one user. */
struct mm_struct *mm_alloc(void);

static inline void mmgrab(struct mm_struct *mm)
{
	atomic_inc(&mm->mm_count);
}

static inline void mmdrop(struct mm_struct *mm)
{
	if (unlikely(atomic_dec_and_test(&mm->mm_count)))
		__mmdrop(mm);
}

static inline void mmget(struct mm_struct *mm)
{
	atomic_inc(&mm->mm_users);
}

static inline bool mmget_not_zero(struct mm_struct *mm)
{
	return atomic_inc_not_zero(&mm->mm_users);
}

#endif /* _LINUX_SCHED_MM_H */
