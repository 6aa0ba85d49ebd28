// SPDX-License-Identifier: GPL-2.0-only
/*
 * VMA allocation: one SLAB_TYPESAFE_BY_RCU cache shared by every mm, as
 * in the kernel since 2025. A freed VMA can be handed to another mm at
 * once while a lockless reader still holds a pointer to it; vm_refcnt
 * (0 while free) and vm_lock_seq are what such a reader looks at, so
 * they are never rewritten with plain stores here.
 */
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>

struct kmem_cache *vm_area_cachep;

/* Runs once per object's memory: vm_refcnt starts (and stays) 0. */
static void vm_area_ctor(void *object)
{
	struct vm_area_struct *vma = object;

	vma_lock_init(vma, true);
}

/* At start-up, as the kernel's boot-time cache init: before any thread. */
static void __attribute__((constructor)) vm_area_cache_init(void)
{
	vm_area_cachep = kmem_cache_create(
		"vm_area_struct", sizeof(struct vm_area_struct), 0,
		SLAB_TYPESAFE_BY_RCU | SLAB_HWCACHE_ALIGN | SLAB_PANIC,
		vm_area_ctor);
}

/*
 * Clear everything a stale reader does not look at before it holds a
 * reference: the fields in front of vm_lock_seq, and between it and
 * vm_refcnt.
 */
static void vma_clear(struct vm_area_struct *vma)
{
#ifdef CONFIG_PER_VMA_LOCK
	size_t seq = offsetof(struct vm_area_struct, vm_lock_seq);
	size_t after_seq = offsetofend(struct vm_area_struct, vm_lock_seq);
	size_t ref = offsetof(struct vm_area_struct, vm_refcnt);

	memset(vma, 0, seq);
	memset((char *)vma + after_seq, 0, ref - after_seq);
#else
	memset(vma, 0, sizeof(*vma));
#endif
}

static void vma_init(struct vm_area_struct *vma, struct mm_struct *mm)
{
	vma_clear(vma);
	vma->vm_mm = mm;
	vma_lock_init(vma, false);
}

struct vm_area_struct *vm_area_alloc(struct mm_struct *mm)
{
	struct vm_area_struct *vma;

	vma = kmem_cache_alloc(vm_area_cachep, GFP_KERNEL);
	if (!vma)
		return NULL;
	vma_init(vma, mm);
	return vma;
}

/* A detached copy of @orig (same mm, range and flags). */
struct vm_area_struct *vm_area_dup(struct vm_area_struct *orig)
{
	struct vm_area_struct *new = vm_area_alloc(orig->vm_mm);

	if (!new)
		return NULL;
	new->vm_start = orig->vm_start;
	new->vm_end = orig->vm_end;
	new->vm_flags = orig->vm_flags;
	new->vm_page_prot = orig->vm_page_prot;
	new->vm_pgoff = orig->vm_pgoff;
	new->anon_vma = orig->anon_vma;
	new->vm_private_data = orig->vm_private_data;
	return new;
}

void vm_area_free(struct vm_area_struct *vma)
{
	/* Readers may still look at it: it must go back detached. */
	vma_assert_detached(vma);
	kmem_cache_free(vm_area_cachep, vma);
}
