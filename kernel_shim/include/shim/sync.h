/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The one point every synchronizing operation of the shim passes through:
 * marked loads and stores, atomic RMWs, fences, lock operations, RCU,
 * sleeps and wake-ups all call shim_sync_point() first.
 *
 * It does two jobs:
 *  - the deterministic scheduler's switch point (kernel/sched/core.cc,
 *    Documentation/dev-tools/sched.rst): in builds with the hook compiled
 *    in (CONFIG_SHIM_SYNC_HOOK, -Dsync_hook, on in every test build), if
 *    shim_sync_hook is set it is called with the operation and the
 *    address, and may switch tasks there. Compiled in but unset, it costs
 *    a relaxed load and a branch per operation; the benchmark build
 *    compiles it out.
 *  - under ThreadSanitizer, it models the kernel's standalone fences,
 *    which TSan cannot see (see Documentation/shim.rst): a thread that
 *    executed a release fence (smp_wmb, smp_mb, smp_mb__before_atomic)
 *    turns each later marked store into a release of the stored-to
 *    address; an acquire fence (smp_rmb, smp_mb, smp_mb__after_atomic,
 *    smp_acquire__after_ctrl_dep) acquires every address the thread loaded
 *    with a marked access since its previous acquire fence.
 */
#ifndef _SHIM_SYNC_H
#define _SHIM_SYNC_H

#include <linux/compiler_types.h>
#include <shim/tsan.h>

#ifdef __cplusplus
extern "C" {
#endif

enum shim_sync_op {
	SHIM_SYNC_LOAD,		/* READ_ONCE, atomic_read, ... */
	SHIM_SYNC_STORE,	/* WRITE_ONCE, atomic_set, ... */
	SHIM_SYNC_RMW,		/* atomic read-modify-write */
	SHIM_SYNC_FENCE_REL,	/* smp_wmb() and the release half of smp_mb() */
	SHIM_SYNC_FENCE_ACQ,	/* smp_rmb() and the acquire half of smp_mb() */
	SHIM_SYNC_LOCK,		/* a lock is about to be taken */
	SHIM_SYNC_UNLOCK,	/* a lock was released */
	SHIM_SYNC_RCU,		/* rcu_read_lock/unlock, grace periods */
	SHIM_SYNC_SLEEP,	/* schedule() is about to block */
	SHIM_SYNC_WAKE,		/* wake_up_process() */
	SHIM_SYNC_SPIN,		/* cpu_relax(), sched_yield(): a busy-wait turn */
	SHIM_SYNC_TASK,		/* a task was created or is about to exit */
	SHIM_SYNC_NR_OPS,
};

typedef void (*shim_sync_hook_t)(enum shim_sync_op op,
				 const volatile void *addr);
extern shim_sync_hook_t shim_sync_hook;

#ifdef CONFIG_SHIM_TSAN
#define SHIM_TSAN_READS 8
struct shim_tsan_fence_state {
	unsigned int release_pending;
	unsigned int nr_reads;
	const volatile void *reads[SHIM_TSAN_READS];
};
extern __thread struct shim_tsan_fence_state shim_tsan_fence;

static inline __attribute__((always_inline)) void
shim_tsan_sync(enum shim_sync_op op, const volatile void *addr)
{
	struct shim_tsan_fence_state *f = &shim_tsan_fence;
	unsigned int i;

	switch (op) {
	case SHIM_SYNC_RMW:
		f->reads[f->nr_reads++ % SHIM_TSAN_READS] = addr;
		/* fall through: an RMW is a store as well */
		__attribute__((__fallthrough__));
	case SHIM_SYNC_STORE:
		if (f->release_pending)
			shim_tsan_release(addr);
		break;
	case SHIM_SYNC_LOAD:
		f->reads[f->nr_reads++ % SHIM_TSAN_READS] = addr;
		break;
	case SHIM_SYNC_FENCE_REL:
		f->release_pending = 1;
		break;
	case SHIM_SYNC_FENCE_ACQ:
		for (i = 0; i < f->nr_reads && i < SHIM_TSAN_READS; i++)
			shim_tsan_acquire(f->reads[i]);
		f->nr_reads = 0;
		break;
	default:
		break;
	}
}
#endif

static inline __attribute__((always_inline)) void
shim_sync_point(enum shim_sync_op op, const volatile void *addr)
{
#ifdef CONFIG_SHIM_SYNC_HOOK
	shim_sync_hook_t hook = __atomic_load_n(&shim_sync_hook,
						 __ATOMIC_RELAXED);

	if (__builtin_expect(hook != 0, 0))
		hook(op, addr);
#endif
#ifdef CONFIG_SHIM_TSAN
	shim_tsan_sync(op, addr);
#endif
	(void)op;
	(void)addr;
}

#ifdef __cplusplus
}
#endif

#endif /* _SHIM_SYNC_H */
