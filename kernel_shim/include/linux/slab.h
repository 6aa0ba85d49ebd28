/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Slab caches and kmalloc.
 *
 * An ordinary cache allocates and frees each object with malloc/free, so
 * ASan sees a use after free. A SLAB_TYPESAFE_BY_RCU cache keeps freed
 * objects and hands them out again at once (last freed, first reused, by
 * any user of the cache), so that the reuse races the flag exists for are
 * really exercised; an object's memory goes back to malloc only after a
 * grace period (kmem_cache_shrink/destroy). The constructor runs once per
 * object's memory, not on each allocation, as in the kernel.
 */
#ifndef _LINUX_SLAB_H
#define _LINUX_SLAB_H

#include <linux/types.h>
#include <linux/gfp.h>
#include <linux/cleanup.h>
#include <asm/barrier.h>
#include <linux/atomic.h>
#include <linux/bug.h>
#include <linux/cache.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/limits.h>
#include <linux/list.h>
#include <linux/lockdep_types.h>
#include <linux/printk.h>
#include <linux/refcount_types.h>
#include <linux/spinlock_types.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef unsigned int slab_flags_t;

#define SLAB_HWCACHE_ALIGN 0x00002000u
#define SLAB_PANIC 0x00040000u
#define SLAB_TYPESAFE_BY_RCU 0x00080000u
#define SLAB_ACCOUNT 0x04000000u
#define SLAB_NO_MERGE 0x01000000u

struct kmem_cache;

struct kmem_cache *kmem_cache_create(const char *name, unsigned int size,
				     unsigned int align, slab_flags_t flags,
				     void (*ctor)(void *));
void kmem_cache_destroy(struct kmem_cache *s);
void *kmem_cache_alloc(struct kmem_cache *s, gfp_t flags) __malloc;
void kmem_cache_free(struct kmem_cache *s, void *objp);
/* Give back (after a grace period) the memory of a cache's free objects. */
int kmem_cache_shrink(struct kmem_cache *s);
/* How many objects of @s are allocated now, and how many were reused. */
unsigned long kmem_cache_nr_active(struct kmem_cache *s);
unsigned long kmem_cache_nr_reused(struct kmem_cache *s);

static inline void *kmem_cache_zalloc(struct kmem_cache *k, gfp_t flags)
{
	return kmem_cache_alloc(k, flags | __GFP_ZERO);
}

#define KMEM_CACHE(__struct, __flags)                                    \
	kmem_cache_create(#__struct, sizeof(struct __struct),            \
			  __alignof__(struct __struct), (__flags), NULL)

void *kmalloc(size_t size, gfp_t flags) __malloc;
void *kzalloc(size_t size, gfp_t flags) __malloc;
void *kcalloc(size_t n, size_t size, gfp_t flags) __malloc;
void *krealloc(const void *p, size_t new_size, gfp_t flags);
void kfree(const void *objp);
#define kvmalloc kmalloc
#define kvzalloc kzalloc
#define kvfree kfree
#define kmalloc_array(n, size, flags) kcalloc(n, size, (flags) & ~__GFP_ZERO)

DEFINE_FREE(kfree, void *, if (_T) kfree(_T))

#ifdef __cplusplus
}
#endif

#endif /* _LINUX_SLAB_H */
