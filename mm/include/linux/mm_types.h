/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * struct vm_area_struct and struct mm_struct: the kernel's field names for
 * everything the per-VMA lock touches, plus what the user-space address
 * space needs.
 */
#ifndef _LINUX_MM_TYPES_H
#define _LINUX_MM_TYPES_H

#include <linux/types.h>
#include <linux/atomic.h>
#include <linux/cache.h>
#include <linux/lockdep_types.h>
#include <linux/maple_tree.h>
#include <linux/refcount.h>
#include <linux/rcuwait.h>
#include <linux/rwsem.h>
#include <linux/seqlock.h>
#include <linux/spinlock_types.h>
#include <linux/export.h>

#define PAGE_SHIFT 12
#define PAGE_SIZE (1UL << PAGE_SHIFT)
#define PAGE_MASK (~(PAGE_SIZE - 1))
#define PAGE_ALIGN(addr) ALIGN(addr, PAGE_SIZE)

typedef struct {
	unsigned long pgprot;
} pgprot_t;

/*
 * vm_refcnt: the per-VMA lock. Readers hold a reference; a writer sets
 * VM_REFCNT_EXCLUDE_READERS_FLAG (bit 30) to stop new readers and waits
 * for the old ones to leave. Readers take a reference only while the
 * result stays at or below VM_REFCNT_LIMIT, so they can never reach the
 * flag bit, and never increment from 0.
 *
 * (The kernel's 6.15-era names VMA_LOCK_OFFSET and VMA_REF_LIMIT are
 * the same values.)
 */
#define VM_REFCNT_EXCLUDE_READERS_FLAG (1U << 30)
#define VM_REFCNT_LIMIT (VM_REFCNT_EXCLUDE_READERS_FLAG - 1)
#define VMA_LOCK_OFFSET VM_REFCNT_EXCLUDE_READERS_FLAG
#define VMA_REF_LIMIT VM_REFCNT_LIMIT

struct mm_struct;
struct anon_vma;

struct vm_area_struct {
	/* The first cache line: what lookups and faults read. */
	unsigned long vm_start;		/* first address */
	unsigned long vm_end;		/* first address after */
	struct mm_struct *vm_mm;	/* the address space we belong to */
	pgprot_t vm_page_prot;		/* follows vm_flags (vm_get_page_prot) */
	vm_flags_t vm_flags;
#ifdef CONFIG_PER_VMA_LOCK
	/*
	 * Equal to mm->mm_lock_seq.sequence while the VMA is write-locked;
	 * the write lock ends when that sequence moves on
	 * (vma_end_write_all()). Written with WRITE_ONCE: readers look at it
	 * before they hold a reference.
	 */
	unsigned int vm_lock_seq;
#endif
	unsigned long vm_pgoff;		/* vm_start >> PAGE_SHIFT for anon */
	struct anon_vma *anon_vma;	/* set up on the first fault */
	void *vm_private_data;
#ifdef CONFIG_PER_VMA_LOCK
	/*
	 * vm_refcnt, on its own cache line (readers bounce it):
	 *
	 *   0                          detached: not in the VMA tree (new,
	 *                              being freed, or freed and waiting to be
	 *                              reused); readers cannot take it.
	 *   1                          attached, no readers. It may still be
	 *                              write-locked (see vm_lock_seq).
	 *   1 + n                      attached, n readers (1 <= n, and
	 *                              1 + n <= VM_REFCNT_LIMIT). Some may be
	 *                              about to notice a write lock and leave.
	 *   FLAG + 1                   attached, a writer excludes readers and
	 *                              none is left: the writer's target in
	 *                              __vma_start_write().
	 *   FLAG + 1 + n               attached, the writer waits for n readers
	 *                              to leave; the last one wakes it.
	 *   FLAG                       detaching, no reader left: the target of
	 *                              vma_mark_detached() when transient
	 *                              readers held it up; then 0.
	 *   FLAG + n                   detaching, waiting for n transient
	 *                              readers.
	 *
	 * FLAG is VM_REFCNT_EXCLUDE_READERS_FLAG; only the mmap write lock
	 * holder sets or clears it, so it is set at most once.
	 */
	refcount_t vm_refcnt ____cacheline_aligned_in_smp;
#ifdef CONFIG_DEBUG_LOCK_ALLOC
	struct lockdep_map vmlock_dep_map;
#endif
#endif
} ____cacheline_aligned_in_smp;

struct mm_struct {
	struct maple_tree mm_mt;	/* the VMAs, by address */
	unsigned long mmap_base;	/* where free-area search starts */
	unsigned long task_size;	/* end of the user address space */
	atomic_t mm_users;		/* users of the address space */
	atomic_t mm_count;		/* references to the struct */
	int map_count;			/* number of VMAs */
	unsigned long total_vm;		/* pages mapped */
	spinlock_t page_table_lock;	/* anon_vma set-up, as in the kernel */
	struct rw_semaphore mmap_lock;
#ifdef CONFIG_PER_VMA_LOCK
	/* Where a writer waits for VMA readers to leave. */
	struct rcuwait vma_writer_wait;
	/*
	 * Odd while the mmap lock is write-held; every VMA write lock taken
	 * under it ends when it becomes even again.
	 */
	seqcount_t mm_lock_seq;
#endif
};

/* The VMA iterator over mm->mm_mt (see <linux/mm.h>). */
struct vma_iterator {
	struct ma_state mas;
};

#endif /* _LINUX_MM_TYPES_H */
