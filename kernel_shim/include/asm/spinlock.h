/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The bare lock word under raw_spinlock_t, also used for the wait_lock of
 * sleeping locks: test-and-set with ACQUIRE/RELEASE, spinning a little and
 * then yielding the CPU, since a preempted holder may need this one.
 */
#ifndef _ASM_SPINLOCK_H
#define _ASM_SPINLOCK_H

#include <sched.h>
#include <linux/compiler.h>
#include <asm/processor.h>
#include <asm/barrier.h>
#include <linux/atomic.h>
#include <linux/bug.h>
#include <linux/cache.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/limits.h>
#include <linux/lockdep_types.h>
#include <linux/printk.h>
#include <linux/types.h>

static inline int arch_spin_trylock(unsigned int *lock)
{
	unsigned long long before;
	unsigned int old;

	shim_sync_point(SHIM_SYNC_RMW, lock);
	before = __shim_lkmm_before(lock);
	old = __atomic_exchange_n(lock, 1, __ATOMIC_ACQUIRE);
	__shim_lkmm_rmw(lock, before, _acquire, true);
	return !old;
}

static inline void arch_spin_lock(unsigned int *lock)
{
	unsigned int spins = 0;

	while (!arch_spin_trylock(lock)) {
		while (__atomic_load_n(lock, __ATOMIC_RELAXED)) {
			cpu_relax();
			/* A preempted holder may need this CPU. */
			if (++spins % 64 == 0)
				sched_yield();
		}
	}
}

static inline void arch_spin_unlock(unsigned int *lock)
{
	shim_sync_point(SHIM_SYNC_STORE, lock);
	__shim_lkmm_store(lock, 0U, SHIM_LKMM_RELEASE);
	__atomic_store_n(lock, 0, __ATOMIC_RELEASE);
}

#endif /* _ASM_SPINLOCK_H */
