/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The lockdep API (include/linux/lockdep.h names). With CONFIG_LOCKDEP
 * the calls go to the engine in kernel_shim/kernel/locking/; without it,
 * everything compiles to nothing and struct lockdep_map takes no space.
 */
#ifndef _LINUX_LOCKDEP_H
#define _LINUX_LOCKDEP_H

#include <linux/lockdep_types.h>
#include <asm/bug.h>
#include <asm/barrier.h>
#include <linux/atomic.h>
#include <linux/bug.h>
#include <linux/cache.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/limits.h>
#include <linux/list.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SINGLE_DEPTH_NESTING 1

extern int debug_locks;
extern int debug_locks_silent;
int debug_locks_off(void);

#ifdef CONFIG_LOCKDEP

void lockdep_init_map_type(struct lockdep_map *lock, const char *name,
			   struct lock_class_key *key, int subclass,
			   u8 inner, u8 outer, u8 lock_type);
void lock_acquire(struct lockdep_map *lock, unsigned int subclass,
		  int trylock, int read, int check,
		  struct lockdep_map *nest_lock, unsigned long ip);
void lock_release(struct lockdep_map *lock, unsigned long ip);
void lock_acquired(struct lockdep_map *lock, unsigned long ip);
void lock_contended(struct lockdep_map *lock, unsigned long ip);
void lock_set_subclass(struct lockdep_map *lock, unsigned int subclass,
		       unsigned long ip);
void lock_downgrade(struct lockdep_map *lock, unsigned long ip);
int lock_is_held_type(const struct lockdep_map *lock, int read);
void lockdep_off(void);
void lockdep_on(void);
void lockdep_register_key(struct lock_class_key *key);
void lockdep_unregister_key(struct lock_class_key *key);
void lockdep_assert_none_held(const char *file, int line);
/* Task exit / end of test: report locks still held. */
void debug_check_no_locks_held(void);
/* Memory about to be freed must not contain a held lock. */
void debug_check_no_locks_freed(const void *from, unsigned long len);
int lockdep_depth_of_current(void);

static inline void lockdep_init_map_waits(struct lockdep_map *lock,
					  const char *name,
					  struct lock_class_key *key,
					  int subclass, u8 inner, u8 outer)
{
	lockdep_init_map_type(lock, name, key, subclass, inner, outer,
			      LD_LOCK_NORMAL);
}

static inline void lockdep_init_map_wait(struct lockdep_map *lock,
					 const char *name,
					 struct lock_class_key *key,
					 int subclass, u8 inner)
{
	lockdep_init_map_waits(lock, name, key, subclass, inner, LD_WAIT_INV);
}

static inline void lockdep_init_map(struct lockdep_map *lock, const char *name,
				    struct lock_class_key *key, int subclass)
{
	lockdep_init_map_wait(lock, name, key, subclass, LD_WAIT_INV);
}

#define lockdep_set_class(lock, key) \
	lockdep_init_map(&(lock)->dep_map, #key, key, 0)
#define lockdep_set_class_and_name(lock, key, name) \
	lockdep_init_map(&(lock)->dep_map, name, key, 0)
#define lockdep_set_class_and_subclass(lock, key, sub) \
	lockdep_init_map(&(lock)->dep_map, #key, key, sub)
#define lockdep_set_subclass(lock, sub)                                  \
	lockdep_init_map(&(lock)->dep_map, (lock)->dep_map.name,         \
			 (lock)->dep_map.key, sub)
#define lockdep_set_novalidate_class(lock) do { } while (0)
#define lockdep_match_class(lock, k) ((lock)->dep_map.key == (k))

#define lock_is_held(l) lock_is_held_type(l, -1)
#define lockdep_is_held(lock) lock_is_held(&(lock)->dep_map)
#define lockdep_is_held_type(lock, r) lock_is_held_type(&(lock)->dep_map, (r))

#define lockdep_assert(cond) \
	do { WARN_ON(debug_locks && !(cond)); } while (0)
#define lockdep_assert_once(cond) \
	do { WARN_ON_ONCE(debug_locks && !(cond)); } while (0)

#define lockdep_assert_held(l) lockdep_assert(lockdep_is_held(l))
#define lockdep_assert_held_write(l) lockdep_assert(lockdep_is_held_type(l, 0))
#define lockdep_assert_held_read(l) lockdep_assert(lockdep_is_held_type(l, 1))
#define lockdep_assert_held_once(l) lockdep_assert_once(lockdep_is_held(l))
#define lockdep_assert_not_held(l) lockdep_assert(!lockdep_is_held(l))
#define lockdep_assert_none_held_once() \
	lockdep_assert_once(lockdep_depth_of_current() == 0)

#define lock_acquire_exclusive(l, s, t, n, i) lock_acquire(l, s, t, 0, 1, n, i)
#define lock_acquire_shared(l, s, t, n, i) lock_acquire(l, s, t, 1, 1, n, i)
#define lock_acquire_shared_recursive(l, s, t, n, i) \
	lock_acquire(l, s, t, 2, 1, n, i)

#define lock_map_acquire(l) lock_acquire_exclusive(l, 0, 0, NULL, _THIS_IP_)
#define lock_map_acquire_read(l) \
	lock_acquire_shared_recursive(l, 0, 0, NULL, _THIS_IP_)
#define lock_map_release(l) lock_release(l, _THIS_IP_)

#define might_lock(lock)                                                    \
	do {                                                                \
		lock_acquire(&(lock)->dep_map, 0, 0, 0, 1, NULL, _THIS_IP_); \
		lock_release(&(lock)->dep_map, _THIS_IP_);                  \
	} while (0)
#define might_lock_read(lock)                                               \
	do {                                                                \
		lock_acquire(&(lock)->dep_map, 0, 0, 1, 1, NULL, _THIS_IP_); \
		lock_release(&(lock)->dep_map, _THIS_IP_);                  \
	} while (0)
#define might_lock_nested(lock, subclass)                                   \
	do {                                                                \
		lock_acquire(&(lock)->dep_map, subclass, 0, 1, 1, NULL,     \
			     _THIS_IP_);                                    \
		lock_release(&(lock)->dep_map, _THIS_IP_);                  \
	} while (0)

#define LOCK_CONTENDED(_lock, try, lock)                        \
	do {                                                    \
		if (!try(_lock)) {                              \
			lock_contended(&(_lock)->dep_map, _RET_IP_); \
			lock(_lock);                            \
		}                                               \
		lock_acquired(&(_lock)->dep_map, _RET_IP_);     \
	} while (0)

#else /* !CONFIG_LOCKDEP */

static inline void lockdep_off(void) {}
static inline void lockdep_on(void) {}
static inline int lockdep_depth_of_current(void)
{
	return 0;
}
static inline void debug_check_no_locks_held(void) {}
static inline void debug_check_no_locks_freed(const void *from,
					      unsigned long len)
{
	(void)from;
	(void)len;
}
#define lockdep_init_map_type(lock, name, key, sub, inner, outer, type) \
	do { (void)(name); (void)(key); } while (0)
#define lockdep_init_map_waits(lock, name, key, sub, inner, outer) \
	do { (void)(name); (void)(key); } while (0)
#define lockdep_init_map_wait(lock, name, key, sub, inner) \
	do { (void)(name); (void)(key); } while (0)
#define lockdep_init_map(lock, name, key, sub) \
	do { (void)(name); (void)(key); } while (0)
#define lock_acquire(l, s, t, r, c, n, i) do { } while (0)
#define lock_release(l, i) do { } while (0)
#define lock_acquired(l, i) do { } while (0)
#define lock_contended(l, i) do { } while (0)
#define lock_set_subclass(l, s, i) do { } while (0)
#define lock_downgrade(l, i) do { } while (0)
#define lockdep_set_class(lock, key) do { (void)(key); } while (0)
#define lockdep_set_class_and_name(lock, key, name) \
	do { (void)(key); (void)(name); } while (0)
#define lockdep_set_class_and_subclass(lock, key, sub) \
	do { (void)(key); } while (0)
#define lockdep_set_subclass(lock, sub) do { } while (0)
#define lockdep_set_novalidate_class(lock) do { } while (0)
#define lockdep_register_key(key) do { } while (0)
#define lockdep_unregister_key(key) do { } while (0)
#define lock_is_held(l) (1)
#define lock_is_held_type(l, r) (1)
#define lockdep_is_held(lock) (1)
#define lockdep_is_held_type(lock, r) (1)
#define lockdep_assert(c) do { } while (0)
#define lockdep_assert_once(c) do { } while (0)
#define lockdep_assert_held(l) do { (void)(l); } while (0)
#define lockdep_assert_held_write(l) do { (void)(l); } while (0)
#define lockdep_assert_held_read(l) do { (void)(l); } while (0)
#define lockdep_assert_held_once(l) do { (void)(l); } while (0)
#define lockdep_assert_not_held(l) do { (void)(l); } while (0)
#define lockdep_assert_none_held_once() do { } while (0)
#define lock_acquire_exclusive(l, s, t, n, i) do { } while (0)
#define lock_acquire_shared(l, s, t, n, i) do { } while (0)
#define lock_acquire_shared_recursive(l, s, t, n, i) do { } while (0)
#define lock_map_acquire(l) do { } while (0)
#define lock_map_acquire_read(l) do { } while (0)
#define lock_map_release(l) do { } while (0)
#define might_lock(lock) do { } while (0)
#define might_lock_read(lock) do { } while (0)
#define might_lock_nested(lock, subclass) do { } while (0)
#define LOCK_CONTENDED(_lock, try, lock) lock(_lock)

#endif /* CONFIG_LOCKDEP */

#define rwsem_acquire(l, s, t, i) lock_acquire_exclusive(l, s, t, NULL, i)
#define rwsem_acquire_nest(l, s, t, n, i) lock_acquire_exclusive(l, s, t, n, i)
#define rwsem_acquire_read(l, s, t, i) lock_acquire_shared(l, s, t, NULL, i)
#define rwsem_release(l, i) lock_release(l, i)

#define mutex_acquire(l, s, t, i) lock_acquire_exclusive(l, s, t, NULL, i)
#define mutex_acquire_nest(l, s, t, n, i) lock_acquire_exclusive(l, s, t, n, i)
#define mutex_release(l, i) lock_release(l, i)

#define spin_acquire(l, s, t, i) lock_acquire_exclusive(l, s, t, NULL, i)
#define spin_acquire_nest(l, s, t, n, i) lock_acquire_exclusive(l, s, t, n, i)
#define spin_release(l, i) lock_release(l, i)

#define seqcount_acquire(l, s, t, i) lock_acquire_exclusive(l, s, t, NULL, i)
#define seqcount_acquire_read(l, s, t, i) \
	lock_acquire_shared_recursive(l, s, t, NULL, i)
#define seqcount_release(l, i) lock_release(l, i)

#ifdef __cplusplus
}
#endif

#endif /* _LINUX_LOCKDEP_H */
