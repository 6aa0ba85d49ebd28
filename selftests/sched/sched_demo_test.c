// SPDX-License-Identifier: GPL-2.0-only
/*
 * Deliberately broken tests for check_sched.py (not run as a suite of
 * their own): each fails under some schedules only, which is what replay
 * identity is proven on.
 */
#include <linux/compiler.h>

#include "../shim/shim_test.h"

#define ROUNDS 3

static void *incrementer(void *arg)
{
	int *counter = arg;
	int i;

	for (i = 0; i < ROUNDS; i++)
		WRITE_ONCE(*counter, READ_ONCE(*counter) + 1);	/* not atomic */
	return NULL;
}

/* Two tasks increment without a lock: some schedules lose an update. */
TEST(lost_update)
{
	int counter = 0;
	pthread_t a, b;

	START_THREAD(a, incrementer, &counter);
	START_THREAD(b, incrementer, &counter);
	JOIN_THREAD(a);
	JOIN_THREAD(b);
	ASSERT_EQ(2 * ROUNDS, counter);
}

TEST_HARNESS_MAIN
