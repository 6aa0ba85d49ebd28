// SPDX-License-Identifier: GPL-2.0-only
/* raw_spinlock_t: the lock word, plus lockdep, TSan and preempt_count. */
#include <linux/spinlock.h>
#include <asm/spinlock.h>
#include <shim/tsan.h>

void __raw_spin_lock_init(raw_spinlock_t *lock, const char *name,
			  struct lock_class_key *key)
{
	lockdep_init_map_wait(&lock->dep_map, name, key, 0, LD_WAIT_SPIN);
	lock->locked = 0;
	shim_tsan_mutex_create(lock, SHIM_TSAN_MUTEX_NOT_STATIC);
}

static void __raw_spin_lock_common(raw_spinlock_t *lock, int subclass,
				   unsigned long ip)
{
	preempt_disable();
	spin_acquire(&lock->dep_map, subclass, 0, ip);
	shim_sync_point(SHIM_SYNC_LOCK, lock);
	shim_tsan_mutex_pre_lock(lock, 0);
	arch_spin_lock(&lock->locked);
	if (shim_lkmm_on())
		shim_lkmm_event(SHIM_LKMM_LOCKED, lock);
	shim_tsan_mutex_post_lock(lock, 0);
	lock_acquired(&lock->dep_map, ip);
}

void _raw_spin_lock(raw_spinlock_t *lock)
{
	__raw_spin_lock_common(lock, 0, _RET_IP_);
}

void _raw_spin_lock_nested(raw_spinlock_t *lock, int subclass)
{
	__raw_spin_lock_common(lock, subclass, _RET_IP_);
}

int _raw_spin_trylock(raw_spinlock_t *lock)
{
	int ok;

	preempt_disable();
	shim_sync_point(SHIM_SYNC_LOCK, lock);
	shim_tsan_mutex_pre_lock(lock, SHIM_TSAN_MUTEX_TRY_LOCK);
	ok = arch_spin_trylock(&lock->locked);
	if (ok && shim_lkmm_on())
		shim_lkmm_event(SHIM_LKMM_LOCKED, lock);
	shim_tsan_mutex_post_trylock(lock, 0, ok);
	if (ok)
		spin_acquire(&lock->dep_map, 0, 1, _RET_IP_);
	else
		preempt_enable();
	return ok;
}

void _raw_spin_unlock(raw_spinlock_t *lock)
{
	spin_release(&lock->dep_map, _RET_IP_);
	shim_tsan_mutex_pre_unlock(lock, 0);
	if (shim_lkmm_on())
		shim_lkmm_event(SHIM_LKMM_UNLOCKING, lock);
	arch_spin_unlock(&lock->locked);
	shim_tsan_mutex_post_unlock(lock, 0);
	shim_sync_point(SHIM_SYNC_UNLOCK, lock);
	preempt_enable();
}
