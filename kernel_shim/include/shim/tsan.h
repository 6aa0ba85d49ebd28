/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ThreadSanitizer annotations used by the shim's locks and RCU; they
 * compile to nothing in builds without TSan. (Declared here rather than
 * taken from <sanitizer/tsan_interface.h>, which gcc does not ship.)
 */
#ifndef _SHIM_TSAN_H
#define _SHIM_TSAN_H

#include <linux/compiler_types.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SHIM_TSAN_MUTEX_READ_LOCK (1u << 3)
#define SHIM_TSAN_MUTEX_TRY_LOCK (1u << 4)
#define SHIM_TSAN_MUTEX_TRY_LOCK_FAILED (1u << 5)
#define SHIM_TSAN_MUTEX_NOT_STATIC (1u << 8)

#ifdef CONFIG_SHIM_TSAN
void __tsan_acquire(void *addr);
void __tsan_release(void *addr);
void __tsan_mutex_create(void *addr, unsigned flags);
void __tsan_mutex_destroy(void *addr, unsigned flags);
void __tsan_mutex_pre_lock(void *addr, unsigned flags);
void __tsan_mutex_post_lock(void *addr, unsigned flags, int recursion);
int __tsan_mutex_pre_unlock(void *addr, unsigned flags);
void __tsan_mutex_post_unlock(void *addr, unsigned flags);
void __tsan_mutex_pre_divert(void *addr, unsigned flags);
void __tsan_mutex_post_divert(void *addr, unsigned flags);
void __tsan_ignore_thread_begin(void);
void __tsan_ignore_thread_end(void);

/*
 * How deep the thread is in lock operations (between pre_ and
 * post_lock/unlock, less diverted stretches): there TSan ignores its
 * synchronization, and so does the fence model (<shim/sync.h>).
 */
extern __thread int shim_tsan_lock_op_depth;

/**
 * shim_tsan_acquire() - TSan: acquire what was released on an object
 * @addr: the object standing for the synchronization
 *
 * Pairs with shim_tsan_release() on the same @addr: what the releasing
 * thread did before happens before what this one does after. Nothing
 * outside TSan builds.
 */
#define shim_tsan_acquire(addr) __tsan_acquire((void *)(addr))
/**
 * shim_tsan_release() - TSan: publish the thread's state on an object
 * @addr: the object standing for the synchronization
 */
#define shim_tsan_release(addr) __tsan_release((void *)(addr))
/**
 * shim_tsan_mutex_create() - TSan: @addr is a lock
 * @addr: the lock
 * @f: SHIM_TSAN_MUTEX_* flags (NOT_STATIC for one in allocated memory)
 */
#define shim_tsan_mutex_create(addr, f) __tsan_mutex_create((void *)(addr), f)
/**
 * shim_tsan_lock_op_enter() - enter or leave a lock operation's internals
 * @in: 1 to enter, -1 to leave
 */
static inline void shim_tsan_lock_op_enter(int in)
{
	/* Per task, relaxed: as `current` (<linux/sched.h>). */
	__atomic_store_n(&shim_tsan_lock_op_depth,
			 __atomic_load_n(&shim_tsan_lock_op_depth,
					 __ATOMIC_RELAXED) + in,
			 __ATOMIC_RELAXED);
}

/**
 * shim_tsan_mutex_pre_lock() - TSan: a lock operation on @addr begins
 * @addr: the lock
 * @f: SHIM_TSAN_MUTEX_* flags (READ_LOCK for a shared acquisition)
 *
 * Between this and shim_tsan_mutex_post_lock() TSan ignores the thread's
 * accesses and synchronization; it sees the lock taken at the end. The
 * unlock pair and the create call are alike.
 */
#define shim_tsan_mutex_pre_lock(addr, f) \
	(__tsan_mutex_pre_lock((void *)(addr), f), shim_tsan_lock_op_enter(1))
/**
 * shim_tsan_mutex_post_lock() - TSan: the lock on @addr is taken
 * @addr: the lock
 * @f: the flags shim_tsan_mutex_pre_lock() got
 */
#define shim_tsan_mutex_post_lock(addr, f) \
	(shim_tsan_lock_op_enter(-1), __tsan_mutex_post_lock((void *)(addr), f, 0))
/**
 * shim_tsan_mutex_pre_unlock() - TSan: an unlock of @addr begins
 * @addr: the lock
 * @f: the flags of the acquisition being released
 */
#define shim_tsan_mutex_pre_unlock(addr, f) \
	((void)__tsan_mutex_pre_unlock((void *)(addr), f), shim_tsan_lock_op_enter(1))
/**
 * shim_tsan_mutex_post_unlock() - TSan: the lock on @addr is released
 * @addr: the lock
 * @f: the flags shim_tsan_mutex_pre_unlock() got
 */
#define shim_tsan_mutex_post_unlock(addr, f) \
	(shim_tsan_lock_op_enter(-1), __tsan_mutex_post_unlock((void *)(addr), f))
/**
 * shim_tsan_mutex_pre_divert() - TSan: leave a lock operation for a while
 * @addr: the lock
 * @f: its flags
 *
 * Inside a lock operation (between pre_ and post_lock/unlock) TSan
 * ignores the thread's accesses and synchronization, as a lock's
 * internals should be; code there that is not the lock's own (waking a
 * waiter, dropping a task reference that may free the task) goes between
 * this and shim_tsan_mutex_post_divert().
 */
#define shim_tsan_mutex_pre_divert(addr, f) \
	(shim_tsan_lock_op_enter(-1), __tsan_mutex_pre_divert((void *)(addr), f))
/**
 * shim_tsan_mutex_post_divert() - TSan: back inside the lock operation
 * @addr: the lock
 * @f: its flags
 */
#define shim_tsan_mutex_post_divert(addr, f) \
	(__tsan_mutex_post_divert((void *)(addr), f), shim_tsan_lock_op_enter(1))
/**
 * shim_tsan_ignore_begin() - TSan: ignore the thread's memory accesses
 *
 * For a checker's own bookkeeping, which is no part of the program (the
 * chain cache of lockdep, which all tasks of a schedule share). Until
 * shim_tsan_ignore_end(); synchronization is still seen.
 */
#define shim_tsan_ignore_begin() __tsan_ignore_thread_begin()
/**
 * shim_tsan_ignore_end() - TSan: see the thread's memory accesses again
 */
#define shim_tsan_ignore_end() __tsan_ignore_thread_end()
/**
 * shim_tsan_ignore_sync_begin() - TSan: ignore the thread's synchronization
 *
 * For a checker's own locks (lockdep's registry), which order nothing in
 * the program: a task taking one after another task must not look
 * ordered after it. Until shim_tsan_ignore_sync_end(). Costs a stack
 * lookup per call: keep it off fast paths.
 */
void shim_tsan_ignore_sync_begin(void);
/**
 * shim_tsan_ignore_sync_end() - TSan: see the thread's synchronization again
 */
void shim_tsan_ignore_sync_end(void);
#else
#define shim_tsan_ignore_sync_begin() ((void)0)
#define shim_tsan_ignore_sync_end() ((void)0)
#define shim_tsan_ignore_begin() ((void)0)
#define shim_tsan_ignore_end() ((void)0)
#define shim_tsan_acquire(addr) ((void)(addr))
#define shim_tsan_release(addr) ((void)(addr))
#define shim_tsan_mutex_create(addr, f) ((void)(addr))
#define shim_tsan_mutex_pre_lock(addr, f) ((void)(addr))
#define shim_tsan_mutex_post_lock(addr, f) ((void)(addr))
#define shim_tsan_mutex_pre_unlock(addr, f) ((void)(addr))
#define shim_tsan_mutex_post_unlock(addr, f) ((void)(addr))
#define shim_tsan_mutex_pre_divert(addr, f) ((void)(addr))
#define shim_tsan_mutex_post_divert(addr, f) ((void)(addr))
#endif

/**
 * shim_tsan_plain_writes_atomic_in() - the kernel's plain-store policy
 * @file: a source file, as __FILE__ and the debug info name it
 *
 * Counts @file as kernel code for CONFIG_KCSAN_ASSUME_PLAIN_WRITES_ATOMIC:
 * a race whose only plain accesses are aligned stores of up to a word
 * made there is not reported (runtime/tsan/plain_writes.cc). @file must
 * stay valid; a few fit.
 */
#ifdef CONFIG_SHIM_TSAN
void shim_tsan_plain_writes_atomic_in(const char *file);
#else
static inline void shim_tsan_plain_writes_atomic_in(const char *file)
{
	(void)file;
}
#endif

/**
 * shim_tsan_mutex_post_trylock() - TSan: a trylock on @addr ended
 * @addr: the lock
 * @f: 0, or SHIM_TSAN_MUTEX_READ_LOCK
 * @ok: whether the lock was taken
 */
#define shim_tsan_mutex_post_trylock(addr, f, ok)      \
	shim_tsan_mutex_post_lock(                     \
		addr, (f) | SHIM_TSAN_MUTEX_TRY_LOCK | \
			      ((ok) ? 0 : SHIM_TSAN_MUTEX_TRY_LOCK_FAILED))

#ifdef __cplusplus
}
#endif

#endif /* _SHIM_TSAN_H */
