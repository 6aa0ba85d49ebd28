/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The part of <linux/mm.h> the VMA code needs, in the kernel's shape.
 * What user space stubs or changes is in <vmalock/stubs.h> and
 * <vmalock/custom.h>, and what a kernel tree of another era lacks in
 * <vmalock/mmap_lock_compat.h>, all included at the end.
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

struct pt_regs;

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

/* Tear down every VMA of a dying address space. */
void exit_mmap(struct mm_struct *mm);

/*
 * Not the kernel's: what this user-space address space stubs out or
 * shapes differently (see the headers' own comments).
 */
#include <vmalock/stubs.h>
#include <vmalock/custom.h>
#include <vmalock/mmap_lock_compat.h>

#endif /* _LINUX_MM_H */
