// SPDX-License-Identifier: GPL-2.0-only
/*
 * The per-VMA lock's out-of-line half: write-locking (excluding readers),
 * waiting out transient readers on detach, the RCU read-lock path, and
 * lock_mm_and_find_vma() for the fault fallback.
 */
#include <linux/mm.h>
#include <linux/mmap_lock.h>
#include <linux/rcupdate.h>
#include <linux/export.h>

#ifdef CONFIG_PER_VMA_LOCK

/* What __vma_start_exclude_readers() and its end share. */
struct vma_exclude_readers_state {
	struct vm_area_struct *vma;
	int state;		/* TASK_UNINTERRUPTIBLE or TASK_KILLABLE */
	bool detaching;		/* wait for 0 readers of a detaching VMA */

	bool detached;		/* out: the count reached 0 */
	bool exclusive;		/* out: readers are excluded; end it later */
};

static void __vma_end_exclude_readers(struct vma_exclude_readers_state *ves)
{
	struct vm_area_struct *vma = ves->vma;

	VM_WARN_ON_ONCE(ves->detached);
	ves->detached = refcount_sub_and_test(VM_REFCNT_EXCLUDE_READERS_FLAG,
					      &vma->vm_refcnt);
	__vma_lockdep_release_exclusive(vma);
}

/* FLAG + 1 for an attached VMA (its own reference stays), FLAG if not. */
static unsigned int vma_exclusion_target(struct vma_exclude_readers_state *ves)
{
	return VM_REFCNT_EXCLUDE_READERS_FLAG + (ves->detaching ? 0 : 1);
}

/*
 * Set the exclude-readers flag and wait for the readers already in to
 * leave; the last one wakes us (vma_refcount_put()). A detached VMA (count
 * 0) has no readers to wait for: ves->detached, nothing to end. Returns
 * -EINTR if a signal @ves->state allows arrived first, with the flag
 * cleared again.
 */
static int __vma_start_exclude_readers(struct vma_exclude_readers_state *ves)
{
	struct vm_area_struct *vma = ves->vma;
	unsigned int target = vma_exclusion_target(ves);
	int err;

	mmap_assert_write_locked(vma->vm_mm);
	/* Only vma_mark_attached() raises a 0, and we hold its lock. */
	if (!refcount_add_not_zero(VM_REFCNT_EXCLUDE_READERS_FLAG,
				   &vma->vm_refcnt)) {
		ves->detached = true;
		return 0;
	}
	__vma_lockdep_acquire_exclusive(vma);
	err = rcuwait_wait_event(&vma->vm_mm->vma_writer_wait,
				 refcount_read(&vma->vm_refcnt) == target,
				 ves->state);
	if (err) {
		__vma_end_exclude_readers(ves);
		return err;
	}
	__vma_lockdep_stat_mark_acquired(vma);
	ves->exclusive = true;
	return 0;
}

int __vma_start_write(struct vm_area_struct *vma, int state)
{
	const unsigned int mm_lock_seq = __vma_raw_mm_seqnum(vma);
	struct vma_exclude_readers_state ves = {
		.vma = vma,
		.state = state,
	};
	int err;

	err = __vma_start_exclude_readers(&ves);
	if (err) {
		WARN_ON_ONCE(ves.detached);
		return err;
	}
	/*
	 * From here readers that get a reference see the VMA write-locked
	 * and back off. WRITE_ONCE: vma_start_read() peeks at it without one.
	 */
	WRITE_ONCE(vma->vm_lock_seq, mm_lock_seq);
	if (ves.exclusive) {
		__vma_end_exclude_readers(&ves);
		WARN_ON_ONCE(ves.detached);	/* it must stay attached */
	}
	return 0;
}
EXPORT_SYMBOL_GPL(__vma_start_write);

void __vma_exclude_readers_for_detach(struct vm_area_struct *vma)
{
	struct vma_exclude_readers_state ves = {
		.vma = vma,
		.state = TASK_UNINTERRUPTIBLE,
		.detaching = true,
	};
	int err;

	/*
	 * The VMA is write-locked: a reader can only hold it for the moment
	 * between taking a reference and seeing the write lock.
	 */
	err = __vma_start_exclude_readers(&ves);
	if (!err && ves.exclusive)
		__vma_end_exclude_readers(&ves);
	WARN_ON_ONCE(!ves.detached);
}

/*
 * Try to read-lock @vma, found in @mm's tree under RCU. NULL if it is
 * write-locked (or might be: a false "locked" only costs a fallback to
 * mmap_lock), ERR_PTR(-EAGAIN) if it was detached under us; the VMA read
 * locked otherwise. On failure the RCU read lock has been dropped.
 *
 * The VMA may also have been freed and reused (SLAB_TYPESAFE_BY_RCU),
 * even by another mm: the reference count is what tells.
 */
static inline struct vm_area_struct *vma_start_read(struct mm_struct *mm,
						    struct vm_area_struct *vma)
{
	struct mm_struct *other_mm;
	int oldcnt;

	RCU_LOCKDEP_WARN(!rcu_read_lock_held(), "no rcu lock held");
	/*
	 * A cheap early look; a race here only gives a false "locked". The
	 * check that matters, with ACQUIRE, comes after the reference.
	 */
	if (READ_ONCE(vma->vm_lock_seq) == READ_ONCE(mm->mm_lock_seq.sequence)) {
		vma = NULL;
		goto err;
	}
	/*
	 * Fails if a writer excludes readers (the flag is above the limit)
	 * or if the VMA is detached (0). ACQUIRE orders the checks below and
	 * the caller's reads of the VMA after it.
	 */
	if (unlikely(!__refcount_inc_not_zero_limited_acquire(
		    &vma->vm_refcnt, &oldcnt, VM_REFCNT_LIMIT))) {
		vma = oldcnt ? NULL : ERR_PTR(-EAGAIN);
		goto err;
	}
	__vma_lockdep_acquire_read(vma);

	if (unlikely(vma->vm_mm != mm))
		goto err_unstable;

	/*
	 * A reader that raised the count before the writer set the flag
	 * must still see the write lock through the sequence. ACQUIRE
	 * (raw_read_seqcount's smp_rmb), pairing with the RELEASE in
	 * vma_end_write_all(): if the lock was just dropped we see the VMA as
	 * it was left. A wrapped sequence only gives a false "locked".
	 *
	 * The kernel reads vm_lock_seq plainly here (the reference orders
	 * it). READ_ONCE() is the same load to a compiler, but one the
	 * memory model sees: it may return an older vm_lock_seq, which is
	 * how a writer that publishes it without RELEASE shows
	 * (Documentation/dev-tools/lkmm.rst, "The per-VMA lock's pairs").
	 */
	if (unlikely(READ_ONCE(vma->vm_lock_seq) ==
		     raw_read_seqcount(&mm->mm_lock_seq))) {
		vma_refcount_put(vma);
		vma = NULL;
		goto err;
	}
	return vma;

err:
	rcu_read_unlock();
	return vma;

err_unstable:
	/*
	 * Reused by another mm, which nothing keeps alive: it could be freed
	 * between our put and the wake-up in it. Pin it across the put, and
	 * do the (possibly freeing) mmdrop outside RCU.
	 */
	other_mm = vma->vm_mm;
	rcu_read_unlock();
	mmgrab(other_mm);
	vma_refcount_put(vma);
	mmdrop(other_mm);
	return NULL;
}

/*
 * Find and read-lock the VMA holding @address without mmap_lock. NULL if
 * there is none or it cannot be locked now (the caller falls back to
 * mmap_lock).
 */
struct vm_area_struct *lock_vma_under_rcu(struct mm_struct *mm,
					  unsigned long address)
{
	MA_STATE(mas, &mm->mm_mt, address, address);
	struct vm_area_struct *vma;

retry:
	rcu_read_lock();
	vma = mas_walk(&mas);
	if (!vma) {
		rcu_read_unlock();
		goto inval;
	}

	vma = vma_start_read(mm, vma);
	if (IS_ERR_OR_NULL(vma)) {
		/* Detached after we found it: another is there now. */
		if (PTR_ERR(vma) == -EAGAIN) {
			count_vm_vma_lock_event(VMA_LOCK_MISS);
			mas_set(&mas, address);
			goto retry;
		}
		goto inval;
	}
	/* Locked and attached: from here it is an ordinary locked VMA. */
	rcu_read_unlock();

	/* Reused for another range of this mm? */
	if (unlikely(address < vma->vm_start || address >= vma->vm_end)) {
		vma_end_read(vma);
		goto inval;
	}
	return vma;

inval:
	count_vm_vma_lock_event(VMA_LOCK_ABORT);
	return NULL;
}

#endif /* CONFIG_PER_VMA_LOCK */

#ifdef CONFIG_LOCK_MM_AND_FIND_VMA
/*
 * The mmap_lock fallback of a fault: the read lock and the VMA for @addr.
 * Stacks do not grow down here (no VM_GROWSDOWN expansion): an address
 * below a VMA is simply unmapped.
 */
struct vm_area_struct *lock_mm_and_find_vma(struct mm_struct *mm,
					    unsigned long addr,
					    struct pt_regs *regs)
{
	struct vm_area_struct *vma;

	(void)regs;
	if (!mmap_read_trylock(mm) && mmap_read_lock_killable(mm))
		return NULL;
	vma = find_vma(mm, addr);
	if (likely(vma && vma->vm_start <= addr))
		return vma;
	mmap_read_unlock(mm);
	return NULL;
}
#endif /* CONFIG_LOCK_MM_AND_FIND_VMA */
