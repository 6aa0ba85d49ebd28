/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Helpers for the shim selftests: which detector this build has, threads,
 * and reading back what the test itself printed.
 */
#ifndef _SELFTESTS_SHIM_TEST_H
#define _SELFTESTS_SHIM_TEST_H

#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../kselftest_harness.h"

#ifdef CONFIG_SHIM_TSAN
#define HAVE_TSAN 1
#else
#define HAVE_TSAN 0
#endif

#define NEEDS_TSAN()                                                      \
	do {                                                              \
		if (!HAVE_TSAN)                                           \
			SKIP(return, "needs ThreadSanitizer (tsan build)"); \
	} while (0)

/* Start @fn(@arg) on a new thread; the test fails if that is impossible. */
#define START_THREAD(thread, fn, arg) \
	ASSERT_EQ(0, pthread_create(&(thread), NULL, (fn), (arg)))
#define JOIN_THREAD(thread) ASSERT_EQ(0, pthread_join((thread), NULL))

/*
 * How often @needle occurs in what this test has printed so far (the
 * harness sends the test's stderr to a regular file).
 */
static inline int count_in_own_output(const char *needle)
{
	char buf[1 << 16];
	ssize_t n;
	int count = 0;
	const char *p;

	fflush(stderr);
	n = pread(STDERR_FILENO, buf, sizeof(buf) - 1, 0);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	for (p = strstr(buf, needle); p; p = strstr(p + 1, needle))
		count++;
	return count;
}

/* Plain (unmarked) accesses that ThreadSanitizer checks for races. */
static noinline __maybe_unused void plain_write(int *p, int v)
{
	*(volatile int *)p = v;
}

static noinline __maybe_unused int plain_read(int *p)
{
	return *(volatile int *)p;
}

/* Spin on a flag without creating any happens-before. */
static inline void wait_relaxed(int *flag, int value)
{
	while (__atomic_load_n(flag, __ATOMIC_RELAXED) != value)
		sched_yield();
}

static inline void set_relaxed(int *flag, int value)
{
	__atomic_store_n(flag, value, __ATOMIC_RELAXED);
}

#endif /* _SELFTESTS_SHIM_TEST_H */
