// SPDX-License-Identifier: GPL-2.0-only
/*
 * Every outcome the harness can report, for the harness self-test
 * (check_output.py compares this program's output with expected_output.txt).
 * Several tests here fail on purpose: this program is not itself a suite.
 */
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>

#include "../kselftest_harness.h"

#ifndef __has_feature
#define __has_feature(x) 0
#endif
#if defined(__SANITIZE_THREAD__) || __has_feature(thread_sanitizer)
#define HAVE_TSAN 1
#define HAVE_SANITIZER 1
#elif defined(__SANITIZE_ADDRESS__) || __has_feature(address_sanitizer)
#define HAVE_TSAN 0
#define HAVE_SANITIZER 1
#else
#define HAVE_TSAN 0
#define HAVE_SANITIZER 0
#endif

TEST(pass)
{
	EXPECT_EQ(4, 2 + 2);
	ASSERT_STREQ("vma", "vma");
	ASSERT_NULL(NULL);
	ASSERT_TRUE(1);
}

TEST(expect_fails_and_continues)
{
	int refcnt = 2;

	EXPECT_EQ(1, refcnt) TH_LOG("refcnt should have dropped to 1");
	EXPECT_GT(0, -refcnt);
	TH_LOG("still running after a failed EXPECT");
}

TEST(assert_fails)
{
	ASSERT_NE(0, 0);
	TH_LOG("never printed");
}

TEST(skipped)
{
	SKIP(return, "nothing to do on this machine");
	TH_LOG("never printed");
}

TEST(seeded)
{
	uint64_t n = harness_iterations(10);

	/* One line: gcc and clang disagree on __LINE__ in a split call. */
	TH_LOG("seed %" PRIu64 " iterations %" PRIu64, harness_seed(), n);
}

TEST(crash)
{
	/* What a kernel BUG() is on x86: an invalid opcode. */
	raise(SIGILL);
}

TEST_SIGNAL(expected_signal, SIGUSR1)
{
	raise(SIGUSR1);
}

static volatile int shared_counter;

static void *racer(void *arg)
{
	(void)arg;
	shared_counter++;
	return NULL;
}

/* A bug only a sanitizer sees: a data race, or a use-after-free. */
static void sanitizer_visible_bug(void)
{
	if (HAVE_TSAN) {
		pthread_t t;

		pthread_create(&t, NULL, racer, NULL);
		shared_counter++;
		pthread_join(t, NULL);
	} else {
		/* volatile: hide the stale pointer from gcc's own warning */
		static int *volatile stale;

		stale = malloc(sizeof(int));
		free(stale);
		shared_counter = *stale;
	}
}

TEST(sanitizer_report_expected)
{
	if (!HAVE_SANITIZER)
		SKIP(return, "no sanitizer in this build");
	EXPECT_REPORT(HAVE_TSAN ?
			      "ThreadSanitizer: data race" :
			      "AddressSanitizer: heap-use-after-free");
	sanitizer_visible_bug();
}

TEST(sanitizer_report_unexpected)
{
	if (!HAVE_SANITIZER)
		SKIP(return, "no sanitizer in this build");
	sanitizer_visible_bug();
}

/* Kernel-format reports, as the shim's WARN() and lockdep print them. */
static void print_warn(void)
{
	fprintf(stderr, "------------[ cut here ]------------\n"
			"refcount_t: underflow; use-after-free.\n"
			"WARNING: CPU: 0 PID: 1 at lib/refcount.c:28 refcount_warn_saturate\n"
			"---[ end trace 0000000000000000 ]---\n");
}

TEST(kernel_report_expected)
{
	EXPECT_REPORT("refcount_t: underflow");
	print_warn();
}

TEST(kernel_report_unexpected)
{
	print_warn();
}

TEST(expected_report_missing)
{
	EXPECT_REPORT("WARNING: possible circular locking dependency");
}

FIXTURE(vma) {
	int refcnt;
};

FIXTURE_VARIANT(vma) {
	int readers;
};

FIXTURE_VARIANT_ADD(vma, one_reader) {
	.readers = 1,
};

FIXTURE_VARIANT_ADD(vma, two_readers) {
	.readers = 2,
};

FIXTURE_SETUP(vma)
{
	self->refcnt = 1 + variant->readers;
	TH_LOG("setup: refcnt %d", self->refcnt);
}

FIXTURE_TEARDOWN(vma)
{
	TH_LOG("teardown: refcnt %d", self->refcnt);
}

TEST_F(vma, one_reader_holds)
{
	ASSERT_EQ(2, self->refcnt);
	self->refcnt--;
}

TEST_F(vma, always_passes)
{
	EXPECT_LE(2, self->refcnt);
}

XFAIL_ADD(vma, two_readers, one_reader_holds);
XFAIL_ADD(vma, one_reader, always_passes);

FIXTURE(slow) {
	int unused;
};

FIXTURE_SETUP(slow)
{
}

FIXTURE_TEARDOWN(slow)
{
}

TEST_F_TIMEOUT(slow, hangs, 1)
{
	for (;;)
		pause();
}

TEST_HARNESS_MAIN
