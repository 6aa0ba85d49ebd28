// SPDX-License-Identifier: GPL-2.0-only
/*
 * TEST FIXTURE, user-space only: the out-of-line half of the per-VMA lock
 * in the shape of the 6.15/6.16 kernels (see the fixture's
 * include/linux/mmap_lock.h): __vma_enter_locked()/__vma_exit_locked(),
 * __vma_start_write(vma, mm_lock_seq), vma_mark_detached() out of line,
 * and lock_vma_under_rcu() holding RCU across vma_start_read().
 */
#include <linux/mm.h>
#include <linux/mmap_lock.h>
#include <linux/rcupdate.h>
#include <linux/export.h>

#ifdef CONFIG_PER_VMA_LOCK

/*
 * Add VMA_LOCK_OFFSET and wait until only the writer is left: false at
 * once (nothing to end) if the VMA is detached.
 */
static bool __vma_enter_locked(struct vm_area_struct *vma, bool detaching)
{
	unsigned int target = VMA_LOCK_OFFSET + (detaching ? 0 : 1);

	/* Only vma_mark_attached() raises a 0, and we hold its lock. */
	if (!refcount_add_not_zero(VMA_LOCK_OFFSET, &vma->vm_refcnt))
		return false;
	rwsem_acquire(&vma->vmlock_dep_map, 0, 0, _RET_IP_);
	rcuwait_wait_event(&vma->vm_mm->vma_writer_wait,
			   refcount_read(&vma->vm_refcnt) == target,
			   TASK_UNINTERRUPTIBLE);
	lock_acquired(&vma->vmlock_dep_map, _RET_IP_);
	return true;
}

static void __vma_exit_locked(struct vm_area_struct *vma, bool *detached)
{
	*detached = refcount_sub_and_test(VMA_LOCK_OFFSET, &vma->vm_refcnt);
	rwsem_release(&vma->vmlock_dep_map, _RET_IP_);
}

void __vma_start_write(struct vm_area_struct *vma, unsigned int mm_lock_seq)
{
	bool locked = __vma_enter_locked(vma, false);

	/* WRITE_ONCE: vma_start_read() peeks at it without a reference. */
	WRITE_ONCE(vma->vm_lock_seq, mm_lock_seq);
	if (locked) {
		bool detached;

		__vma_exit_locked(vma, &detached);
		WARN_ON_ONCE(detached);	/* it must stay attached */
	}
}
EXPORT_SYMBOL_GPL(__vma_start_write);

/*
 * The VMA is write-locked and out of the tree: readers can hold it only
 * between their increment and their look at the sequence. Wait for them.
 */
void vma_mark_detached(struct vm_area_struct *vma)
{
	vma_assert_write_locked(vma);
	vma_assert_attached(vma);
	if (likely(refcount_dec_and_test(&vma->vm_refcnt)))
		return;
	if (__vma_enter_locked(vma, true)) {
		bool detached;

		__vma_exit_locked(vma, &detached);
		WARN_ON_ONCE(!detached);
	}
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

	rcu_read_lock();
retry:
	vma = mas_walk(&mas);
	if (!vma)
		goto inval;

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

	/* Reused for another range of this mm? */
	if (unlikely(address < vma->vm_start || address >= vma->vm_end)) {
		vma_end_read(vma);
		goto inval;
	}
	rcu_read_unlock();
	return vma;

inval:
	rcu_read_unlock();
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
