/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The one point every synchronizing operation of the shim passes through:
 * marked loads and stores, atomic RMWs, fences, lock operations, RCU,
 * sleeps and wake-ups all call shim_sync_point() first.
 *
 * It does two jobs:
 *  - the deterministic scheduler's switch point (runtime/sched/,
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
 *    access through shim_tsan_tell(). Documentation/shim.rst, "Fences
 *    under ThreadSanitizer", has the model and the table of primitives;
 *    runtime/tsan/fences.cc the mechanism.
 */
#ifndef _SHIM_SYNC_H
#define _SHIM_SYNC_H

#include <linux/compiler_types.h>
#include <shim/lkmm.h>
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

/*
 * What the TSan fence model (runtime/tsan/fences.cc) is told, through
 * shim_tsan_tell(); the loads' and release operations' events come from
 * their macros, the others from shim_sync_point().
 */
enum shim_tsan_event {
	SHIM_TSAN_STORED,	/* before a marked store */
	SHIM_TSAN_RMW,		/* before a read-modify-write */
	SHIM_TSAN_LOADED,	/* after a relaxed marked load (or RMW's load) */
	SHIM_TSAN_LOADED_ACQUIRE, /* after an acquire load (or RMW's load) */
	SHIM_TSAN_FENCE_RELEASE,
	SHIM_TSAN_FENCE_ACQUIRE,
	/*
	 * Around the access of a release operation (smp_store_release(), a
	 * _release or fully ordered RMW): it publishes the thread's state
	 * there; unlike a fence's, later relaxed stores do not.
	 */
	SHIM_TSAN_RELEASE_ACCESS,
	SHIM_TSAN_RELEASE_ACCESS_DONE,
};

/*
 * shim_sync_hook: the deterministic scheduler's switch point
 * (runtime/sched/run.cc), set while a schedule runs.
 */

#ifdef CONFIG_SHIM_TSAN
/**
 * shim_tsan_model() - the fence model's entry point
 * @ev: what happened
 * @addr: the location, or NULL for a fence
 *
 * In TSan builds only (runtime/tsan/fences.cc); call shim_tsan_tell().
 */
void shim_tsan_model(enum shim_tsan_event ev, const volatile void *addr);
#endif

/**
 * shim_tsan_tell() - tell the TSan fence model about an event
 * @ev: what happened
 * @addr: the location, or NULL for a fence
 *
 * Does nothing outside TSan builds, and inside a lock operation: there
 * TSan ignores the thread's synchronization, and sees the lock instead of
 * its internals (<shim/tsan.h>).
 */
static inline __attribute__((always_inline)) void
shim_tsan_tell(enum shim_tsan_event ev, const volatile void *addr)
{
#ifdef CONFIG_SHIM_TSAN
	/* Per task, relaxed: as `current` (<linux/sched.h>). */
	if (!__atomic_load_n(&shim_tsan_lock_op_depth, __ATOMIC_RELAXED))
		shim_tsan_model(ev, addr);
#endif
	(void)ev;
	(void)addr;
}

/**
 * shim_tsan_sync() - the fence model's part of a sync point
 * @op: the operation about to happen
 * @addr: its location
 *
 * Stores, RMWs and fences tell the model before they happen; a load's
 * event comes after it, from its macro.
 */
static inline __attribute__((always_inline)) void
shim_tsan_sync(enum shim_sync_op op, const volatile void *addr)
{
	switch (op) {
	case SHIM_SYNC_STORE:
		shim_tsan_tell(SHIM_TSAN_STORED, addr);
		break;
	case SHIM_SYNC_RMW:
		shim_tsan_tell(SHIM_TSAN_RMW, addr);
		break;
	case SHIM_SYNC_FENCE_REL:
		shim_tsan_tell(SHIM_TSAN_FENCE_RELEASE, addr);
		break;
	case SHIM_SYNC_FENCE_ACQ:
		shim_tsan_tell(SHIM_TSAN_FENCE_ACQUIRE, addr);
		break;
	default:
		break;
	}
}

/**
 * shim_sync_point() - a synchronizing operation is about to happen
 * @op: which kind
 * @addr: its location (a lock, a word), or NULL
 *
 * Every synchronizing primitive of the shim calls it first. Under the
 * deterministic scheduler it is a switch point (and the memory model's
 * view of the access, runtime/sched/memory_model.h); under TSan it feeds
 * the fence model. Otherwise it costs a relaxed load and a branch, or
 * nothing with -Dsync_hook=false.
 */
static inline __attribute__((always_inline)) void
shim_sync_point(enum shim_sync_op op, const volatile void *addr)
{
#ifdef CONFIG_SHIM_SYNC_HOOK
	shim_sync_hook_t hook = __atomic_load_n(&shim_sync_hook,
						 __ATOMIC_RELAXED);

	if (__builtin_expect(hook != 0, 0))
		hook(op, addr);
#endif
	shim_tsan_sync(op, addr);
	(void)op;
	(void)addr;
}

/**
 * shim_tsan_full_barrier() - the fence model's view of smp_mb()
 *
 * On each side of a fully ordered RMW that succeeded, for TSan only:
 * acquire what the RMW and earlier loads saw, and publish.
 */
static inline __attribute__((always_inline)) void shim_tsan_full_barrier(void)
{
	shim_tsan_tell(SHIM_TSAN_FENCE_ACQUIRE, 0);
	shim_tsan_tell(SHIM_TSAN_FENCE_RELEASE, 0);
}

/*
 * The hardware access of an acquire load. Under the lkmm model a load may
 * read an older store than memory's, and TSan must acquire what that one
 * published (the model tells it): the access itself is relaxed then, or
 * TSan would acquire the newest store's release.
 */
#define __shim_acquire_load(p)                                          \
	(shim_lkmm_on() ? __atomic_load_n((p), __ATOMIC_RELAXED)        \
			: __atomic_load_n((p), __ATOMIC_ACQUIRE))

/**
 * shim_load_acquire() - a marked ACQUIRE load
 * @p: the location
 *
 * What smp_load_acquire() and atomic_read_acquire() do: a sync point, the
 * load, and the fence model told what it acquired.
 *
 * Return: the value loaded.
 */
#define shim_load_acquire(p)                                         \
	({                                                           \
		__typeof__(*(p)) *__la_p = (p);                      \
		shim_sync_point(SHIM_SYNC_LOAD, __la_p);             \
		__typeof__(*(p)) __la_v = __shim_lkmm_value(         \
			__la_p, __shim_acquire_load(__la_p),         \
			SHIM_LKMM_ACQUIRE);                          \
		if (!shim_lkmm_on())                                 \
			shim_tsan_tell(SHIM_TSAN_LOADED_ACQUIRE, __la_p); \
		__la_v;                                              \
	})

/**
 * shim_store_release() - a marked RELEASE store
 * @p: the location
 * @v: the value
 *
 * What smp_store_release() and atomic_set_release() do: the thread's
 * state is published through this store, not through later relaxed ones.
 */
#define shim_store_release(p, v)                                     \
	do {                                                         \
		__typeof__(*(p)) *__sr_p = (p);                      \
		__typeof__(*(p)) __sr_v = (v);                       \
		shim_tsan_tell(SHIM_TSAN_RELEASE_ACCESS, 0);         \
		shim_sync_point(SHIM_SYNC_STORE, __sr_p);            \
		__shim_lkmm_store(__sr_p, __sr_v, SHIM_LKMM_RELEASE); \
		__atomic_store_n(__sr_p, __sr_v, __ATOMIC_RELEASE);  \
		shim_tsan_tell(SHIM_TSAN_RELEASE_ACCESS_DONE, 0);    \
	} while (0)

#ifdef __cplusplus
}
#endif

#endif /* _SHIM_SYNC_H */
