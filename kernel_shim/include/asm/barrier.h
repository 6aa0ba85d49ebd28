/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Memory barriers with the LKMM's meaning (Documentation/memory-barriers.txt).
 *
 * The hardware ordering comes from __atomic fences and __atomic
 * acquire/release accesses. ThreadSanitizer does not model standalone
 * fences, so every fence here is also a synchronization point that
 * <shim/sync.h> hands to its fence model: TSan then orders exactly the
 * accesses the fence orders (Documentation/shim.rst).
 */
#ifndef _ASM_BARRIER_H
#define _ASM_BARRIER_H

#include <linux/compiler.h>
#include <asm/processor.h>
#include <linux/atomic.h>
#include <linux/bug.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/limits.h>
#include <linux/lockdep_types.h>
#include <linux/printk.h>
#include <linux/types.h>

#define mb() __atomic_thread_fence(__ATOMIC_SEQ_CST)
#define rmb() __atomic_thread_fence(__ATOMIC_ACQUIRE)
#define wmb() __atomic_thread_fence(__ATOMIC_RELEASE)

#define smp_mb()                                              \
	do {                                                  \
		shim_sync_point(SHIM_SYNC_FENCE_ACQ, 0);      \
		shim_sync_point(SHIM_SYNC_FENCE_REL, 0);      \
		if (shim_lkmm_on())                           \
			shim_lkmm_fence(SHIM_LKMM_MB);        \
		__atomic_thread_fence(__ATOMIC_SEQ_CST);      \
	} while (0)

#define smp_rmb()                                             \
	do {                                                  \
		shim_sync_point(SHIM_SYNC_FENCE_ACQ, 0);      \
		if (shim_lkmm_on())                           \
			shim_lkmm_fence(SHIM_LKMM_RMB);       \
		__atomic_thread_fence(__ATOMIC_ACQUIRE);      \
	} while (0)

#define smp_wmb()                                             \
	do {                                                  \
		shim_sync_point(SHIM_SYNC_FENCE_REL, 0);      \
		if (shim_lkmm_on())                           \
			shim_lkmm_fence(SHIM_LKMM_WMB);       \
		__atomic_thread_fence(__ATOMIC_RELEASE);      \
	} while (0)

/*
 * Fully ordered value-returning atomics are already full barriers (see
 * <linux/atomic.h>); these order the relaxed non-returning ones.
 */
#define smp_mb__before_atomic() smp_mb()
#define smp_mb__after_atomic() smp_mb()
#define smp_mb__after_spinlock() smp_mb()

/*
 * A control dependency orders a load before later stores in hardware;
 * ThreadSanitizer cannot see that, so where the kernel relies on one
 * (rcuwait_wait_event()) the shim makes the loads just done an acquire
 * for TSan only. No instruction is emitted.
 */
#define shim_ctrl_dep_acquire() shim_sync_point(SHIM_SYNC_FENCE_ACQ, 0)

/* A control dependency plus this is an acquire: LOAD->{LOAD,STORE}. */
#define smp_acquire__after_ctrl_dep() smp_rmb()

#define smp_store_mb(var, value)              \
	do {                                  \
		WRITE_ONCE(var, value);       \
		smp_mb();                     \
	} while (0)

#define smp_load_acquire(p)                                          \
	({                                                           \
		__compiletime_assert_rw_once(*(p));                  \
		shim_load_acquire(p);                                \
	})

#define smp_store_release(p, v)                                      \
	do {                                                         \
		__compiletime_assert_rw_once(*(p));                  \
		shim_store_release(p, v);                            \
	} while (0)

#define smp_cond_load_relaxed(ptr, cond_expr)                              \
	({                                                                 \
		__typeof__(ptr) __PTR = (ptr);                             \
		__unqual_scalar_typeof(*ptr) VAL;                          \
		for (;;) {                                                 \
			VAL = READ_ONCE(*__PTR);                           \
			if (cond_expr)                                     \
				break;                                     \
			cpu_relax();                                       \
		}                                                          \
		(__typeof__(*ptr))VAL;                                     \
	})

#define smp_cond_load_acquire(ptr, cond_expr)                              \
	({                                                                 \
		__unqual_scalar_typeof(*ptr) _val;                         \
		_val = smp_cond_load_relaxed(ptr, cond_expr);              \
		smp_acquire__after_ctrl_dep();                             \
		(__typeof__(*ptr))_val;                                    \
	})

#define virt_mb() smp_mb()
#define dma_rmb() rmb()
#define dma_wmb() wmb()

/* The kernel's barrier.h reaches <linux/string.h> (kernel-includes). */
#include <linux/string.h>

#endif /* _ASM_BARRIER_H */
