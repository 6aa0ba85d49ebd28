// SPDX-License-Identifier: GPL-2.0-only
/* struct mutex: the write side of the rwsem core, annotated as a mutex. */
#include <linux/mutex.h>
#include <linux/sched.h>
#include <shim/tsan.h>

#include "rwsem.h"

void __mutex_init(struct mutex *lock, const char *name,
		  struct lock_class_key *key)
{
	lockdep_init_map_wait(&lock->dep_map, name, key, 0, LD_WAIT_SLEEP);
	__rwsem_init_raw(&lock->sem);
	shim_tsan_mutex_create(lock, SHIM_TSAN_MUTEX_NOT_STATIC);
}

static int __mutex_lock_common(struct mutex *lock, unsigned int state,
			       unsigned int subclass, unsigned long ip)
{
	int ret;

	might_sleep();
	mutex_acquire(&lock->dep_map, subclass, 0, ip);
	shim_sync_point(SHIM_SYNC_LOCK, lock);
	shim_tsan_mutex_pre_lock(lock, 0);
	ret = __rwsem_down_write_raw(&lock->sem, state);
	if (ret) {
		shim_tsan_mutex_post_lock(lock, SHIM_TSAN_MUTEX_TRY_LOCK_FAILED);
		mutex_release(&lock->dep_map, ip);
		return ret;
	}
	shim_tsan_mutex_post_lock(lock, 0);
	lock_acquired(&lock->dep_map, ip);
	return 0;
}

void mutex_lock(struct mutex *lock)
{
	__mutex_lock_common(lock, TASK_UNINTERRUPTIBLE, 0, _RET_IP_);
}

void mutex_lock_nested(struct mutex *lock, unsigned int subclass)
{
	__mutex_lock_common(lock, TASK_UNINTERRUPTIBLE, subclass, _RET_IP_);
}

int mutex_lock_interruptible(struct mutex *lock)
{
	return __mutex_lock_common(lock, TASK_INTERRUPTIBLE, 0, _RET_IP_);
}

int mutex_lock_killable(struct mutex *lock)
{
	return __mutex_lock_common(lock, TASK_KILLABLE, 0, _RET_IP_);
}

int mutex_trylock(struct mutex *lock)
{
	int ok;

	shim_sync_point(SHIM_SYNC_LOCK, lock);
	shim_tsan_mutex_pre_lock(lock, SHIM_TSAN_MUTEX_TRY_LOCK);
	ok = __rwsem_down_write_trylock_raw(&lock->sem);
	shim_tsan_mutex_post_lock(lock, SHIM_TSAN_MUTEX_TRY_LOCK |
				  (ok ? 0 : SHIM_TSAN_MUTEX_TRY_LOCK_FAILED));
	if (ok)
		mutex_acquire(&lock->dep_map, 0, 1, _RET_IP_);
	return ok;
}

void mutex_unlock(struct mutex *lock)
{
	mutex_release(&lock->dep_map, _RET_IP_);
	shim_tsan_mutex_pre_unlock(lock, 0);
	__rwsem_up_write_raw(&lock->sem);
	shim_tsan_mutex_post_unlock(lock, 0);
	shim_sync_point(SHIM_SYNC_UNLOCK, lock);
}
