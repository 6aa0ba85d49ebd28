/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * refcount_t: an atomic_t that saturates instead of wrapping.
 *
 * As in the kernel (Documentation/core-api/refcount-vs-atomic.rst):
 *  - a counter that would overflow, or that is incremented from 0, or
 *    decremented below 0 (or to 0 by a plain dec) is set to
 *    REFCOUNT_SATURATED and a WARN names the case; a saturated counter
 *    stays saturated (the object leaks rather than being freed early);
 *  - inc/add are relaxed; the *_not_zero forms are relaxed on success
 *    (the _acquire forms ACQUIRE), and provide a control dependency
 *    (shown to ThreadSanitizer when they find the count at 0);
 *  - dec/sub are RELEASE, and *_and_test returning true is also ACQUIRE
 *    (smp_acquire__after_ctrl_dep), so the last put sees every earlier
 *    access to the object before freeing it.
 */
#ifndef _LINUX_REFCOUNT_H
#define _LINUX_REFCOUNT_H

#include <linux/atomic.h>
#include <linux/bug.h>
#include <linux/limits.h>
#include <linux/refcount_types.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/lockdep_types.h>
#include <linux/spinlock_types.h>

#ifdef __cplusplus
extern "C" {
#endif

#define REFCOUNT_MAX INT_MAX
#define REFCOUNT_SATURATED (INT_MIN / 2)

enum refcount_saturation_type {
	REFCOUNT_ADD_NOT_ZERO_OVF,
	REFCOUNT_ADD_OVF,
	REFCOUNT_ADD_UAF,
	REFCOUNT_SUB_UAF,
	REFCOUNT_DEC_LEAK,
};

/* Saturates @r and warns (once per kind, as WARN_ONCE does). */
void refcount_warn_saturate(refcount_t *r, enum refcount_saturation_type t);

static inline void refcount_set(refcount_t *r, int n)
{
	atomic_set(&r->refs, n);
}

static inline void refcount_set_release(refcount_t *r, int n)
{
	atomic_set_release(&r->refs, n);
}

static inline unsigned int refcount_read(const refcount_t *r)
{
	return atomic_read(&r->refs);
}

/* Overflowed into, or already at, the saturation range. */
static inline bool __refcount_bad(int old, int result)
{
	return old < 0 || result < 0;
}

/*
 * Finding the count at 0 tells the caller the object is dead, and what it
 * does next (free it, reinitialize it) is ordered after the put that
 * brought it to 0 by the control dependency the kernel documents for the
 * *_not_zero forms. ThreadSanitizer cannot see a control dependency:
 * shim_ctrl_dep_acquire() tells it, on that path only (a success must not
 * order the caller's later loads: a reader's plain reads after a relaxed
 * inc_not_zero stay checked).
 */
static inline __must_check bool
__refcount_add_not_zero(int i, refcount_t *r, int *oldp)
{
	int old = refcount_read(r);

	do {
		if (!old) {
			shim_ctrl_dep_acquire();
			break;
		}
	} while (!atomic_try_cmpxchg_relaxed(&r->refs, &old,
					     (int)((unsigned int)old + i)));
	if (oldp)
		*oldp = old;
	if (unlikely(__refcount_bad(old, (int)((unsigned int)old + i))))
		refcount_warn_saturate(r, REFCOUNT_ADD_NOT_ZERO_OVF);
	return old;
}

static inline __must_check bool refcount_add_not_zero(int i, refcount_t *r)
{
	return __refcount_add_not_zero(i, r, NULL);
}

#include <shim/refcount_relaxed.h>

/*
 * Take @i references unless the count is 0 or the result would exceed
 * @limit; on success ACQUIRE. On refusal the count is left as it was and
 * *@oldp says why (0: the object is dead; otherwise: at the limit).
 */
static inline __must_check bool
__refcount_add_not_zero_limited_acquire(int i, refcount_t *r, int *oldp,
					int limit)
{
	return __shim_refcount_add_not_zero_limited(i, r, oldp, limit, true);
}

static inline __must_check bool
__refcount_inc_not_zero_limited_acquire(refcount_t *r, int *oldp, int limit)
{
	return __refcount_add_not_zero_limited_acquire(1, r, oldp, limit);
}

/* For objects whose memory may be reused (SLAB_TYPESAFE_BY_RCU). */
static inline __must_check bool
__refcount_add_not_zero_acquire(int i, refcount_t *r, int *oldp)
{
	return __refcount_add_not_zero_limited_acquire(i, r, oldp, INT_MAX);
}

static inline __must_check bool refcount_add_not_zero_acquire(int i,
							      refcount_t *r)
{
	return __refcount_add_not_zero_acquire(i, r, NULL);
}

static inline __must_check bool
__refcount_inc_not_zero_acquire(refcount_t *r, int *oldp)
{
	return __refcount_add_not_zero_acquire(1, r, oldp);
}

static inline __must_check bool refcount_inc_not_zero_acquire(refcount_t *r)
{
	return __refcount_inc_not_zero_acquire(r, NULL);
}

static inline __must_check bool __refcount_inc_not_zero(refcount_t *r,
							int *oldp)
{
	return __refcount_add_not_zero(1, r, oldp);
}

static inline __must_check bool refcount_inc_not_zero(refcount_t *r)
{
	return __refcount_inc_not_zero(r, NULL);
}

static inline void __refcount_add(int i, refcount_t *r, int *oldp)
{
	int old = atomic_fetch_add_relaxed(i, &r->refs);

	if (oldp)
		*oldp = old;
	if (unlikely(!old))
		refcount_warn_saturate(r, REFCOUNT_ADD_UAF);
	else if (unlikely(__refcount_bad(old, (int)((unsigned int)old + i))))
		refcount_warn_saturate(r, REFCOUNT_ADD_OVF);
}

static inline void refcount_add(int i, refcount_t *r)
{
	__refcount_add(i, r, NULL);
}

static inline void __refcount_inc(refcount_t *r, int *oldp)
{
	__refcount_add(1, r, oldp);
}

static inline void refcount_inc(refcount_t *r)
{
	__refcount_inc(r, NULL);
}

static inline __must_check bool __refcount_sub_and_test(int i, refcount_t *r,
							int *oldp)
{
	int old = atomic_fetch_sub_release(i, &r->refs);

	if (oldp)
		*oldp = old;
	if (old > 0 && old == i) {
		smp_acquire__after_ctrl_dep();
		return true;
	}
	if (unlikely(old <= 0 || old - i < 0))
		refcount_warn_saturate(r, REFCOUNT_SUB_UAF);
	return false;
}

static inline __must_check bool refcount_sub_and_test(int i, refcount_t *r)
{
	return __refcount_sub_and_test(i, r, NULL);
}

static inline __must_check bool __refcount_dec_and_test(refcount_t *r,
							int *oldp)
{
	return __refcount_sub_and_test(1, r, oldp);
}

static inline __must_check bool refcount_dec_and_test(refcount_t *r)
{
	return __refcount_dec_and_test(r, NULL);
}

static inline void __refcount_dec(refcount_t *r, int *oldp)
{
	int old = atomic_fetch_sub_release(1, &r->refs);

	if (oldp)
		*oldp = old;
	if (unlikely(old <= 1))
		refcount_warn_saturate(r, REFCOUNT_DEC_LEAK);
}

static inline void refcount_dec(refcount_t *r)
{
	__refcount_dec(r, NULL);
}

/* 1 -> 0 only; RELEASE on success. */
static inline __must_check bool refcount_dec_if_one(refcount_t *r)
{
	int val = 1;

	return atomic_try_cmpxchg_release(&r->refs, &val, 0);
}

/* Decrement unless the count is 1 (or saturated); RELEASE on success. */
static inline __must_check bool refcount_dec_not_one(refcount_t *r)
{
	int val = atomic_read(&r->refs);

	do {
		if (unlikely(val == REFCOUNT_SATURATED))
			return true;
		if (val == 1)
			return false;
		if (unlikely(val <= 0)) {
			refcount_warn_saturate(r, REFCOUNT_SUB_UAF);
			return true;
		}
	} while (!atomic_try_cmpxchg_release(&r->refs, &val, val - 1));
	return true;
}

#ifdef __cplusplus
}
#endif

#endif /* _LINUX_REFCOUNT_H */
