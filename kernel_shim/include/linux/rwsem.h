/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Read-write semaphores, on futexes (through the task sleep/wake model;
 * pthread_rwlock cannot downgrade).
 *
 * @count holds the reader count (in units of RWSEM_READER_BIAS) and the
 * RWSEM_WRITER_LOCKED and RWSEM_FLAG_WAITERS bits. Waiters queue in FIFO
 * order and the lock is handed to them directly; while anyone waits, new
 * readers queue too, so a stream of readers cannot starve a writer.
 */
#ifndef _LINUX_RWSEM_H
#define _LINUX_RWSEM_H

#include <linux/atomic.h>
#include <linux/list.h>
#include <linux/lockdep.h>
#include <linux/cleanup.h>
#include <linux/spinlock_types.h>
#include <linux/err.h>
#include <linux/bug.h>
#include <linux/cache.h>
#include <linux/export.h>
#include <linux/limits.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RWSEM_WRITER_LOCKED (1UL << 0)
#define RWSEM_FLAG_WAITERS (1UL << 1)
#define RWSEM_READER_SHIFT 8
#define RWSEM_READER_BIAS (1UL << RWSEM_READER_SHIFT)
#define RWSEM_READER_MASK (~(RWSEM_READER_BIAS - 1))

struct rw_semaphore {
	atomic_long_t count;
	atomic_long_t owner;	/* the writer's task_struct, or 0 */
	raw_spinlock_t wait_lock;
	struct list_head wait_list;
#ifdef CONFIG_DEBUG_LOCK_ALLOC
	struct lockdep_map dep_map;
#endif
};

#ifdef CONFIG_DEBUG_LOCK_ALLOC
#define __RWSEM_DEP_MAP_INIT(lockname) \
	, .dep_map = { .name = #lockname, .wait_type_inner = LD_WAIT_SLEEP }
#else
#define __RWSEM_DEP_MAP_INIT(lockname)
#endif

#define __RWSEM_INITIALIZER(name)                                  \
	{ .count = ATOMIC_LONG_INIT(0), .owner = ATOMIC_LONG_INIT(0), \
	  .wait_lock = { 0 },                                      \
	  .wait_list = LIST_HEAD_INIT((name).wait_list)            \
	  __RWSEM_DEP_MAP_INIT(name) }

#define DECLARE_RWSEM(name) struct rw_semaphore name = __RWSEM_INITIALIZER(name)

void __init_rwsem(struct rw_semaphore *sem, const char *name,
		  struct lock_class_key *key);

#define init_rwsem(sem)                                  \
	do {                                             \
		static struct lock_class_key __key;      \
		__init_rwsem((sem), #sem, &__key);       \
	} while (0)

static inline int rwsem_is_locked(struct rw_semaphore *sem)
{
	return (atomic_long_read(&sem->count) &
		(RWSEM_WRITER_LOCKED | RWSEM_READER_MASK)) != 0;
}

static inline int rwsem_is_contended(struct rw_semaphore *sem)
{
	return !list_empty(&sem->wait_list);
}

void down_read(struct rw_semaphore *sem);
int __must_check down_read_interruptible(struct rw_semaphore *sem);
int __must_check down_read_killable(struct rw_semaphore *sem);
int down_read_trylock(struct rw_semaphore *sem);
void down_write(struct rw_semaphore *sem);
int __must_check down_write_killable(struct rw_semaphore *sem);
int down_write_trylock(struct rw_semaphore *sem);
void up_read(struct rw_semaphore *sem);
void up_write(struct rw_semaphore *sem);
void downgrade_write(struct rw_semaphore *sem);

#ifdef CONFIG_DEBUG_LOCK_ALLOC
void down_read_nested(struct rw_semaphore *sem, int subclass);
int down_read_killable_nested(struct rw_semaphore *sem, int subclass);
void down_write_nested(struct rw_semaphore *sem, int subclass);
int down_write_killable_nested(struct rw_semaphore *sem, int subclass);
void _down_write_nest_lock(struct rw_semaphore *sem, struct lockdep_map *nest);
void down_read_non_owner(struct rw_semaphore *sem);
void up_read_non_owner(struct rw_semaphore *sem);
#define down_write_nest_lock(sem, nest_lock) \
	_down_write_nest_lock(sem, &(nest_lock)->dep_map)
#else
#define down_read_nested(sem, subclass) down_read(sem)
#define down_read_killable_nested(sem, subclass) down_read_killable(sem)
#define down_write_nested(sem, subclass) down_write(sem)
#define down_write_killable_nested(sem, subclass) down_write_killable(sem)
#define down_write_nest_lock(sem, nest_lock) down_write(sem)
#define down_read_non_owner(sem) down_read(sem)
#define up_read_non_owner(sem) up_read(sem)
#endif

static inline void rwsem_assert_held_nolockdep(const struct rw_semaphore *sem)
{
	WARN_ON(!(atomic_long_read(&sem->count) &
		  (RWSEM_WRITER_LOCKED | RWSEM_READER_MASK)));
}

static inline void
rwsem_assert_held_write_nolockdep(const struct rw_semaphore *sem)
{
	WARN_ON(!(atomic_long_read(&sem->count) & RWSEM_WRITER_LOCKED));
}

static inline void rwsem_assert_held(const struct rw_semaphore *sem)
{
	if (IS_ENABLED(CONFIG_LOCKDEP))
		lockdep_assert_held(sem);
	else
		rwsem_assert_held_nolockdep(sem);
}

static inline void rwsem_assert_held_write(const struct rw_semaphore *sem)
{
	if (IS_ENABLED(CONFIG_LOCKDEP))
		lockdep_assert_held_write(sem);
	else
		rwsem_assert_held_write_nolockdep(sem);
}

DEFINE_GUARD(rwsem_read, struct rw_semaphore *, down_read(_T), up_read(_T))
DEFINE_GUARD(rwsem_write, struct rw_semaphore *, down_write(_T), up_write(_T))

#ifdef __cplusplus
}
#endif

#endif /* _LINUX_RWSEM_H */
