// SPDX-License-Identifier: GPL-2.0-only
/* mm_struct lifetime (the part of kernel/fork.c this tree needs). */
#include <linux/mm.h>
#include <linux/mmap_lock.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

#define TASK_SIZE (1UL << 47)
#define TASK_UNMAPPED_BASE (1UL << 32)

static void mmap_init_lock(struct mm_struct *mm)
{
	init_rwsem(&mm->mmap_lock);
	mm_lock_seqcount_init(mm);
#ifdef CONFIG_PER_VMA_LOCK
	rcuwait_init(&mm->vma_writer_wait);
#endif
}

struct mm_struct *mm_alloc(void)
{
	struct mm_struct *mm = kzalloc(sizeof(*mm), GFP_KERNEL);

	if (!mm)
		return NULL;
	mt_init_flags(&mm->mm_mt, MM_MT_FLAGS);
	mmap_init_lock(mm);
	spin_lock_init(&mm->page_table_lock);
	mm->mmap_base = TASK_UNMAPPED_BASE;
	mm->task_size = TASK_SIZE;
	atomic_set(&mm->mm_users, 1);
	atomic_set(&mm->mm_count, 1);
	return mm;
}

/* The last mmgrab reference is gone: free for real (ASan sees misuse). */
void __mmdrop(struct mm_struct *mm)
{
	WARN_ON_ONCE(atomic_read(&mm->mm_users));
	kfree(mm);
}

void mmput(struct mm_struct *mm)
{
	might_sleep();
	if (atomic_dec_and_test(&mm->mm_users)) {
		exit_mmap(mm);
		mmdrop(mm);
	}
}
