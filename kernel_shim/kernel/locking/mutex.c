// SPDX-License-Identifier: GPL-2.0-only
/* struct mutex: the write side of the rwsem it wraps (see rwsem.h). */
#include <linux/mutex.h>
#include <linux/sched.h>

#include "rwsem.h"

void __mutex_init(struct mutex *lock, const char *name,
		  struct lock_class_key *key)
{
	__init_rwsem(&lock->sem, name, key);
}

void mutex_lock(struct mutex *lock)
{
	__rwsem_down_write(&lock->sem, 0, NULL, TASK_UNINTERRUPTIBLE, _RET_IP_);
}

void mutex_lock_nested(struct mutex *lock, unsigned int subclass)
{
	__rwsem_down_write(&lock->sem, subclass, NULL, TASK_UNINTERRUPTIBLE,
			   _RET_IP_);
}

int mutex_lock_interruptible(struct mutex *lock)
{
	return __rwsem_down_write(&lock->sem, 0, NULL, TASK_INTERRUPTIBLE,
				  _RET_IP_);
}

int mutex_lock_killable(struct mutex *lock)
{
	return __rwsem_down_write(&lock->sem, 0, NULL, TASK_KILLABLE, _RET_IP_);
}

int mutex_trylock(struct mutex *lock)
{
	return __rwsem_down_write_trylock(&lock->sem, _RET_IP_);
}

void mutex_unlock(struct mutex *lock)
{
	__rwsem_up_write(&lock->sem, _RET_IP_);
}
