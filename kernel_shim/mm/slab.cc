// SPDX-License-Identifier: GPL-2.0-only
//
// Slab caches and kmalloc on malloc (see <linux/slab.h> for the rules).
#include <malloc.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>
#include <vector>

#include <linux/lockdep.h>
#include <linux/poison.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <shim/lkmm.h>

namespace {

size_t round_up_to(size_t size, size_t align)
{
	return (size + align - 1) / align * align;
}

} // namespace

struct kmem_cache {
	std::string name;
	size_t size;
	size_t align;
	slab_flags_t flags;
	void (*ctor)(void *);

	std::mutex lock;
	// SLAB_TYPESAFE_BY_RCU only: freed objects, reused last-in first-out.
	std::vector<void *> free_objects;
	unsigned long active = 0;
	unsigned long reused = 0;

	bool typesafe() const { return flags & SLAB_TYPESAFE_BY_RCU; }

	// A new object's memory holds whatever the page held before: as in
	// the kernel (without init_on_alloc), only the constructor and
	// __GFP_ZERO initialize it. POISON_INUSE makes code that relies on
	// fresh memory being zero fail every time, not by chance.
	void *allocate_memory() const
	{
		size_t bytes = round_up_to(size, align);
		void *p = std::aligned_alloc(align, bytes);
		if (!p)
			return nullptr;
		std::memset(p, POISON_INUSE, bytes);
		if (ctor)
			ctor(p);
		return p;
	}
};

namespace {

void release_memory(std::vector<void *> objects)
{
	if (objects.empty())
		return;
	// A reader may still look at them until a grace period passes.
	synchronize_rcu();
	for (void *p : objects)
		std::free(p);
}

} // namespace

extern "C" {

struct kmem_cache *kmem_cache_create(const char *name, unsigned int size,
				     unsigned int align, slab_flags_t flags,
				     void (*ctor)(void *))
{
	auto *s = new kmem_cache;
	s->name = name;
	s->size = size ? size : 1;
	s->align = align < sizeof(void *) ? sizeof(void *) : align;
	if (flags & SLAB_HWCACHE_ALIGN && s->align < 64)
		s->align = 64;
	s->flags = flags;
	s->ctor = ctor;
	return s;
}

void *kmem_cache_alloc(struct kmem_cache *s, gfp_t flags)
{
	void *p = nullptr;
	{
		std::lock_guard<std::mutex> hold(s->lock);
		if (s->typesafe() && !s->free_objects.empty()) {
			p = s->free_objects.back();
			s->free_objects.pop_back();
			s->reused++;
		}
		s->active++;
	}
	if (!p)
		p = s->allocate_memory();
	if (p && shim_lkmm_on())
		shim_lkmm_forget(p, s->size);
	if (p && (flags & __GFP_ZERO))
		std::memset(p, 0, s->size);
	return p;
}

void kmem_cache_free(struct kmem_cache *s, void *objp)
{
	if (!objp)
		return;
	debug_check_no_locks_freed(objp, s->size);
	std::lock_guard<std::mutex> hold(s->lock);
	s->active--;
	if (s->typesafe())
		s->free_objects.push_back(objp);
	else
		std::free(objp);
}

int kmem_cache_shrink(struct kmem_cache *s)
{
	std::vector<void *> objects;
	{
		std::lock_guard<std::mutex> hold(s->lock);
		objects.swap(s->free_objects);
	}
	release_memory(std::move(objects));
	return 0;
}

unsigned long kmem_cache_nr_active(struct kmem_cache *s)
{
	std::lock_guard<std::mutex> hold(s->lock);
	return s->active;
}

unsigned long kmem_cache_nr_reused(struct kmem_cache *s)
{
	std::lock_guard<std::mutex> hold(s->lock);
	return s->reused;
}

void kmem_cache_destroy(struct kmem_cache *s)
{
	if (!s)
		return;
	if (s->typesafe())
		rcu_barrier();
	unsigned long active;
	{
		std::lock_guard<std::mutex> hold(s->lock);
		active = s->active;
	}
	WARN(active, "kmem_cache_destroy %s: Slab cache still has objects\n",
	     s->name.c_str());
	kmem_cache_shrink(s);
	delete s;
}

// As the kernel's kmalloc caches: a power-of-two size is naturally
// aligned (up to a page), anything else to 16 bytes at least.
void *kmalloc(size_t size, gfp_t flags)
{
	size_t align = 16;
	while (align < 4096 && align * 2 <= size)
		align *= 2;
	size_t rounded = round_up_to(size, align);
	void *p = std::aligned_alloc(align, rounded ? rounded : align);
	if (p && shim_lkmm_on())
		shim_lkmm_forget(p, size);
	if (p && (flags & __GFP_ZERO))
		std::memset(p, 0, size);
	return p;
}

void *kzalloc(size_t size, gfp_t flags)
{
	return kmalloc(size, flags | __GFP_ZERO);
}

void *kcalloc(size_t n, size_t size, gfp_t flags)
{
	if (size && n > SIZE_MAX / size)
		return nullptr;
	return kmalloc(n * size, flags | __GFP_ZERO);
}

void *krealloc(const void *p, size_t new_size, gfp_t flags)
{
	(void)flags;
	return std::realloc(const_cast<void *>(p), new_size);
}

void kfree(const void *objp)
{
	if (!objp)
		return;
	debug_check_no_locks_freed(objp, malloc_usable_size(const_cast<void *>(objp)));
	std::free(const_cast<void *>(objp));
}

} // extern "C"
