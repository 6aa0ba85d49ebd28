/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Spinlocks: a test-and-set lock that yields the CPU while it spins (the
 * machines here have two cores, and a preempted holder must get to run).
 * Holding one counts as atomic context (preempt_count), annotated for
 * lockdep and, as a mutex, for ThreadSanitizer.
 */
#ifndef _LINUX_SPINLOCK_H
#define _LINUX_SPINLOCK_H

#include <linux/spinlock_types.h>
#include <linux/lockdep.h>
#include <linux/cleanup.h>
#include <linux/preempt.h>
#include <linux/cache.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/list.h>

#ifdef __cplusplus
extern "C" {
#endif

void __raw_spin_lock_init(raw_spinlock_t *lock, const char *name,
			  struct lock_class_key *key);
void _raw_spin_lock(raw_spinlock_t *lock);
void _raw_spin_lock_nested(raw_spinlock_t *lock, int subclass);
int _raw_spin_trylock(raw_spinlock_t *lock);
void _raw_spin_unlock(raw_spinlock_t *lock);

#define raw_spin_lock_init(lock)                                 \
	do {                                                     \
		static struct lock_class_key __key;              \
		__raw_spin_lock_init((lock), #lock, &__key);     \
	} while (0)
#define spin_lock_init(lock)                                         \
	do {                                                         \
		static struct lock_class_key __key;                  \
		__raw_spin_lock_init(&(lock)->rlock, #lock, &__key); \
	} while (0)

#define raw_spin_lock(lock) _raw_spin_lock(lock)
#define raw_spin_lock_nested(lock, sub) _raw_spin_lock_nested(lock, sub)
#define raw_spin_trylock(lock) _raw_spin_trylock(lock)
#define raw_spin_unlock(lock) _raw_spin_unlock(lock)
#define raw_spin_lock_irq(lock) raw_spin_lock(lock)
#define raw_spin_unlock_irq(lock) raw_spin_unlock(lock)
#define raw_spin_lock_irqsave(lock, flags) \
	do { (flags) = 0; raw_spin_lock(lock); } while (0)
#define raw_spin_unlock_irqrestore(lock, flags) \
	do { (void)(flags); raw_spin_unlock(lock); } while (0)
#define raw_spin_is_locked(lock) (READ_ONCE((lock)->locked) != 0)

static inline void spin_lock(spinlock_t *lock)
{
	raw_spin_lock(&lock->rlock);
}

static inline void spin_lock_nested(spinlock_t *lock, int subclass)
{
	raw_spin_lock_nested(&lock->rlock, subclass);
}

static inline int spin_trylock(spinlock_t *lock)
{
	return raw_spin_trylock(&lock->rlock);
}

static inline void spin_unlock(spinlock_t *lock)
{
	raw_spin_unlock(&lock->rlock);
}

static inline int spin_is_locked(spinlock_t *lock)
{
	return raw_spin_is_locked(&lock->rlock);
}

#define spin_lock_bh(lock) spin_lock(lock)
#define spin_unlock_bh(lock) spin_unlock(lock)
#define spin_lock_irq(lock) spin_lock(lock)
#define spin_unlock_irq(lock) spin_unlock(lock)
#define spin_lock_irqsave(lock, flags) \
	do { (flags) = 0; spin_lock(lock); } while (0)
#define spin_unlock_irqrestore(lock, flags) \
	do { (void)(flags); spin_unlock(lock); } while (0)

#define assert_raw_spin_locked(lock) BUG_ON(!raw_spin_is_locked(lock))
#define assert_spin_locked(lock) assert_raw_spin_locked(&(lock)->rlock)

DEFINE_GUARD(spinlock, spinlock_t *, spin_lock(_T), spin_unlock(_T))
DEFINE_GUARD(raw_spinlock, raw_spinlock_t *, raw_spin_lock(_T),
	     raw_spin_unlock(_T))

#ifdef __cplusplus
}
#endif

#endif /* _LINUX_SPINLOCK_H */
