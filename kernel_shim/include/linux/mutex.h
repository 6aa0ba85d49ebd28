/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Mutexes: a sleeping exclusive lock, the write side of the rwsem core
 * (one sleeping-lock mechanism, and one set of lockdep and TSan
 * annotations, serves both), with its own lockdep class.
 */
#ifndef _LINUX_MUTEX_H
#define _LINUX_MUTEX_H

#include <linux/rwsem.h>
#include <linux/bug.h>
#include <linux/cache.h>
#include <linux/export.h>
#include <linux/limits.h>

#ifdef __cplusplus
extern "C" {
#endif

struct mutex {
	union {
		struct rw_semaphore sem;
#ifdef CONFIG_DEBUG_LOCK_ALLOC
		/* So that lockdep_is_held(&mutex) finds the map. */
		struct {
			u8 __padding[offsetof(struct rw_semaphore, dep_map)];
			struct lockdep_map dep_map;
		};
#endif
	};
};

#define __MUTEX_INITIALIZER(name) { .sem = __RWSEM_INITIALIZER((name).sem) }
#define DEFINE_MUTEX(name) struct mutex name = __MUTEX_INITIALIZER(name)

void __mutex_init(struct mutex *lock, const char *name,
		  struct lock_class_key *key);
#define mutex_init(mutex)                                    \
	do {                                                 \
		static struct lock_class_key __key;          \
		__mutex_init((mutex), #mutex, &__key);       \
	} while (0)

void mutex_lock(struct mutex *lock);
void mutex_lock_nested(struct mutex *lock, unsigned int subclass);
int __must_check mutex_lock_interruptible(struct mutex *lock);
int __must_check mutex_lock_killable(struct mutex *lock);
int mutex_trylock(struct mutex *lock);
void mutex_unlock(struct mutex *lock);

static inline bool mutex_is_locked(struct mutex *lock)
{
	return rwsem_is_locked(&lock->sem);
}

#define mutex_destroy(lock) do { (void)(lock); } while (0)

DEFINE_GUARD(mutex, struct mutex *, mutex_lock(_T), mutex_unlock(_T))

#ifdef __cplusplus
}
#endif

#endif /* _LINUX_MUTEX_H */
