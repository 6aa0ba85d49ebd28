// SPDX-License-Identifier: GPL-2.0-only
/*
 * What x86's do_user_addr_fault() does with locks: try the per-VMA lock
 * (lock_vma_under_rcu), handle the fault and vma_end_read(); if that is
 * not possible, fall back to lock_mm_and_find_vma() under mmap_lock.
 * Counts VMA_LOCK_SUCCESS, VMA_LOCK_RETRY (and, in lock_vma_under_rcu,
 * VMA_LOCK_ABORT and VMA_LOCK_MISS).
 */
#include <linux/mm.h>
#include <linux/mmap_lock.h>
#include <linux/sched/signal.h>
#include <linux/vmstat.h>

static bool access_error(unsigned int flags, struct vm_area_struct *vma)
{
	if (flags & FAULT_FLAG_WRITE)
		return !(vma->vm_flags & VM_WRITE);
	return !(vma->vm_flags & (VM_READ | VM_EXEC | VM_WRITE));
}

int do_user_addr_fault(struct mm_struct *mm, unsigned long address,
		       unsigned int flags)
{
	struct vm_area_struct *vma;
	vm_fault_t fault;

	count_vm_event(PGFAULT);
#ifdef CONFIG_PER_VMA_LOCK
	if (!(flags & FAULT_FLAG_USER))
		goto lock_mmap;

	vma = lock_vma_under_rcu(mm, address);
	if (!vma)
		goto lock_mmap;

	if (unlikely(access_error(flags, vma))) {
		vma_end_read(vma);
		count_vm_vma_lock_event(VMA_LOCK_SUCCESS);
		return -EFAULT;
	}
	fault = handle_mm_fault(vma, address, flags | FAULT_FLAG_VMA_LOCK,
				NULL);
	if (!(fault & (VM_FAULT_RETRY | VM_FAULT_COMPLETED)))
		vma_end_read(vma);
	if (!(fault & VM_FAULT_RETRY)) {
		count_vm_vma_lock_event(VMA_LOCK_SUCCESS);
		goto done;
	}
	count_vm_vma_lock_event(VMA_LOCK_RETRY);
	if (fatal_signal_pending(current))
		return -EINTR;
lock_mmap:
#endif /* CONFIG_PER_VMA_LOCK */
	vma = lock_mm_and_find_vma(mm, address, NULL);
	if (unlikely(!vma))
		return -EFAULT;
	if (unlikely(access_error(flags, vma))) {
		mmap_read_unlock(mm);
		return -EFAULT;
	}
	fault = handle_mm_fault(vma, address, flags, NULL);
	mmap_read_unlock(mm);
#ifdef CONFIG_PER_VMA_LOCK
done:
#endif
	return (fault & VM_FAULT_SIGSEGV) ? -EFAULT : 0;
}
