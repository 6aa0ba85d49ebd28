// SPDX-License-Identifier: GPL-2.0-only
/*
 * Return values of every atomic op family, for atomic_t, atomic_long_t
 * and atomic64_t, in every ordering.
 */
#include <linux/atomic.h>
#include <linux/limits.h>

#include "shim_test.h"

/* Run X(suffix) for each ordering of the value-returning ops. */
#define FOR_EACH_ORDER(X) X() X(_acquire) X(_release) X(_relaxed)

#define CHECK_ORDERED(pfx, O)                                                \
	do {                                                                 \
		pfx##_set(&v, 10);                                           \
		ASSERT_EQ(13, pfx##_add_return##O(3, &v));                   \
		ASSERT_EQ(11, pfx##_sub_return##O(2, &v));                   \
		ASSERT_EQ(12, pfx##_inc_return##O(&v));                      \
		ASSERT_EQ(11, pfx##_dec_return##O(&v));                      \
		ASSERT_EQ(11, pfx##_fetch_add##O(4, &v));                    \
		ASSERT_EQ(15, pfx##_fetch_sub##O(5, &v));                    \
		ASSERT_EQ(10, pfx##_fetch_inc##O(&v));                       \
		ASSERT_EQ(11, pfx##_fetch_dec##O(&v));                       \
		ASSERT_EQ(10, pfx##_fetch_and##O(6, &v));  /* 10 & 6 = 2 */  \
		ASSERT_EQ(2, pfx##_fetch_or##O(5, &v));    /* 2 | 5 = 7 */   \
		ASSERT_EQ(7, pfx##_fetch_xor##O(3, &v));   /* 7 ^ 3 = 4 */   \
		ASSERT_EQ(4, pfx##_fetch_andnot##O(4, &v)); /* 4 & ~4 = 0 */ \
		ASSERT_EQ(0, pfx##_read(&v));                                \
		ASSERT_EQ(0, pfx##_xchg##O(&v, 9));                          \
		ASSERT_EQ(9, pfx##_cmpxchg##O(&v, 9, 20));  /* succeeds */   \
		ASSERT_EQ(20, pfx##_cmpxchg##O(&v, 9, 30)); /* fails */      \
		ASSERT_EQ(20, pfx##_read(&v));                               \
		old = 5;                                                     \
		ASSERT_FALSE(pfx##_try_cmpxchg##O(&v, &old, 1));             \
		ASSERT_EQ(20, old);  /* failure reports the current value */ \
		ASSERT_TRUE(pfx##_try_cmpxchg##O(&v, &old, 1));              \
		ASSERT_EQ(1, pfx##_read(&v));                                \
		ASSERT_TRUE(pfx##_add_negative##O(-2, &v));                  \
		ASSERT_FALSE(pfx##_add_negative##O(1, &v));                  \
		ASSERT_EQ(0, pfx##_read(&v));                                \
	} while (0);

#define CHECK_FAMILY(pfx, T)                                                 \
	do {                                                                 \
		pfx##_t v = { 0 };                                           \
		T old;                                                       \
                                                                             \
		pfx##_set(&v, 1);                                            \
		ASSERT_EQ(1, pfx##_read(&v));                                \
		pfx##_set_release(&v, 2);                                    \
		ASSERT_EQ(2, pfx##_read_acquire(&v));                        \
		pfx##_add(5, &v);                                            \
		ASSERT_EQ(7, pfx##_read(&v));                                \
		pfx##_sub(3, &v);                                            \
		pfx##_inc(&v);                                               \
		pfx##_dec(&v);                                               \
		ASSERT_EQ(4, pfx##_read(&v));                                \
		pfx##_or(3, &v);                                             \
		ASSERT_EQ(7, pfx##_read(&v));                                \
		pfx##_and(6, &v);                                            \
		ASSERT_EQ(6, pfx##_read(&v));                                \
		pfx##_andnot(2, &v);                                         \
		ASSERT_EQ(4, pfx##_read(&v));                                \
		pfx##_xor(5, &v);                                            \
		ASSERT_EQ(1, pfx##_read(&v));                                \
                                                                             \
		CHECK_ORDERED(pfx, )                                         \
		CHECK_ORDERED(pfx, _acquire)                                 \
		CHECK_ORDERED(pfx, _release)                                 \
		CHECK_ORDERED(pfx, _relaxed)                                 \
                                                                             \
		pfx##_set(&v, 3);                                            \
		ASSERT_FALSE(pfx##_sub_and_test(2, &v));                     \
		ASSERT_TRUE(pfx##_sub_and_test(1, &v));                      \
		pfx##_set(&v, 1);                                            \
		ASSERT_TRUE(pfx##_dec_and_test(&v));                         \
		ASSERT_FALSE(pfx##_dec_and_test(&v));                        \
		ASSERT_TRUE(pfx##_inc_and_test(&v));  /* -1 -> 0 */          \
                                                                             \
		pfx##_set(&v, 5);                                            \
		ASSERT_EQ(5, pfx##_fetch_add_unless(&v, 2, 5));  /* no-op */ \
		ASSERT_EQ(5, pfx##_read(&v));                                \
		ASSERT_EQ(5, pfx##_fetch_add_unless(&v, 2, 0));              \
		ASSERT_EQ(7, pfx##_read(&v));                                \
		ASSERT_FALSE(pfx##_add_unless(&v, 1, 7));                    \
		ASSERT_TRUE(pfx##_add_unless(&v, 1, 0));                     \
		ASSERT_EQ(8, pfx##_read(&v));                                \
		ASSERT_TRUE(pfx##_inc_not_zero(&v));                         \
		pfx##_set(&v, 0);                                            \
		ASSERT_FALSE(pfx##_inc_not_zero(&v));                        \
		ASSERT_EQ(0, pfx##_read(&v));                                \
		ASSERT_TRUE(pfx##_inc_unless_negative(&v));                  \
		pfx##_set(&v, -1);                                           \
		ASSERT_FALSE(pfx##_inc_unless_negative(&v));                 \
		ASSERT_TRUE(pfx##_dec_unless_positive(&v));                  \
		ASSERT_EQ(-2, pfx##_read(&v));                               \
		pfx##_set(&v, 1);                                            \
		ASSERT_FALSE(pfx##_dec_unless_positive(&v));                 \
		ASSERT_EQ(0, pfx##_dec_if_positive(&v));                     \
		ASSERT_EQ(0, pfx##_read(&v));                                \
		ASSERT_EQ(-1, pfx##_dec_if_positive(&v));  /* refused */     \
		ASSERT_EQ(0, pfx##_read(&v));                                \
	} while (0)

TEST(atomic_t_ops)
{
	CHECK_FAMILY(atomic, int);
}

TEST(atomic_long_t_ops)
{
	CHECK_FAMILY(atomic_long, long);
}

TEST(atomic64_t_ops)
{
	CHECK_FAMILY(atomic64, s64);
}

TEST(atomic_wraps_like_the_kernel)
{
	atomic_t v = ATOMIC_INIT(INT_MAX);

	/* The kernel builds with -fno-strict-overflow: atomics wrap. */
	ASSERT_EQ(INT_MIN, atomic_inc_return(&v));
}

TEST(atomic64_is_64_bits)
{
	atomic64_t v = ATOMIC64_INIT(1LL << 40);

	ASSERT_EQ((1LL << 40) + 1, atomic64_inc_return(&v));
}

TEST(plain_variable_cmpxchg_and_xchg)
{
	unsigned long x = 3, old = 4;

	ASSERT_EQ(3, cmpxchg(&x, 3, 8));
	ASSERT_EQ(8, cmpxchg_relaxed(&x, 3, 9));
	ASSERT_FALSE(try_cmpxchg(&x, &old, 1));
	ASSERT_EQ(8, old);
	ASSERT_EQ(8, xchg(&x, 2));
	ASSERT_EQ(2, READ_ONCE(x));
}

TEST_HARNESS_MAIN
