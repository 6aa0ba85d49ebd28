/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * READ_ONCE/WRITE_ONCE and the other compiler helpers.
 *
 * READ_ONCE() and WRITE_ONCE() are relaxed __atomic accesses here, not
 * volatile ones: that is what makes them "marked" accesses for
 * ThreadSanitizer (as for KCSAN in the kernel), and it compiles to the same
 * single load or store. Each one is also a synchronization point (see
 * <shim/sync.h>).
 */
#ifndef _LINUX_COMPILER_H
#define _LINUX_COMPILER_H

#include <linux/compiler_types.h>
#include <linux/build_bug.h>
#include <shim/sync.h>

#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#define likely_notrace(x) likely(x)
#define unlikely_notrace(x) unlikely(x)

#define barrier() __asm__ __volatile__("" : : : "memory")
#define barrier_data(ptr) __asm__ __volatile__("" : : "r"(ptr) : "memory")
#define OPTIMIZER_HIDE_VAR(var) __asm__("" : "=r"(var) : "0"(var))

#define _RET_IP_ ((unsigned long)__builtin_return_address(0))
#define _THIS_IP_                                              \
	({                                                     \
		__label__ __here;                              \
	__here:                                                \
		(unsigned long)&&__here;                       \
	})

#define __compiletime_assert_rw_once(x)                                  \
	__shim_static_assert(__native_word(x) || sizeof(x) == sizeof(long long), \
		       "Unsupported access size for {READ,WRITE}_ONCE().")

#define READ_ONCE(x)                                                 \
	({                                                           \
		__compiletime_assert_rw_once(x);                     \
		__typeof__(x) *__ro_p = &(x);                        \
		shim_sync_point(SHIM_SYNC_LOAD, __ro_p);             \
		__typeof__(x) __ro_v = __shim_lkmm_value(            \
			__ro_p, __atomic_load_n(__ro_p, __ATOMIC_RELAXED), \
			SHIM_LKMM_RELAXED);                          \
		if (!shim_lkmm_on())                                 \
			shim_tsan_tell(SHIM_TSAN_LOADED, __ro_p);    \
		__ro_v;                                              \
	})

/*
 * The value is computed before the switch point: the store, not the loads
 * that compute it, is what the point precedes (a READ_ONCE() inside @val
 * is a switch point of its own, and a task may be preempted between it
 * and the store).
 */
#define WRITE_ONCE(x, val)                                           \
	do {                                                         \
		__compiletime_assert_rw_once(x);                     \
		__typeof__(x) *__wo_p = &(x);                        \
		__typeof__(x) __wo_v = (val);                        \
		shim_sync_point(SHIM_SYNC_STORE, __wo_p);            \
		__shim_lkmm_store(__wo_p, __wo_v, SHIM_LKMM_RELAXED); \
		__atomic_store_n(__wo_p, __wo_v, __ATOMIC_RELAXED);  \
	} while (0)

/*
 * data_race(expr): an intentional race; like KCSAN, ThreadSanitizer is told
 * to ignore the accesses in @expr.
 */
#ifdef CONFIG_SHIM_TSAN
#ifdef __cplusplus
extern "C" {
#endif
void AnnotateIgnoreReadsBegin(const char *file, int line);
void AnnotateIgnoreReadsEnd(const char *file, int line);
#ifdef __cplusplus
}
#endif
#define data_race(expr)                                                    \
	({                                                                 \
		AnnotateIgnoreReadsBegin(__FILE__, __LINE__);              \
		__unqual_scalar_typeof(({ expr; })) __v = ({ expr; });     \
		AnnotateIgnoreReadsEnd(__FILE__, __LINE__);                \
		__v;                                                       \
	})
#else
#define data_race(expr) ({ expr; })
#endif

/* KCSAN assertions: nothing to check them with here. */
#define ASSERT_EXCLUSIVE_WRITER(var) do { } while (0)
#define ASSERT_EXCLUSIVE_ACCESS(var) do { } while (0)
#define ASSERT_EXCLUSIVE_BITS(var, mask) do { } while (0)
#define kcsan_check_access(ptr, size, type) do { } while (0)

#define __is_constexpr(x) __builtin_constant_p(x)

#include <linux/stddef.h>

#define container_of(ptr, type, member)                                   \
	({                                                                \
		void *__mptr = (void *)(ptr);                             \
		((type *)((char *)__mptr - offsetof(type, member)));      \
	})
#define container_of_const(ptr, type, member) container_of(ptr, type, member)

#define typeof_member(T, m) __typeof__(((T *)0)->m)
#define sizeof_field(TYPE, MEMBER) sizeof((((TYPE *)0)->MEMBER))

#define ARRAY_SIZE(arr) (sizeof(arr) / sizeof((arr)[0]))

#endif /* _LINUX_COMPILER_H */
