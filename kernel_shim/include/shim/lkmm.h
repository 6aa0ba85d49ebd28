/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * User-space only: what the marked accesses tell the scheduler's memory
 * model, and how a load gets the value the model chooses
 * (kernel_shim/runtime/sched/lkmm.cc, Documentation/dev-tools/lkmm.rst).
 *
 * Under the deterministic scheduler with --memory-model lkmm, a marked
 * load may return an older store to its location than memory holds: any
 * store the Linux-kernel memory model lets the loading task see. Memory
 * itself always holds the newest store (the order in which stores run is
 * their coherence order), so the load macros read memory and then ask
 * the model, which answers with memory's value or an older one; stores,
 * read-modify-writes and fences report what they did. Outside such a
 * schedule shim_lkmm_enabled is 0 and each macro costs a relaxed load
 * and a branch (nothing with -Dsync_hook=false).
 *
 * Values travel as the bytes of the access, zero-extended to 64 bits
 * (little-endian hosts, as every target of the fiber switch is).
 */
#ifndef _SHIM_LKMM_H
#define _SHIM_LKMM_H

#include <stdbool.h>

#ifdef __cplusplus
extern "C" {
#endif

/* What an access orders, as its kernel primitive does. */
enum shim_lkmm_order {
	SHIM_LKMM_RELAXED,	/* READ_ONCE, WRITE_ONCE, _relaxed RMWs */
	SHIM_LKMM_ACQUIRE,	/* smp_load_acquire, _acquire RMWs */
	SHIM_LKMM_RELEASE,	/* smp_store_release, _release RMWs */
	SHIM_LKMM_FULL,		/* value-returning RMWs without a suffix */
};

enum shim_lkmm_fence {
	SHIM_LKMM_RMB,		/* smp_rmb() */
	SHIM_LKMM_WMB,		/* smp_wmb() */
	SHIM_LKMM_MB,		/* smp_mb() and the fences built on it */
};

/* What lock and RCU primitives tell the model, beyond their accesses. */
enum shim_lkmm_event {
	SHIM_LKMM_LOCKED,	/* a spinlock was just taken */
	SHIM_LKMM_UNLOCKING,	/* a spinlock is about to be released */
	SHIM_LKMM_RCU_LOCK,	/* rcu_read_lock() */
	SHIM_LKMM_RCU_UNLOCK,	/* rcu_read_unlock() */
	SHIM_LKMM_RCU_GP_START,	/* synchronize_rcu() or call_rcu() starts one */
	SHIM_LKMM_RCU_GP_DONE,	/* a grace period ended for the caller */
	SHIM_LKMM_EXITING,	/* the task's start routine returned */
};

/* Set while a schedule runs under the lkmm model; relaxed. */
extern int shim_lkmm_enabled;

/*
 * The value a marked load of @p returns; @order is the load's own, and a
 * @pointer load is an acquire for the values (see below) but keeps
 * @order for ThreadSanitizer, which the model tells what the store read
 * published (the load macros tell it themselves when the model is off).
 */
unsigned long long shim_lkmm_load(const volatile void *p, unsigned int size,
				  unsigned long long mem,
				  enum shim_lkmm_order order, bool pointer);
void shim_lkmm_store(const volatile void *p, unsigned int size,
		     unsigned long long val, enum shim_lkmm_order order);
void shim_lkmm_rmw(const volatile void *p, unsigned int size,
		   unsigned long long before, unsigned long long after,
		   enum shim_lkmm_order order, bool stored);
void shim_lkmm_fence(enum shim_lkmm_fence fence);
void shim_lkmm_event(enum shim_lkmm_event event, const volatile void *p);
/* [@p, @p + @size) is new memory (an allocation): its history goes. */
void shim_lkmm_forget(const volatile void *p, unsigned long size);

#ifdef CONFIG_SHIM_TSAN
/* runtime/tsan/lkmm_flag.c: the flag, read where TSan does not see it. */
bool shim_lkmm_enabled_untracked(void);
#endif

/*
 * Under TSan the flag is read outside TSan's sight: an access TSan saw
 * at every marked access would change what TSan remembers of the
 * program's own (which of its shadow cells a new access replaces), and
 * with it whether a race is reported: a seed must name a verdict.
 */
static inline __attribute__((always_inline)) bool shim_lkmm_on(void)
{
#if !defined(CONFIG_SHIM_SYNC_HOOK)
	return false;
#elif defined(CONFIG_SHIM_TSAN)
	return __builtin_expect(shim_lkmm_enabled_untracked(), 0);
#else
	return __builtin_expect(__atomic_load_n(&shim_lkmm_enabled,
						__ATOMIC_RELAXED), 0);
#endif
}

#ifdef __cplusplus
#define __shim_auto auto
#else
#define __shim_auto __auto_type
#endif

/* The bytes of @v (any scalar of at most 8 bytes) as a u64. */
#define __shim_lkmm_bits(v)                                          \
	({                                                           \
		__shim_auto __bv = (v);                              \
		union {                                              \
			__typeof__(__bv) t;                          \
			unsigned long long u;                        \
		} __lb = { .u = 0 };                                 \
		__lb.t = __bv;                                       \
		__lb.u;                                              \
	})

/* Memory's value at @p, read without being a marked access. */
#define __shim_lkmm_raw(p)                                                   \
	({                                                                   \
		unsigned long long __lr = 0;                                 \
		switch (sizeof(*(p))) {                                      \
		case 1:                                                      \
			__lr = __atomic_load_n((unsigned char *)(p),         \
					       __ATOMIC_RELAXED);            \
			break;                                               \
		case 2:                                                      \
			__lr = __atomic_load_n((unsigned short *)(p),        \
					       __ATOMIC_RELAXED);            \
			break;                                               \
		case 4:                                                      \
			__lr = __atomic_load_n((unsigned int *)(p),          \
					       __ATOMIC_RELAXED);            \
			break;                                               \
		default:                                                     \
			__lr = __atomic_load_n((unsigned long long *)(p),    \
					       __ATOMIC_RELAXED);            \
		}                                                            \
		__lr;                                                        \
	})

/*
 * A pointer read by a marked load heads an address dependency, which the
 * LKMM orders like an acquire for the loads through it (rcu_dereference()
 * is the usual case). The model cannot follow dependencies, so it treats
 * every pointer-typed marked load as an acquire: stronger than the LKMM,
 * never weaker (Documentation/dev-tools/lkmm.rst, "Approximations").
 */
#define __shim_lkmm_is_pointer(x) (__builtin_classify_type(x) == 5)

/*
 * The value a marked load of @p returns, given @mem, what it read from
 * memory: the model's choice under lkmm, else @mem. Under lkmm the
 * model also tells TSan's fence model what the load saw.
 */
#define __shim_lkmm_value(p, mem, order)                                      \
	({                                                                    \
		__shim_auto __lv = (mem);                                     \
		if (shim_lkmm_on()) {                                         \
			unsigned long long __lu = shim_lkmm_load(            \
				(p), sizeof(*(p)), __shim_lkmm_bits(__lv),   \
				(order), __shim_lkmm_is_pointer(*(p)));      \
			__builtin_memcpy(&__lv, &__lu, sizeof(__lv));         \
		}                                                             \
		__lv;                                                         \
	})

/* A marked store of @v to @p is about to happen. */
#define __shim_lkmm_store(p, v, order)                                       \
	do {                                                                 \
		if (shim_lkmm_on())                                          \
			shim_lkmm_store((p), sizeof(*(p)),                   \
					__shim_lkmm_bits(v), (order));       \
	} while (0)

#ifdef __cplusplus
}
#endif

#endif /* _SHIM_LKMM_H */
