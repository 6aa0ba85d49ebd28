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
 *  - under ThreadSanitizer, it models the kernel's fences, which TSan
 *    cannot see: a release fence (smp_wmb, smp_mb, ...) publishes the
 *    thread's state at the fence through each later marked store; an
 *    acquire fence (smp_rmb, smp_mb, ...) acquires what each earlier
 *    marked load saw, as it was when loaded. Loads report back after the
 *    access through shim_sync_loaded(). Documentation/shim.rst, "Fences
 *    under ThreadSanitizer", has the model and the table of primitives;
 *    kernel/tsan/fences.cc the mechanism.
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
/* The fence model for ThreadSanitizer: kernel/tsan/fences.cc. */
void shim_tsan_fence_release(void);
void shim_tsan_fence_acquire(void);
void shim_tsan_release_access(void);
void shim_tsan_release_access_done(void);
void shim_tsan_stored(const volatile void *addr, int rmw);
void shim_tsan_loaded(const volatile void *addr, int acquire);

static inline __attribute__((always_inline)) void
shim_tsan_sync(enum shim_sync_op op, const volatile void *addr)
{
	/* A lock's internals: TSan sees the lock, not them (<shim/tsan.h>). */
	if (shim_tsan_lock_op_depth)
		return;
	switch (op) {
	case SHIM_SYNC_STORE:
		shim_tsan_stored(addr, 0);
		break;
	case SHIM_SYNC_RMW:
		shim_tsan_stored(addr, 1);
		break;
	case SHIM_SYNC_FENCE_REL:
		shim_tsan_fence_release();
		break;
	case SHIM_SYNC_FENCE_ACQ:
		shim_tsan_fence_acquire();
		break;
	default:
		/* A load's part comes after it: shim_sync_loaded(). */
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

/*
 * After a marked load (or the load of an RMW) at @addr has returned, so
 * that TSan is told what this access saw: a relaxed one keeps it for the
 * thread's next acquire fence, an acquire one acquires it now.
 */
static inline __attribute__((always_inline)) void
shim_sync_loaded(const volatile void *addr)
{
#ifdef CONFIG_SHIM_TSAN
	if (!shim_tsan_lock_op_depth)
		shim_tsan_loaded(addr, 0);
#endif
	(void)addr;
}

static inline __attribute__((always_inline)) void
shim_sync_loaded_acquire(const volatile void *addr)
{
#ifdef CONFIG_SHIM_TSAN
	if (!shim_tsan_lock_op_depth)
		shim_tsan_loaded(addr, 1);
#endif
	(void)addr;
}

/*
 * Just before the switch point of a release operation (smp_store_release(),
 * a _release or fully ordered RMW): the access publishes the thread's
 * state here; unlike a fence's, later relaxed stores do not. TSan only;
 * the hardware ordering is the access's own.
 */
static inline __attribute__((always_inline)) void shim_tsan_release_op(void)
{
#ifdef CONFIG_SHIM_TSAN
	if (!shim_tsan_lock_op_depth)
		shim_tsan_release_access();
#endif
}

/* Right after that release operation's access, whether it took effect. */
static inline __attribute__((always_inline)) void
shim_tsan_release_op_done(void)
{
#ifdef CONFIG_SHIM_TSAN
	if (!shim_tsan_lock_op_depth)
		shim_tsan_release_access_done();
#endif
}

/*
 * The smp_mb() on each side of a fully ordered RMW that succeeded, for
 * TSan only: before it, acquire for the earlier loads and publish; after
 * it, acquire what the RMW and earlier loads saw and publish again.
 */
static inline __attribute__((always_inline)) void shim_tsan_full_barrier(void)
{
#ifdef CONFIG_SHIM_TSAN
	if (!shim_tsan_lock_op_depth) {
		shim_tsan_fence_acquire();
		shim_tsan_fence_release();
	}
#endif
}

#ifdef __cplusplus
}
#endif

#endif /* _SHIM_SYNC_H */
