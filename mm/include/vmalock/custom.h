/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * User-space only. CUSTOM: what the kernel has in another shape. The
 * address space's entry points take the mm explicitly (there is no
 * current->mm to fault in), and a few of the kernel's statics are
 * exported so that tests can watch them.
 */
#ifndef _VMALOCK_CUSTOM_H
#define _VMALOCK_CUSTOM_H

#include <linux/atomic.h>
#include <linux/mm_types.h>

struct kmem_cache;

/*
 * What an architecture's page-fault handler does: the per-VMA lock
 * first, mmap_lock if that fails. 0, or -EFAULT where the task would get
 * SIGSEGV.
 */
int do_user_addr_fault(struct mm_struct *mm, unsigned long address,
		       unsigned int flags);

/*
 * The address space: each takes the mmap write lock itself. Addresses
 * and lengths are page-aligned by the callers; errors are -errno.
 */
unsigned long vm_mmap(struct mm_struct *mm, unsigned long addr,
		      unsigned long len, vm_flags_t flags);
int vm_munmap(struct mm_struct *mm, unsigned long start, size_t len);
int do_mprotect(struct mm_struct *mm, unsigned long start, size_t len,
		vm_flags_t prot);
unsigned long do_mremap(struct mm_struct *mm, unsigned long addr,
			unsigned long len, unsigned long new_addr);

/* Under the mmap write lock (the kernel's take a file, a vma_iterator,
 * a list of unmapped areas...). */
unsigned long do_mmap(struct mm_struct *mm, unsigned long addr,
		      unsigned long len, vm_flags_t flags);
int do_munmap(struct mm_struct *mm, unsigned long start, size_t len);
/* Split @vma at @addr; both halves stay in the tree. */
int split_vma(struct mm_struct *mm, struct vm_area_struct *vma,
	      unsigned long addr);

/* The VMA cache (static in kernel/fork.c), so that tests can watch
 * objects being reused. */
extern struct kmem_cache *vm_area_cachep;

/*
 * The checker that handle_mm_fault() runs on every fault (mm/
 * fault_check.c, not the kernel's): the VMA it is given must be sound.
 * A violation is a kernel-format WARN and counts here.
 */
void vmalock_fault_check(struct vm_area_struct *vma, unsigned long address);
extern atomic_long_t fault_invariant_violations;

#endif /* _VMALOCK_CUSTOM_H */
