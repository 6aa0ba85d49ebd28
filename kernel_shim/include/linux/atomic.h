/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * atomic_t, atomic_long_t and atomic64_t with the LKMM's orderings
 * (Documentation/atomic_t.txt):
 *
 *  - atomic_read/atomic_set and the non-value-returning RMWs (atomic_inc,
 *    atomic_add, atomic_or, ...) are relaxed;
 *  - value-returning RMWs come in four orderings: fully ordered (no
 *    suffix), _acquire, _release and _relaxed;
 *  - a failed cmpxchg/try_cmpxchg is relaxed;
 *  - the conditional ops (inc_not_zero, add_unless, dec_if_positive, ...)
 *    are fully ordered when they succeed.
 *
 * Fully ordered RMWs use __ATOMIC_SEQ_CST, which on x86-64 is a LOCK'ed
 * instruction and so a full barrier in hardware, and which no compiler
 * moves loads or stores across; elsewhere a full fence follows.
 */
#ifndef _LINUX_ATOMIC_H
#define _LINUX_ATOMIC_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <asm/barrier.h>
#include <linux/bug.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/limits.h>
#include <linux/lockdep_types.h>
#include <linux/printk.h>

#if defined(__x86_64__) || defined(__i386__)
#define __SHIM_RMW_FULL_FENCE() do { } while (0)
#else
#define __SHIM_RMW_FULL_FENCE() __atomic_thread_fence(__ATOMIC_SEQ_CST)
#endif

#define __SHIM_ORD_ __ATOMIC_SEQ_CST
#define __SHIM_ORD__acquire __ATOMIC_ACQUIRE
#define __SHIM_ORD__release __ATOMIC_RELEASE
#define __SHIM_ORD__relaxed __ATOMIC_RELAXED

/*
 * Before an RMW of ordering O, for ThreadSanitizer: a fully ordered or
 * _release one publishes the thread's state at this point (<shim/sync.h>).
 */
#define __SHIM_PRE_() shim_tsan_tell(SHIM_TSAN_RELEASE_ACCESS, 0)
#define __SHIM_PRE__acquire() do { } while (0)
#define __SHIM_PRE__release() shim_tsan_tell(SHIM_TSAN_RELEASE_ACCESS, 0)
#define __SHIM_PRE__relaxed() do { } while (0)
#define __shim_pre(O) __SHIM_PRE_##O()
#define __SHIM_DONE_() shim_tsan_tell(SHIM_TSAN_RELEASE_ACCESS_DONE, 0)
#define __SHIM_DONE__acquire() do { } while (0)
#define __SHIM_DONE__release() shim_tsan_tell(SHIM_TSAN_RELEASE_ACCESS_DONE, 0)
#define __SHIM_DONE__relaxed() do { } while (0)

/*
 * After an RMW of ordering O at @p that took effect if @ok (a failed
 * cmpxchg is relaxed): a fully ordered one has the fence above and, for
 * TSan, smp_mb()'s reach beyond its own address; an _acquire one acquires
 * what its load saw; any other only reports its load.
 */
#define __SHIM_POST_(p)                       \
	do {                                  \
		__SHIM_RMW_FULL_FENCE();      \
		shim_tsan_tell(SHIM_TSAN_LOADED, p); \
		shim_tsan_full_barrier();     \
	} while (0)
#define __SHIM_POST__acquire(p) shim_tsan_tell(SHIM_TSAN_LOADED_ACQUIRE, p)
#define __SHIM_POST__release(p) shim_tsan_tell(SHIM_TSAN_LOADED, p)
#define __SHIM_POST__relaxed(p) shim_tsan_tell(SHIM_TSAN_LOADED, p)
#define __shim_post(p, O, ok)                 \
	do {                                  \
		__SHIM_DONE_##O();            \
		if (ok)                       \
			__SHIM_POST_##O(p);   \
		else                          \
			shim_tsan_tell(SHIM_TSAN_LOADED, p); \
	} while (0)

/* The memory model's name for ordering O (<shim/lkmm.h>). */
#define __SHIM_LKMM_ORD_ SHIM_LKMM_FULL
#define __SHIM_LKMM_ORD__acquire SHIM_LKMM_ACQUIRE
#define __SHIM_LKMM_ORD__release SHIM_LKMM_RELEASE
#define __SHIM_LKMM_ORD__relaxed SHIM_LKMM_RELAXED

/*
 * Around an RMW at @p, for the scheduler's memory model: memory's value
 * before it, and then what it did (a failed cmpxchg stores nothing and
 * orders nothing).
 */
#define __shim_lkmm_before(p) (shim_lkmm_on() ? __shim_lkmm_raw(p) : 0)
#define __shim_lkmm_rmw(p, before, O, ok)                                   \
	do {                                                                \
		if (shim_lkmm_on())                                         \
			shim_lkmm_rmw((p), sizeof(*(p)), (before),          \
				      __shim_lkmm_raw(p),                   \
				      (ok) ? __SHIM_LKMM_ORD_##O :          \
					     SHIM_LKMM_RELAXED, (ok));      \
	} while (0)

/* One RMW of ordering O at @p: @op is the access, its value in @res. */
#define __shim_rmw(p, O, res, op)                                   \
	do {                                                        \
		unsigned long long __rmw_before;                    \
		__shim_pre(O);                                      \
		shim_sync_point(SHIM_SYNC_RMW, p);                  \
		__rmw_before = __shim_lkmm_before(p);               \
		res = (op);                                         \
		__shim_lkmm_rmw(p, __rmw_before, O, true);          \
		__shim_post(p, O, true);                            \
	} while (0)

/* A try_cmpxchg of ordering O, on an atomic_t or a plain variable. */
#define __shim_try_cmpxchg(ptr, oldp, n, O)                                   \
	({                                                                    \
		__typeof__(ptr) __tc_p = (ptr);                               \
		bool __tc_ok;                                                 \
		unsigned long long __tc_before;                               \
		__shim_pre(O);                                                \
		shim_sync_point(SHIM_SYNC_RMW, __tc_p);                       \
		__tc_before = __shim_lkmm_before(__tc_p);                     \
		__tc_ok = __atomic_compare_exchange_n(__tc_p, oldp, n, false, \
						      __SHIM_ORD_##O,         \
						      __ATOMIC_RELAXED);      \
		__shim_lkmm_rmw(__tc_p, __tc_before, O, __tc_ok);             \
		__shim_post(__tc_p, O, __tc_ok);                              \
		__tc_ok;                                                      \
	})
/* One value-returning RMW in one ordering. */
#define __SHIM_ATOMIC_RMW(pfx, T, name, O, builtin, arg)                   \
	static __always_inline T pfx##_##name##O(T i, pfx##_t *v)          \
	{                                                                  \
		T __r;                                                     \
		__shim_rmw(v, O, __r,                                      \
			   builtin(&v->counter, arg, __SHIM_ORD_##O));     \
		return __r;                                                \
	}

/* The same RMW by 1 (inc_return from add_return, ...). */
#define __SHIM_ATOMIC_RMW1(pfx, T, name, O, by)                     \
	static __always_inline T pfx##_##name##O(pfx##_t *v)        \
	{                                                           \
		return pfx##_##by##O(1, v);                         \
	}

#define __SHIM_ATOMIC_ORDERED(pfx, T, O)                                      \
	__SHIM_ATOMIC_RMW(pfx, T, add_return, O, __atomic_add_fetch, i)       \
	__SHIM_ATOMIC_RMW(pfx, T, sub_return, O, __atomic_sub_fetch, i)       \
	__SHIM_ATOMIC_RMW1(pfx, T, inc_return, O, add_return)                 \
	__SHIM_ATOMIC_RMW1(pfx, T, dec_return, O, sub_return)                 \
	__SHIM_ATOMIC_RMW(pfx, T, fetch_add, O, __atomic_fetch_add, i)        \
	__SHIM_ATOMIC_RMW(pfx, T, fetch_sub, O, __atomic_fetch_sub, i)        \
	__SHIM_ATOMIC_RMW1(pfx, T, fetch_inc, O, fetch_add)                   \
	__SHIM_ATOMIC_RMW1(pfx, T, fetch_dec, O, fetch_sub)                   \
	__SHIM_ATOMIC_RMW(pfx, T, fetch_and, O, __atomic_fetch_and, i)        \
	__SHIM_ATOMIC_RMW(pfx, T, fetch_andnot, O, __atomic_fetch_and, ~i)    \
	__SHIM_ATOMIC_RMW(pfx, T, fetch_or, O, __atomic_fetch_or, i)          \
	__SHIM_ATOMIC_RMW(pfx, T, fetch_xor, O, __atomic_fetch_xor, i)        \
	static __always_inline T pfx##_xchg##O(pfx##_t *v, T n)               \
	{                                                                     \
		T __r;                                                        \
		__shim_rmw(v, O, __r,                                         \
			   __atomic_exchange_n(&v->counter, n,                \
					       __SHIM_ORD_##O));              \
		return __r;                                                   \
	}                                                                     \
	static __always_inline bool pfx##_try_cmpxchg##O(pfx##_t *v, T *old,  \
							 T n)                 \
	{                                                                     \
		return __shim_try_cmpxchg(&v->counter, old, n, O);            \
	}                                                                     \
	static __always_inline T pfx##_cmpxchg##O(pfx##_t *v, T old, T n)     \
	{                                                                     \
		pfx##_try_cmpxchg##O(v, &old, n);                             \
		return old;                                                   \
	}                                                                     \
	static __always_inline bool pfx##_add_negative##O(T i, pfx##_t *v)    \
	{                                                                     \
		return pfx##_add_return##O(i, v) < 0;                         \
	}

/* A relaxed RMW whose result nobody wants. */
#define __SHIM_ATOMIC_VOID(pfx, T, name, builtin, arg)                 \
	static __always_inline void pfx##_##name(T i, pfx##_t *v)      \
	{                                                              \
		T __r;                                                 \
		__shim_rmw(v, _relaxed, __r,                           \
			   builtin(&v->counter, arg, __ATOMIC_RELAXED)); \
		(void)__r;                                             \
	}

#define __SHIM_ATOMIC_FAMILY(pfx, T)                                           \
	static __always_inline T pfx##_read(const pfx##_t *v)                  \
	{                                                                      \
		return READ_ONCE(v->counter);                                  \
	}                                                                      \
	static __always_inline T pfx##_read_acquire(const pfx##_t *v)          \
	{                                                                      \
		return shim_load_acquire(&v->counter);                         \
	}                                                                      \
	static __always_inline void pfx##_set(pfx##_t *v, T i)                 \
	{                                                                      \
		WRITE_ONCE(v->counter, i);                                     \
	}                                                                      \
	static __always_inline void pfx##_set_release(pfx##_t *v, T i)         \
	{                                                                      \
		shim_store_release(&v->counter, i);                            \
	}                                                                      \
	__SHIM_ATOMIC_VOID(pfx, T, add, __atomic_fetch_add, i)                 \
	__SHIM_ATOMIC_VOID(pfx, T, sub, __atomic_fetch_sub, i)                 \
	__SHIM_ATOMIC_VOID(pfx, T, and, __atomic_fetch_and, i)                 \
	__SHIM_ATOMIC_VOID(pfx, T, andnot, __atomic_fetch_and, ~i)             \
	__SHIM_ATOMIC_VOID(pfx, T, or, __atomic_fetch_or, i)                   \
	__SHIM_ATOMIC_VOID(pfx, T, xor, __atomic_fetch_xor, i)                 \
	static __always_inline void pfx##_inc(pfx##_t *v)                      \
	{                                                                      \
		pfx##_add(1, v);                                               \
	}                                                                      \
	static __always_inline void pfx##_dec(pfx##_t *v)                      \
	{                                                                      \
		pfx##_sub(1, v);                                               \
	}                                                                      \
	__SHIM_ATOMIC_ORDERED(pfx, T, )                                        \
	__SHIM_ATOMIC_ORDERED(pfx, T, _acquire)                                \
	__SHIM_ATOMIC_ORDERED(pfx, T, _release)                                \
	__SHIM_ATOMIC_ORDERED(pfx, T, _relaxed)                                \
	static __always_inline bool pfx##_sub_and_test(T i, pfx##_t *v)        \
	{                                                                      \
		return pfx##_sub_return(i, v) == 0;                            \
	}                                                                      \
	static __always_inline bool pfx##_dec_and_test(pfx##_t *v)             \
	{                                                                      \
		return pfx##_dec_return(v) == 0;                               \
	}                                                                      \
	static __always_inline bool pfx##_inc_and_test(pfx##_t *v)             \
	{                                                                      \
		return pfx##_inc_return(v) == 0;                               \
	}                                                                      \
	/* Add @a unless the value is @u; returns the old value. */            \
	static __always_inline T pfx##_fetch_add_unless(pfx##_t *v, T a, T u)  \
	{                                                                      \
		T c = pfx##_read(v);                                           \
		do {                                                           \
			if (unlikely(c == u))                                  \
				break;                                         \
		} while (!pfx##_try_cmpxchg(v, &c, c + a));                    \
		return c;                                                      \
	}                                                                      \
	static __always_inline bool pfx##_add_unless(pfx##_t *v, T a, T u)     \
	{                                                                      \
		return pfx##_fetch_add_unless(v, a, u) != u;                   \
	}                                                                      \
	static __always_inline bool pfx##_inc_not_zero(pfx##_t *v)             \
	{                                                                      \
		return pfx##_add_unless(v, 1, 0);                              \
	}                                                                      \
	static __always_inline bool pfx##_inc_unless_negative(pfx##_t *v)      \
	{                                                                      \
		T c = pfx##_read(v);                                           \
		do {                                                           \
			if (unlikely(c < 0))                                   \
				return false;                                  \
		} while (!pfx##_try_cmpxchg(v, &c, c + 1));                    \
		return true;                                                   \
	}                                                                      \
	static __always_inline bool pfx##_dec_unless_positive(pfx##_t *v)      \
	{                                                                      \
		T c = pfx##_read(v);                                           \
		do {                                                           \
			if (unlikely(c > 0))                                   \
				return false;                                  \
		} while (!pfx##_try_cmpxchg(v, &c, c - 1));                    \
		return true;                                                   \
	}                                                                      \
	/* Decrement if the result stays >= 0; returns the result anyway. */   \
	static __always_inline T pfx##_dec_if_positive(pfx##_t *v)             \
	{                                                                      \
		T dec, c = pfx##_read(v);                                      \
		do {                                                           \
			dec = c - 1;                                           \
			if (unlikely(dec < 0))                                 \
				break;                                         \
		} while (!pfx##_try_cmpxchg(v, &c, dec));                      \
		return dec;                                                    \
	}

__SHIM_ATOMIC_FAMILY(atomic, int)
__SHIM_ATOMIC_FAMILY(atomic_long, long)
__SHIM_ATOMIC_FAMILY(atomic64, s64)

/* cmpxchg() and friends on plain variables; O as in the atomic_t ones. */
#define __shim_cmpxchg(ptr, old, n, O)                             \
	({                                                         \
		__typeof__(*(ptr)) __old = (old);                  \
		__shim_try_cmpxchg(ptr, &__old, n, O);             \
		__old;                                             \
	})
#define cmpxchg(ptr, o, n) __shim_cmpxchg(ptr, o, n, )
#define cmpxchg_acquire(ptr, o, n) __shim_cmpxchg(ptr, o, n, _acquire)
#define cmpxchg_release(ptr, o, n) __shim_cmpxchg(ptr, o, n, _release)
#define cmpxchg_relaxed(ptr, o, n) __shim_cmpxchg(ptr, o, n, _relaxed)
#define try_cmpxchg(ptr, oldp, n) __shim_try_cmpxchg(ptr, oldp, n, )
#define xchg(ptr, v)                                                         \
	({                                                                   \
		__typeof__(ptr) __x_p = (ptr);                               \
		__typeof__(*(ptr)) __x_r;                                    \
		__shim_rmw(__x_p, , __x_r,                                   \
			   __atomic_exchange_n(__x_p, v, __ATOMIC_SEQ_CST)); \
		__x_r;                                                       \
	})

#endif /* _LINUX_ATOMIC_H */
