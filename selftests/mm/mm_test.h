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

/* Skip a test of killable VMA write locks on a tree without them. */
#define NEEDS_KILLABLE_VMA_WRITE()                                         \
	do {                                                               \
		if (!vmalock_has_killable_vma_write())                     \
			SKIP(return, "no vma_start_write_killable() in " \
				     "this kernel tree");                  \
	} while (0)

/*
 * What follows reads the lock's fields, which every kernel era since
 * 6.15 shares, rather than helpers whose names and signatures changed
 * (__is_vma_write_locked(), __vma_lockdep_map()): the tests build
 * against any of those trees (-Dkernel_tree).
 */
#ifdef CONFIG_PER_VMA_LOCK
static inline unsigned int vma_refcnt(struct vm_area_struct *vma)
{
	return refcount_read(&vma->vm_refcnt);
}

/* Is @vma write-locked? Only stable under the mmap write lock. */
static inline bool vma_write_locked(struct vm_area_struct *vma)
{
	return vma->vm_lock_seq == vma->vm_mm->mm_lock_seq.sequence;
}

/* Does the current task hold @vma's lockdep map ("vm_lock")? */
static inline bool vma_lockdep_held(struct vm_area_struct *vma)
{
#ifdef CONFIG_LOCKDEP
	return lock_is_held(&vma->vmlock_dep_map);
#else
	return false;
#endif
}

/* The lockdep half of a VMA read lock, as vma_start_read() takes it. */
static inline void vma_lockdep_acquire_read(struct vm_area_struct *vma)
{
#ifdef CONFIG_DEBUG_LOCK_ALLOC
	rwsem_acquire_read(&vma->vmlock_dep_map, 0, 1, _RET_IP_);
#endif
}
#endif

/* Wait, without timing assumptions, until @cond holds. */
#define WAIT_FOR(cond)                          \
	do {                                    \
		while (!(cond))                 \
			sched_yield();          \
	} while (0)

#endif /* _SELFTESTS_MM_TEST_H */
