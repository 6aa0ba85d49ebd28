/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * User-space only, included by <linux/refcount.h>: the limited
 * add-not-zero with its ordering as a parameter, and the relaxed forms it
 * makes. The kernel has only the _acquire form of the limited add (what
 * vma_start_read() takes a reference with); these relaxed twins exist so
 * that scripts/mutate's weaken-order operator can weaken that acquire as
 * it weakens every other (Documentation/dev-tools/mutate.rst). Kernel
 * code never calls them.
 */
#ifndef _SHIM_REFCOUNT_RELAXED_H
#define _SHIM_REFCOUNT_RELAXED_H

/**
 * __shim_refcount_add_not_zero_limited() - the limited add, any ordering
 * @i: references to take
 * @r: the refcount
 * @oldp: where the count before is written (may be NULL)
 * @limit: the count may not exceed this
 * @acquire: ACQUIRE on success if true, else relaxed
 *
 * Takes @i references unless the count is 0 or the result would exceed
 * @limit. On refusal the count is left as it was and *@oldp says why (0:
 * the object is dead; otherwise: at the limit).
 *
 * Return: whether the references were taken.
 */
static inline bool __shim_refcount_add_not_zero_limited(int i, refcount_t *r,
							int *oldp, int limit,
							bool acquire)
{
	int old = refcount_read(r);
	int want;

	do {
		if (!old)
			break;
		if (i > limit - old) {
			if (oldp)
				*oldp = old;
			return false;
		}
		want = (int)((unsigned int)old + i);
	} while (!(acquire ? atomic_try_cmpxchg_acquire(&r->refs, &old, want) :
			     atomic_try_cmpxchg_relaxed(&r->refs, &old, want)));
	if (oldp)
		*oldp = old;
	if (unlikely(__refcount_bad(old, (int)((unsigned int)old + i))))
		refcount_warn_saturate(r, REFCOUNT_ADD_NOT_ZERO_OVF);
	return old;
}

/**
 * __refcount_add_not_zero_limited() - the relaxed twin of the _acquire form
 * @i: references to take
 * @r: the refcount
 * @oldp: where the count before is written (may be NULL)
 * @limit: the count may not exceed this
 *
 * Return: whether the references were taken.
 */
static inline __must_check bool
__refcount_add_not_zero_limited(int i, refcount_t *r, int *oldp, int limit)
{
	return __shim_refcount_add_not_zero_limited(i, r, oldp, limit, false);
}

/**
 * __refcount_inc_not_zero_limited() - take one reference, relaxed
 * @r: the refcount
 * @oldp: where the count before is written (may be NULL)
 * @limit: the count may not exceed this
 *
 * Return: whether the reference was taken.
 */
static inline __must_check bool
__refcount_inc_not_zero_limited(refcount_t *r, int *oldp, int limit)
{
	return __refcount_add_not_zero_limited(1, r, oldp, limit);
}

#endif /* _SHIM_REFCOUNT_RELAXED_H */
