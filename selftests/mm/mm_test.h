/* SPDX-License-Identifier: GPL-2.0-only */
/* Helpers for the mm selftests. */
#ifndef _SELFTESTS_MM_TEST_H
#define _SELFTESTS_MM_TEST_H

#include <linux/mm.h>
#include <linux/mmap_lock.h>
#include <linux/sched/mm.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/vmstat.h>

#include "../shim/shim_test.h"

#define NEEDS_PER_VMA_LOCK()                                               \
	do {                                                               \
		if (!IS_ENABLED(CONFIG_PER_VMA_LOCK))                      \
			SKIP(return, "built with -Dper_vma_lock=false");   \
	} while (0)

#define FLAG VM_REFCNT_EXCLUDE_READERS_FLAG

static inline unsigned long vm_event(enum vm_event_item item)
{
	unsigned long ev[NR_VM_EVENT_ITEMS];

	all_vm_events(ev);
	return ev[item];
}

/* The VMA at @addr, looked up under the mmap read lock. */
static inline struct vm_area_struct *vma_at(struct mm_struct *mm,
					    unsigned long addr)
{
	struct vm_area_struct *vma;

	mmap_read_lock(mm);
	vma = vma_lookup(mm, addr);
	mmap_read_unlock(mm);
	return vma;
}

#ifdef CONFIG_PER_VMA_LOCK
static inline unsigned int vma_refcnt(struct vm_area_struct *vma)
{
	return refcount_read(&vma->vm_refcnt);
}
#endif

/* Wait, without timing assumptions, until @cond holds. */
#define WAIT_FOR(cond)                          \
	do {                                    \
		while (!(cond))                 \
			sched_yield();          \
	} while (0)

#endif /* _SELFTESTS_MM_TEST_H */
