/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * TEST FIXTURE, user-space only: mmap_lock and the per-VMA lock in the
 * shape of the 6.15/6.16 kernels (VMA_LOCK_OFFSET, VMA_REF_LIMIT,
 * is_vma_writer_only(), __is_vma_write_locked(vma, &seq), vma_start_read()
 * inline here, vma_mark_detached() out of line, no killable write lock,
 * no vma_is_attached()). Written for vmalock, not taken from the kernel:
 * CI builds the suites against it (-Dkernel_tree, the ktree flavour) so
 * that the compatibility paths an older kernel tree needs are exercised
 * without downloading one. See Documentation/porting.rst.
 *
 * The mmap_lock is an rw_semaphore over the whole address space. A VMA
 * can also be read-locked on its own (vma_start_read(), usually through
 * lock_vma_under_rcu() in a page fault) so that faults on different VMAs
 * do not contend on mmap_lock. A VMA is write-locked with
 * vma_start_write() under the mmap write lock, and stays write-locked
 * until that lock is dropped or downgraded (vma_end_write_all()).
 * See Documentation/mm/vma_locks.rst.
 */
#ifndef _LINUX_MMAP_LOCK_H
#define _LINUX_MMAP_LOCK_H

#include <linux/cleanup.h>
#include <linux/lockdep.h>
#include <linux/mm_types.h>
#include <linux/mmdebug.h>
#include <linux/rcuwait.h>
#include <linux/rwsem.h>
#include <linux/sched/mm.h>
#include <linux/tracepoint.h>
#include <linux/types.h>
#include <linux/vmstat.h>

#define MMAP_LOCK_INITIALIZER(name) \
	.mmap_lock = __RWSEM_INITIALIZER((name).mmap_lock),

/* mmap_lock tracepoints: compiled in, never enabled here. */
static inline void __mmap_lock_trace_start_locking(struct mm_struct *mm,
						   bool write)
{
}

static inline void __mmap_lock_trace_acquire_returned(struct mm_struct *mm,
						      bool write, bool success)
{
}

static inline void __mmap_lock_trace_released(struct mm_struct *mm, bool write)
{
}

static inline void mmap_assert_locked(const struct mm_struct *mm)
{
	rwsem_assert_held(&mm->mmap_lock);
}

static inline void mmap_assert_write_locked(const struct mm_struct *mm)
{
	rwsem_assert_held_write(&mm->mmap_lock);
}

#ifdef CONFIG_PER_VMA_LOCK

static inline void mm_lock_seqcount_init(struct mm_struct *mm)
{
	seqcount_init(&mm->mm_lock_seq);
}

static inline void mm_lock_seqcount_begin(struct mm_struct *mm)
{
	do_raw_write_seqcount_begin(&mm->mm_lock_seq);
}

static inline void mm_lock_seqcount_end(struct mm_struct *mm)
{
	ASSERT_EXCLUSIVE_WRITER(mm->mm_lock_seq);
	do_raw_write_seqcount_end(&mm->mm_lock_seq);
}

/* Fails if the mmap lock is write-held: then just take it. */
static inline bool mmap_lock_speculate_try_begin(struct mm_struct *mm,
						 unsigned int *seq)
{
	return raw_seqcount_try_begin(&mm->mm_lock_seq, *seq);
}

static inline bool mmap_lock_speculate_retry(struct mm_struct *mm,
					     unsigned int seq)
{
	return read_seqcount_retry(&mm->mm_lock_seq, seq);
}

static inline void vma_lock_init(struct vm_area_struct *vma, bool reset_refcnt)
{
#ifdef CONFIG_DEBUG_LOCK_ALLOC
	static struct lock_class_key lockdep_key;

	lockdep_init_map(&vma->vmlock_dep_map, "vm_lock", &lockdep_key, 0);
#endif
	if (reset_refcnt)
		refcount_set(&vma->vm_refcnt, 0);
	/* A plain store, as upstream has it: the kernel takes it as atomic. */
	vma->vm_lock_seq = UINT_MAX;
}

/*
 * Only a writer is left: VMA_LOCK_OFFSET + 1 when attached, VMA_LOCK_OFFSET
 * when detaching (where a last reader may still be there: one spurious
 * wake-up at worst).
 */
static inline bool is_vma_writer_only(int refcnt)
{
	return (refcnt & VMA_LOCK_OFFSET) &&
	       refcnt <= (int)VMA_LOCK_OFFSET + 1;
}

static inline void vma_refcount_put(struct vm_area_struct *vma)
{
	/* The VMA may be freed once the count drops: keep the mm. */
	struct mm_struct *mm = vma->vm_mm;
	int oldcnt;

	rwsem_release(&vma->vmlock_dep_map, _RET_IP_);
	if (!__refcount_dec_and_test(&vma->vm_refcnt, &oldcnt) &&
	    is_vma_writer_only(oldcnt - 1))
		rcuwait_wake_up(&mm->vma_writer_wait);
}

/*
 * Try to read-lock @vma, found under RCU: the VMA on success, NULL if it
 * is (or may be) write-locked, ERR_PTR(-EAGAIN) if it was detached. The
 * RCU read lock is held on return, whatever the result.
 */
static inline struct vm_area_struct *vma_start_read(struct mm_struct *mm,
						    struct vm_area_struct *vma)
{
	int oldcnt;

	/* A cheap early look; a race only gives a false "locked". */
	if (READ_ONCE(vma->vm_lock_seq) == READ_ONCE(mm->mm_lock_seq.sequence))
		return NULL;

	/* Refused above the limit (a writer's offset) and from 0 (detached). */
	if (unlikely(!__refcount_inc_not_zero_limited_acquire(
		    &vma->vm_refcnt, &oldcnt, VMA_REF_LIMIT)))
		return oldcnt ? NULL : ERR_PTR(-EAGAIN);

	rwsem_acquire_read(&vma->vmlock_dep_map, 0, 1, _RET_IP_);

	/* Reused by another mm: pin that mm across the put. */
	if (unlikely(vma->vm_mm != mm)) {
		struct mm_struct *other_mm = vma->vm_mm;

		rcu_read_unlock();
		mmgrab(other_mm);
		vma_refcount_put(vma);
		mmdrop(other_mm);
		rcu_read_lock();
		return NULL;
	}

	/* ACQUIRE, pairing with vma_end_write_all()'s RELEASE. */
	if (unlikely(vma->vm_lock_seq == raw_read_seqcount(&mm->mm_lock_seq))) {
		vma_refcount_put(vma);
		return NULL;
	}
	return vma;
}

/* Under the mmap lock, which keeps writers away: fails only at the limit. */
static inline bool vma_start_read_locked_nested(struct vm_area_struct *vma,
						int subclass)
{
	int oldcnt;

	mmap_assert_locked(vma->vm_mm);
	if (unlikely(!__refcount_inc_not_zero_limited_acquire(
		    &vma->vm_refcnt, &oldcnt, VMA_REF_LIMIT)))
		return false;
	rwsem_acquire_read(&vma->vmlock_dep_map, 0, 1, _RET_IP_);
	return true;
}

static inline bool vma_start_read_locked(struct vm_area_struct *vma)
{
	return vma_start_read_locked_nested(vma, 0);
}

static inline void vma_end_read(struct vm_area_struct *vma)
{
	vma_refcount_put(vma);
}

/* The mmap lock must be write-held; *@mm_lock_seq gets the mm's sequence. */
static bool __is_vma_write_locked(struct vm_area_struct *vma,
				  unsigned int *mm_lock_seq)
{
	mmap_assert_write_locked(vma->vm_mm);
	*mm_lock_seq = vma->vm_mm->mm_lock_seq.sequence;
	return vma->vm_lock_seq == *mm_lock_seq;
}

void __vma_start_write(struct vm_area_struct *vma, unsigned int mm_lock_seq);

static inline void vma_start_write(struct vm_area_struct *vma)
{
	unsigned int mm_lock_seq;

	if (__is_vma_write_locked(vma, &mm_lock_seq))
		return;
	__vma_start_write(vma, mm_lock_seq);
}

static inline void vma_assert_write_locked(struct vm_area_struct *vma)
{
	unsigned int mm_lock_seq;

	VM_BUG_ON_VMA(!__is_vma_write_locked(vma, &mm_lock_seq), vma);
}

/* Readers (count above 1), or else our own write lock. */
static inline void vma_assert_locked(struct vm_area_struct *vma)
{
	unsigned int mm_lock_seq;

	VM_BUG_ON_VMA(refcount_read(&vma->vm_refcnt) <= 1 &&
		      !__is_vma_write_locked(vma, &mm_lock_seq), vma);
}

/* Only under the mmap write lock, or on a VMA isolated under it. */
static inline void vma_assert_attached(struct vm_area_struct *vma)
{
	WARN_ON_ONCE(!refcount_read(&vma->vm_refcnt));
}

static inline void vma_assert_detached(struct vm_area_struct *vma)
{
	WARN_ON_ONCE(refcount_read(&vma->vm_refcnt));
}

static inline void vma_mark_attached(struct vm_area_struct *vma)
{
	vma_assert_write_locked(vma);
	vma_assert_detached(vma);
	refcount_set_release(&vma->vm_refcnt, 1);
}

void vma_mark_detached(struct vm_area_struct *vma);

struct vm_area_struct *lock_vma_under_rcu(struct mm_struct *mm,
					  unsigned long address);

#else /* CONFIG_PER_VMA_LOCK */

static inline void mm_lock_seqcount_init(struct mm_struct *mm) {}
static inline void mm_lock_seqcount_begin(struct mm_struct *mm) {}
static inline void mm_lock_seqcount_end(struct mm_struct *mm) {}

static inline bool mmap_lock_speculate_try_begin(struct mm_struct *mm,
						 unsigned int *seq)
{
	return false;
}

static inline bool mmap_lock_speculate_retry(struct mm_struct *mm,
					     unsigned int seq)
{
	return true;
}

static inline void vma_lock_init(struct vm_area_struct *vma, bool reset_refcnt) {}
static inline struct vm_area_struct *vma_start_read(struct mm_struct *mm,
						    struct vm_area_struct *vma)
{
	return NULL;
}
static inline void vma_end_read(struct vm_area_struct *vma) {}
static inline void vma_start_write(struct vm_area_struct *vma) {}
static inline void vma_assert_write_locked(struct vm_area_struct *vma)
{
	mmap_assert_write_locked(vma->vm_mm);
}
static inline void vma_assert_attached(struct vm_area_struct *vma) {}
static inline void vma_assert_detached(struct vm_area_struct *vma) {}
static inline void vma_mark_attached(struct vm_area_struct *vma) {}
static inline void vma_mark_detached(struct vm_area_struct *vma) {}

static inline struct vm_area_struct *lock_vma_under_rcu(struct mm_struct *mm,
							unsigned long address)
{
	return NULL;
}

static inline void vma_assert_locked(struct vm_area_struct *vma)
{
	mmap_assert_locked(vma->vm_mm);
}

#endif /* CONFIG_PER_VMA_LOCK */

static inline void mmap_write_lock(struct mm_struct *mm)
{
	__mmap_lock_trace_start_locking(mm, true);
	down_write(&mm->mmap_lock);
	mm_lock_seqcount_begin(mm);
	__mmap_lock_trace_acquire_returned(mm, true, true);
}

static inline void mmap_write_lock_nested(struct mm_struct *mm, int subclass)
{
	__mmap_lock_trace_start_locking(mm, true);
	down_write_nested(&mm->mmap_lock, subclass);
	mm_lock_seqcount_begin(mm);
	__mmap_lock_trace_acquire_returned(mm, true, true);
}

static inline int mmap_write_lock_killable(struct mm_struct *mm)
{
	int ret;

	__mmap_lock_trace_start_locking(mm, true);
	ret = down_write_killable(&mm->mmap_lock);
	if (!ret)
		mm_lock_seqcount_begin(mm);
	__mmap_lock_trace_acquire_returned(mm, true, ret == 0);
	return ret;
}

/*
 * Drop every VMA write lock taken under the current mmap write lock: the
 * sequence they recorded is no longer the mm's. RELEASE, paired with the
 * ACQUIRE in vma_start_read()'s sequence check.
 */
static inline void vma_end_write_all(struct mm_struct *mm)
{
	mmap_assert_write_locked(mm);
	mm_lock_seqcount_end(mm);
}

static inline void mmap_write_unlock(struct mm_struct *mm)
{
	__mmap_lock_trace_released(mm, true);
	vma_end_write_all(mm);
	up_write(&mm->mmap_lock);
}

static inline void mmap_write_downgrade(struct mm_struct *mm)
{
	__mmap_lock_trace_acquire_returned(mm, false, true);
	vma_end_write_all(mm);
	downgrade_write(&mm->mmap_lock);
}

static inline void mmap_read_lock(struct mm_struct *mm)
{
	__mmap_lock_trace_start_locking(mm, false);
	down_read(&mm->mmap_lock);
	__mmap_lock_trace_acquire_returned(mm, false, true);
}

static inline int mmap_read_lock_killable(struct mm_struct *mm)
{
	int ret;

	__mmap_lock_trace_start_locking(mm, false);
	ret = down_read_killable(&mm->mmap_lock);
	__mmap_lock_trace_acquire_returned(mm, false, ret == 0);
	return ret;
}

static inline bool mmap_read_trylock(struct mm_struct *mm)
{
	bool ret;

	__mmap_lock_trace_start_locking(mm, false);
	ret = down_read_trylock(&mm->mmap_lock) != 0;
	__mmap_lock_trace_acquire_returned(mm, false, ret);
	return ret;
}

static inline void mmap_read_unlock(struct mm_struct *mm)
{
	__mmap_lock_trace_released(mm, false);
	up_read(&mm->mmap_lock);
}

DEFINE_GUARD(mmap_read_lock, struct mm_struct *, mmap_read_lock(_T),
	     mmap_read_unlock(_T))

static inline void mmap_read_unlock_non_owner(struct mm_struct *mm)
{
	__mmap_lock_trace_released(mm, false);
	up_read_non_owner(&mm->mmap_lock);
}

static inline int mmap_lock_is_contended(struct mm_struct *mm)
{
	return rwsem_is_contended(&mm->mmap_lock);
}

#endif /* _LINUX_MMAP_LOCK_H */
