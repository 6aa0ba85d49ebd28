/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The part of <linux/mm.h> the VMA code needs, and the user-space
 * address space's entry points (mm/mmap.c, mm/vma.c, mm/mprotect.c,
 * mm/mremap.c, mm/memory.c, arch/x86/mm/fault.c).
 */
#ifndef _LINUX_MM_H
#define _LINUX_MM_H

#include <linux/err.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/maple_tree.h>
#include <linux/mm_types.h>
#include <linux/mmap_lock.h>
#include <linux/mmdebug.h>
#include <linux/sched/mm.h>
#include <linux/vmstat.h>

#define VM_NONE 0x00000000UL
#define VM_READ 0x00000001UL
#define VM_WRITE 0x00000002UL
#define VM_EXEC 0x00000004UL
#define VM_SHARED 0x00000008UL
#define VM_MAYREAD 0x00000010UL
#define VM_MAYWRITE 0x00000020UL
#define VM_MAYEXEC 0x00000040UL
#define VM_GROWSDOWN 0x00000100UL
#define VM_LOCKED 0x00002000UL
#define VM_ACCESS_FLAGS (VM_READ | VM_WRITE | VM_EXEC)

/* The page protection a set of flags implies (a pure function). */
static inline pgprot_t vm_get_page_prot(vm_flags_t vm_flags)
{
	pgprot_t prot = { (vm_flags & VM_ACCESS_FLAGS) | 0x8000UL };

	return prot;
}

/* Flag updates write-lock the VMA first, as the kernel's helpers do. */
static inline void vm_flags_init(struct vm_area_struct *vma, vm_flags_t flags)
{
	vma->vm_flags = flags;
}

static inline void vm_flags_reset(struct vm_area_struct *vma, vm_flags_t flags)
{
	vma_assert_write_locked(vma);
	vm_flags_init(vma, flags);
}

static inline void vm_flags_set(struct vm_area_struct *vma, vm_flags_t flags)
{
	vma_start_write(vma);
	vma->vm_flags |= flags;
}

static inline void vm_flags_clear(struct vm_area_struct *vma, vm_flags_t flags)
{
	vma_start_write(vma);
	vma->vm_flags &= ~flags;
}

static inline unsigned long vma_pages(const struct vm_area_struct *vma)
{
	return (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
}

/* The VMA lifetime: one SLAB_TYPESAFE_BY_RCU cache for every mm. */
struct vm_area_struct *vm_area_alloc(struct mm_struct *mm);
struct vm_area_struct *vm_area_dup(struct vm_area_struct *orig);
void vm_area_free(struct vm_area_struct *vma);
/* The VMA cache itself, so that tests can watch objects being reused. */
extern struct kmem_cache *vm_area_cachep;

#define VMA_ITERATOR(name, __mm, __addr)                                  \
	struct vma_iterator name = {                                      \
		.mas = { .tree = &(__mm)->mm_mt, .index = (__addr),       \
			 .last = (__addr) },                              \
	}

static inline void vma_iter_init(struct vma_iterator *vmi,
				 struct mm_struct *mm, unsigned long addr)
{
	vmi->mas.tree = &mm->mm_mt;
	mas_set(&vmi->mas, addr);
}

static inline void vma_iter_set(struct vma_iterator *vmi, unsigned long addr)
{
	mas_set(&vmi->mas, addr);
}

/* The next VMA at or after the iterator's position; advances past it. */
static inline struct vm_area_struct *vma_next(struct vma_iterator *vmi)
{
	struct vm_area_struct *vma = mas_find(&vmi->mas, ULONG_MAX);

	if (vma)
		mas_set(&vmi->mas, vma->vm_end);
	return vma;
}

/* The next VMA starting before @max. */
static inline struct vm_area_struct *vma_find(struct vma_iterator *vmi,
					      unsigned long max)
{
	struct vm_area_struct *vma = mas_find(&vmi->mas, max - 1);

	if (vma)
		mas_set(&vmi->mas, vma->vm_end);
	return vma;
}

static inline struct vm_area_struct *vma_prev(struct vma_iterator *vmi)
{
	struct vm_area_struct *vma = mas_prev(&vmi->mas, 0);

	if (vma)
		mas_set(&vmi->mas, vma->vm_start);
	return vma;
}

/* Put @vma over its range (mmap write lock held). */
static inline int vma_iter_store_gfp(struct vma_iterator *vmi,
				     struct vm_area_struct *vma, gfp_t gfp)
{
	mas_set_range(&vmi->mas, vma->vm_start, vma->vm_end - 1);
	return mas_store_gfp(&vmi->mas, vma, gfp);
}

/* Clear [start, end) (mmap write lock held). */
static inline int vma_iter_clear_gfp(struct vma_iterator *vmi,
				     unsigned long start, unsigned long end,
				     gfp_t gfp)
{
	mas_set_range(&vmi->mas, start, end - 1);
	return mas_store_gfp(&vmi->mas, NULL, gfp);
}

#define for_each_vma(__vmi, __vma) \
	while (((__vma) = vma_next(&(__vmi))) != NULL)

#define for_each_vma_range(__vmi, __vma, __end) \
	while (((__vma) = vma_find(&(__vmi), (__end))) != NULL)

/* The first VMA ending after @addr, or NULL (mmap lock held). */
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr);

/* The VMA containing @addr, or NULL (mmap lock held). */
static inline struct vm_area_struct *vma_lookup(struct mm_struct *mm,
						unsigned long addr)
{
	return mtree_load(&mm->mm_mt, addr);
}

/* Faults come from "user mode" here; there are no kernel faults to fix up. */
struct pt_regs {
	unsigned long ip;
};

static inline bool user_mode(struct pt_regs *regs)
{
	return true;
}

static inline unsigned long exception_ip(struct pt_regs *regs)
{
	return regs->ip;
}

/* Stacks do not grow down into unmapped space in this address space. */
static inline int expand_stack_locked(struct vm_area_struct *vma,
				      unsigned long addr)
{
	return -ENOMEM;
}

/*
 * The fault path. lock_mm_and_find_vma() takes the mmap read lock and
 * returns the VMA for @addr (the lock held), or NULL with the lock
 * dropped.
 */
struct vm_area_struct *lock_mm_and_find_vma(struct mm_struct *mm,
					    unsigned long addr,
					    struct pt_regs *regs);

#define FAULT_FLAG_WRITE 0x01
#define FAULT_FLAG_USER 0x02
#define FAULT_FLAG_VMA_LOCK 0x04

typedef unsigned int vm_fault_t;
#define VM_FAULT_SIGSEGV 0x0001
#define VM_FAULT_RETRY 0x0002
#define VM_FAULT_COMPLETED 0x0004

/* Handle a fault on @address in @vma, held locked by the caller. */
vm_fault_t handle_mm_fault(struct vm_area_struct *vma, unsigned long address,
			   unsigned int flags, struct pt_regs *regs);

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

/* Under the mmap write lock. */
unsigned long do_mmap(struct mm_struct *mm, unsigned long addr,
		      unsigned long len, vm_flags_t flags);
int do_munmap(struct mm_struct *mm, unsigned long start, size_t len);
/* Split @vma at @addr; both halves stay in the tree. */
int split_vma(struct mm_struct *mm, struct vm_area_struct *vma,
	      unsigned long addr);
/* Tear down every VMA of a dying address space. */
void exit_mmap(struct mm_struct *mm);

/*
 * Invariants the fault handler checks on every fault (see mm/memory.c);
 * the number of violations seen so far.
 */
extern atomic_long_t fault_invariant_violations;

#endif /* _LINUX_MM_H */
