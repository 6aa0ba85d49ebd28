// SPDX-License-Identifier: GPL-2.0-only
/*
 * refcount_t: each saturation case warns with the kernel's message and
 * leaves the counter saturated; the _limited_acquire forms refuse at the
 * limit without touching the count.
 */
#include <linux/refcount.h>

#include "shim_test.h"

/* The kernel-format warning appears exactly once, with @message. */
#define EXPECT_REFCOUNT_WARNING(message)             \
	do {                                          \
		EXPECT_REPORT("WARNING: CPU:");       \
		EXPECT_REPORT(message);               \
	} while (0)

TEST(inc_from_zero_warns_use_after_free)
{
	refcount_t r = REFCOUNT_INIT(0);

	EXPECT_REFCOUNT_WARNING("refcount_t: addition on 0; use-after-free.");
	refcount_inc(&r);
	ASSERT_EQ(REFCOUNT_SATURATED, (int)refcount_read(&r));
}

TEST(inc_at_max_saturates)
{
	refcount_t r = REFCOUNT_INIT(REFCOUNT_MAX);

	EXPECT_REFCOUNT_WARNING("refcount_t: saturated; leaking memory.");
	refcount_inc(&r);
	ASSERT_EQ(REFCOUNT_SATURATED, (int)refcount_read(&r));
}

TEST(add_not_zero_overflow_saturates)
{
	refcount_t r = REFCOUNT_INIT(REFCOUNT_MAX - 1);

	EXPECT_REFCOUNT_WARNING("refcount_t: saturated; leaking memory.");
	ASSERT_TRUE(refcount_add_not_zero(5, &r));
	ASSERT_EQ(REFCOUNT_SATURATED, (int)refcount_read(&r));
}

TEST(dec_and_test_below_zero_warns_underflow)
{
	refcount_t r = REFCOUNT_INIT(0);

	EXPECT_REFCOUNT_WARNING("refcount_t: underflow; use-after-free.");
	ASSERT_FALSE(refcount_dec_and_test(&r));
	ASSERT_EQ(REFCOUNT_SATURATED, (int)refcount_read(&r));
}

TEST(dec_to_zero_warns_leak)
{
	refcount_t r = REFCOUNT_INIT(1);

	EXPECT_REFCOUNT_WARNING("refcount_t: decrement hit 0; leaking memory.");
	refcount_dec(&r);
	ASSERT_EQ(REFCOUNT_SATURATED, (int)refcount_read(&r));
}

TEST(saturated_stays_saturated)
{
	refcount_t r = REFCOUNT_INIT(REFCOUNT_MAX);
	int i;

	EXPECT_REFCOUNT_WARNING("refcount_t: saturated; leaking memory.");
	refcount_inc(&r);
	for (i = 0; i < 100; i++) {
		refcount_inc(&r);
		ASSERT_FALSE(refcount_dec_and_test(&r));
		ASSERT_EQ(REFCOUNT_SATURATED, (int)refcount_read(&r));
	}
	/*
	 * Decrementing a saturated counter is an underflow too; WARN_ONCE:
	 * one report per kind, however often it happens.
	 */
	EXPECT_REPORT("refcount_t: underflow; use-after-free.");
	EXPECT_EQ(1, count_in_own_output("refcount_t: saturated"));
	EXPECT_EQ(1, count_in_own_output("refcount_t: underflow"));
}

TEST(ordinary_use_is_silent)
{
	refcount_t r = REFCOUNT_INIT(1);
	int old;

	refcount_inc(&r);
	__refcount_add(3, &r, &old);
	ASSERT_EQ(2, old);
	ASSERT_TRUE(refcount_inc_not_zero(&r));
	ASSERT_EQ(6, refcount_read(&r));
	ASSERT_FALSE(refcount_sub_and_test(5, &r));
	ASSERT_TRUE(__refcount_dec_and_test(&r, &old));
	ASSERT_EQ(1, old);
	ASSERT_EQ(0, refcount_read(&r));
	ASSERT_FALSE(refcount_inc_not_zero(&r));
	ASSERT_EQ(0, refcount_read(&r));
	ASSERT_EQ(0, count_in_own_output("WARNING"));
}

TEST(dec_if_one_and_dec_not_one)
{
	refcount_t r = REFCOUNT_INIT(2);

	ASSERT_FALSE(refcount_dec_if_one(&r));
	ASSERT_TRUE(refcount_dec_not_one(&r));
	ASSERT_EQ(1, refcount_read(&r));
	ASSERT_FALSE(refcount_dec_not_one(&r));
	ASSERT_TRUE(refcount_dec_if_one(&r));
	ASSERT_EQ(0, refcount_read(&r));
}

TEST(limited_acquire_refuses_at_the_limit)
{
	const int limit = 8;
	refcount_t r = REFCOUNT_INIT(limit - 1);
	int old = -1;

	ASSERT_TRUE(__refcount_inc_not_zero_limited_acquire(&r, &old, limit));
	ASSERT_EQ(limit - 1, old);
	ASSERT_EQ(limit, (int)refcount_read(&r));
	old = -1;
	ASSERT_FALSE(__refcount_inc_not_zero_limited_acquire(&r, &old, limit));
	ASSERT_EQ(limit, old);
	ASSERT_EQ(limit, (int)refcount_read(&r));
	ASSERT_FALSE(__refcount_add_not_zero_limited_acquire(3, &r, &old,
							      limit + 2));
	ASSERT_EQ(limit, (int)refcount_read(&r));
	ASSERT_EQ(0, count_in_own_output("WARNING"));
}

TEST(limited_acquire_refuses_zero)
{
	refcount_t r = REFCOUNT_INIT(0);
	int old = -1;

	ASSERT_FALSE(__refcount_inc_not_zero_limited_acquire(&r, &old, 100));
	ASSERT_EQ(0, old);
	ASSERT_EQ(0, (int)refcount_read(&r));
}

TEST(inc_not_zero_acquire)
{
	refcount_t r = REFCOUNT_INIT(1);
	int old;

	ASSERT_TRUE(__refcount_inc_not_zero_acquire(&r, &old));
	ASSERT_EQ(1, old);
	ASSERT_TRUE(refcount_add_not_zero_acquire(2, &r));
	ASSERT_EQ(4, refcount_read(&r));
}

TEST_HARNESS_MAIN
