// SPDX-License-Identifier: GPL-2.0-only
/*
 * Read-write semaphores.
 *
 * Fast paths are a single cmpxchg on @count. Everything slower happens
 * under @wait_lock: waiters queue FIFO in @wait_list and are granted the
 * lock directly by whoever makes it available (rwsem_grant_locked()), so
 * a woken waiter never has to compete again. While the queue is not
 * empty RWSEM_FLAG_WAITERS is set and makes the reader fast path fail, so
 * readers that arrive after a waiting writer queue behind it.
 */
#include <linux/rwsem.h>
#include <linux/sched/signal.h>
#include <asm/spinlock.h>
#include <shim/tsan.h>

#include "rwsem.h"

enum rwsem_waiter_type {
	RWSEM_WAITING_FOR_WRITE,
	RWSEM_WAITING_FOR_READ,
};

struct rwsem_waiter {
	struct list_head list;
	struct task_struct *task;
	enum rwsem_waiter_type type;
	int granted;	/* set (RELEASE) by the granter, once off the list */
};

static void rwsem_wait_lock(struct rw_semaphore *sem)
{
	arch_spin_lock(&sem->wait_lock.locked);
}

static void rwsem_wait_unlock(struct rw_semaphore *sem)
{
	arch_spin_unlock(&sem->wait_lock.locked);
}

static void rwsem_init_raw(struct rw_semaphore *sem)
{
	atomic_long_set(&sem->count, 0);
	atomic_long_set(&sem->owner, 0);
	sem->wait_lock.locked = 0;
	INIT_LIST_HEAD(&sem->wait_list);
}

void __init_rwsem(struct rw_semaphore *sem, const char *name,
		  struct lock_class_key *key)
{
	lockdep_init_map_wait(&sem->dep_map, name, key, 0, LD_WAIT_SLEEP);
	rwsem_init_raw(sem);
	shim_tsan_mutex_create(sem, SHIM_TSAN_MUTEX_NOT_STATIC);
}

/*
 * The waiter owns the lock from here; it may return at once, and even
 * exit: then our put is its task's last, which queues the free. Every
 * caller runs inside a lock operation that TSan is told about, where it
 * ignores this thread's synchronization; the wake-up and the put are not
 * the lock's own, so TSan sees them (else the free looked unordered
 * with the exiting task's last writes).
 */
static void rwsem_grant(struct rw_semaphore *sem, struct rwsem_waiter *w)
{
	struct task_struct *task = get_task_struct(w->task);

	list_del(&w->list);
	smp_store_release(&w->granted, 1);
	shim_tsan_mutex_pre_divert(sem, 0);
	/* Pairs with rwsem_wait(): the waiter queued before we found it. */
	shim_tsan_acquire(task);
	wake_up_process(task);
	put_task_struct(task);
	shim_tsan_mutex_post_divert(sem, 0);
}

/*
 * Hand the lock to the waiters at the head of the queue that can have it
 * now: one writer, or every reader up to the first writer.
 */
static void rwsem_grant_locked(struct rw_semaphore *sem)
{
	while (!list_empty(&sem->wait_list)) {
		struct rwsem_waiter *w = list_first_entry(
			&sem->wait_list, struct rwsem_waiter, list);
		long c = atomic_long_read_acquire(&sem->count);

		if (w->type == RWSEM_WAITING_FOR_WRITE) {
			if (c & (RWSEM_WRITER_LOCKED | RWSEM_READER_MASK))
				break;
			while (!atomic_long_try_cmpxchg(&sem->count, &c,
							c | RWSEM_WRITER_LOCKED))
				;
			atomic_long_set(&sem->owner, (long)w->task);
			rwsem_grant(sem, w);
			break;
		}
		if (c & RWSEM_WRITER_LOCKED)
			break;
		atomic_long_add_return(RWSEM_READER_BIAS, &sem->count);
		rwsem_grant(sem, w);
	}
	if (list_empty(&sem->wait_list))
		atomic_long_andnot(RWSEM_FLAG_WAITERS, &sem->count);
}

static void rwsem_wake(struct rw_semaphore *sem)
{
	rwsem_wait_lock(sem);
	rwsem_grant_locked(sem);
	rwsem_wait_unlock(sem);
}

/* Queue, then sleep until granted or until a signal @state allows. */
static int rwsem_wait(struct rw_semaphore *sem, enum rwsem_waiter_type type,
		      unsigned int state)
{
	struct rwsem_waiter w = { .task = current, .type = type };

	/*
	 * The granter finds us through the wait list, under wait_lock: the
	 * lock's internals, which TSan ignores. What it does with our task
	 * (wake it, drop a reference) is not, so that hand-over is told.
	 */
	shim_tsan_mutex_pre_divert(sem, 0);
	shim_tsan_release(current);
	shim_tsan_mutex_post_divert(sem, 0);
	rwsem_wait_lock(sem);
	list_add_tail(&w.list, &sem->wait_list);
	atomic_long_or(RWSEM_FLAG_WAITERS, &sem->count);
	/* The lock may have been released before WAITERS was visible. */
	rwsem_grant_locked(sem);
	rwsem_wait_unlock(sem);

	for (;;) {
		set_current_state(state);
		if (smp_load_acquire(&w.granted))
			break;
		if (signal_pending_state(state, current)) {
			rwsem_wait_lock(sem);
			if (smp_load_acquire(&w.granted)) {
				/* Granted meanwhile: we hold it after all. */
				rwsem_wait_unlock(sem);
				break;
			}
			list_del(&w.list);
			/* We may have been what held the others back. */
			rwsem_grant_locked(sem);
			rwsem_wait_unlock(sem);
			__set_current_state(TASK_RUNNING);
			return -EINTR;
		}
		schedule();
	}
	__set_current_state(TASK_RUNNING);
	return 0;
}

static int rwsem_read_trylock_raw(struct rw_semaphore *sem)
{
	long c = atomic_long_read(&sem->count);

	do {
		if (c & (RWSEM_WRITER_LOCKED | RWSEM_FLAG_WAITERS))
			return 0;
	} while (!atomic_long_try_cmpxchg_acquire(&sem->count, &c,
						  c + RWSEM_READER_BIAS));
	return 1;
}

static int rwsem_down_read_raw(struct rw_semaphore *sem, unsigned int state)
{
	if (rwsem_read_trylock_raw(sem))
		return 0;
	return rwsem_wait(sem, RWSEM_WAITING_FOR_READ, state);
}

static void rwsem_up_read_raw(struct rw_semaphore *sem)
{
	long c = atomic_long_sub_return_release(RWSEM_READER_BIAS, &sem->count);

	if (unlikely((c & RWSEM_FLAG_WAITERS) &&
		     !(c & (RWSEM_READER_MASK | RWSEM_WRITER_LOCKED))))
		rwsem_wake(sem);
}

static int rwsem_write_trylock_raw(struct rw_semaphore *sem)
{
	long c = 0;

	if (!atomic_long_try_cmpxchg_acquire(&sem->count, &c,
					     RWSEM_WRITER_LOCKED))
		return 0;
	atomic_long_set(&sem->owner, (long)current);
	return 1;
}

static int rwsem_down_write_raw(struct rw_semaphore *sem, unsigned int state)
{
	if (rwsem_write_trylock_raw(sem))
		return 0;
	return rwsem_wait(sem, RWSEM_WAITING_FOR_WRITE, state);
}

static void rwsem_up_write_raw(struct rw_semaphore *sem)
{
	long c = RWSEM_WRITER_LOCKED;

	atomic_long_set(&sem->owner, 0);
	if (atomic_long_try_cmpxchg_release(&sem->count, &c, 0))
		return;
	atomic_long_fetch_andnot_release(RWSEM_WRITER_LOCKED, &sem->count);
	rwsem_wake(sem);
}

/* Annotated entry points. */

static int __down_read_common(struct rw_semaphore *sem, int subclass,
			      unsigned int state, unsigned long ip)
{
	int ret;

	might_sleep();
	rwsem_acquire_read(&sem->dep_map, subclass, 0, ip);
	shim_sync_point(SHIM_SYNC_LOCK, sem);
	shim_tsan_mutex_pre_lock(sem, SHIM_TSAN_MUTEX_READ_LOCK);
	ret = rwsem_down_read_raw(sem, state);
	if (ret) {
		shim_tsan_mutex_post_lock(sem, SHIM_TSAN_MUTEX_READ_LOCK |
					  SHIM_TSAN_MUTEX_TRY_LOCK_FAILED);
		rwsem_release(&sem->dep_map, ip);
		return ret;
	}
	shim_tsan_mutex_post_lock(sem, SHIM_TSAN_MUTEX_READ_LOCK);
	lock_acquired(&sem->dep_map, ip);
	return 0;
}

void down_read(struct rw_semaphore *sem)
{
	__down_read_common(sem, 0, TASK_UNINTERRUPTIBLE, _RET_IP_);
}

int down_read_interruptible(struct rw_semaphore *sem)
{
	return __down_read_common(sem, 0, TASK_INTERRUPTIBLE, _RET_IP_);
}

int down_read_killable(struct rw_semaphore *sem)
{
	return __down_read_common(sem, 0, TASK_KILLABLE, _RET_IP_);
}

int down_read_trylock(struct rw_semaphore *sem)
{
	int ok;

	shim_sync_point(SHIM_SYNC_LOCK, sem);
	shim_tsan_mutex_pre_lock(sem, SHIM_TSAN_MUTEX_READ_LOCK |
				 SHIM_TSAN_MUTEX_TRY_LOCK);
	ok = rwsem_read_trylock_raw(sem);
	shim_tsan_mutex_post_trylock(sem, SHIM_TSAN_MUTEX_READ_LOCK, ok);
	if (ok)
		rwsem_acquire_read(&sem->dep_map, 0, 1, _RET_IP_);
	return ok;
}

int __rwsem_down_write(struct rw_semaphore *sem, int subclass,
		       struct lockdep_map *nest, unsigned int state,
		       unsigned long ip)
{
	int ret;

	might_sleep();
	rwsem_acquire_nest(&sem->dep_map, subclass, 0, nest, ip);
	shim_sync_point(SHIM_SYNC_LOCK, sem);
	shim_tsan_mutex_pre_lock(sem, 0);
	ret = rwsem_down_write_raw(sem, state);
	if (ret) {
		shim_tsan_mutex_post_lock(sem, SHIM_TSAN_MUTEX_TRY_LOCK_FAILED);
		rwsem_release(&sem->dep_map, ip);
		return ret;
	}
	shim_tsan_mutex_post_lock(sem, 0);
	lock_acquired(&sem->dep_map, ip);
	return 0;
}

void down_write(struct rw_semaphore *sem)
{
	__rwsem_down_write(sem, 0, NULL, TASK_UNINTERRUPTIBLE, _RET_IP_);
}

int down_write_killable(struct rw_semaphore *sem)
{
	return __rwsem_down_write(sem, 0, NULL, TASK_KILLABLE, _RET_IP_);
}

int __rwsem_down_write_trylock(struct rw_semaphore *sem, unsigned long ip)
{
	int ok;

	shim_sync_point(SHIM_SYNC_LOCK, sem);
	shim_tsan_mutex_pre_lock(sem, SHIM_TSAN_MUTEX_TRY_LOCK);
	ok = rwsem_write_trylock_raw(sem);
	shim_tsan_mutex_post_trylock(sem, 0, ok);
	if (ok)
		rwsem_acquire(&sem->dep_map, 0, 1, ip);
	return ok;
}

int down_write_trylock(struct rw_semaphore *sem)
{
	return __rwsem_down_write_trylock(sem, _RET_IP_);
}

void up_read(struct rw_semaphore *sem)
{
	rwsem_release(&sem->dep_map, _RET_IP_);
	shim_tsan_mutex_pre_unlock(sem, SHIM_TSAN_MUTEX_READ_LOCK);
	rwsem_up_read_raw(sem);
	shim_tsan_mutex_post_unlock(sem, SHIM_TSAN_MUTEX_READ_LOCK);
	shim_sync_point(SHIM_SYNC_UNLOCK, sem);
}

void __rwsem_up_write(struct rw_semaphore *sem, unsigned long ip)
{
	rwsem_release(&sem->dep_map, ip);
	shim_tsan_mutex_pre_unlock(sem, 0);
	rwsem_up_write_raw(sem);
	shim_tsan_mutex_post_unlock(sem, 0);
	shim_sync_point(SHIM_SYNC_UNLOCK, sem);
}

void up_write(struct rw_semaphore *sem)
{
	__rwsem_up_write(sem, _RET_IP_);
}

/* Become a reader without letting any writer in between. */
void downgrade_write(struct rw_semaphore *sem)
{
	long c;

	lock_downgrade(&sem->dep_map, _RET_IP_);
	shim_tsan_mutex_pre_unlock(sem, 0);
	atomic_long_set(&sem->owner, 0);
	c = atomic_long_read(&sem->count);
	while (!atomic_long_try_cmpxchg_release(
		&sem->count, &c,
		(c & ~RWSEM_WRITER_LOCKED) + RWSEM_READER_BIAS))
		;
	if (c & RWSEM_FLAG_WAITERS)
		rwsem_wake(sem);
	shim_tsan_mutex_post_unlock(sem, 0);
	shim_tsan_mutex_pre_lock(sem, SHIM_TSAN_MUTEX_READ_LOCK);
	shim_tsan_mutex_post_lock(sem, SHIM_TSAN_MUTEX_READ_LOCK);
}

#ifdef CONFIG_DEBUG_LOCK_ALLOC
void down_read_nested(struct rw_semaphore *sem, int subclass)
{
	__down_read_common(sem, subclass, TASK_UNINTERRUPTIBLE, _RET_IP_);
}

int down_read_killable_nested(struct rw_semaphore *sem, int subclass)
{
	return __down_read_common(sem, subclass, TASK_KILLABLE, _RET_IP_);
}

void down_write_nested(struct rw_semaphore *sem, int subclass)
{
	__rwsem_down_write(sem, subclass, NULL, TASK_UNINTERRUPTIBLE,
			    _RET_IP_);
}

int down_write_killable_nested(struct rw_semaphore *sem, int subclass)
{
	return __rwsem_down_write(sem, subclass, NULL, TASK_KILLABLE,
				   _RET_IP_);
}

void _down_write_nest_lock(struct rw_semaphore *sem, struct lockdep_map *nest)
{
	__rwsem_down_write(sem, 0, nest, TASK_UNINTERRUPTIBLE, _RET_IP_);
}

/* The kernel does not track non-owner readers in lockdep either. */
void down_read_non_owner(struct rw_semaphore *sem)
{
	might_sleep();
	shim_tsan_mutex_pre_lock(sem, SHIM_TSAN_MUTEX_READ_LOCK);
	rwsem_down_read_raw(sem, TASK_UNINTERRUPTIBLE);
	shim_tsan_mutex_post_lock(sem, SHIM_TSAN_MUTEX_READ_LOCK);
}

void up_read_non_owner(struct rw_semaphore *sem)
{
	shim_tsan_mutex_pre_unlock(sem, SHIM_TSAN_MUTEX_READ_LOCK);
	rwsem_up_read_raw(sem);
	shim_tsan_mutex_post_unlock(sem, SHIM_TSAN_MUTEX_READ_LOCK);
}
#endif
