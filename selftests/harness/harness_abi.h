/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The data shared between the test-side macros of kselftest_harness.h (C)
 * and the runner behind them (C++). Field names follow the kernel's
 * harness so that tests poking at _metadata keep compiling.
 */
#ifndef __VMALOCK_HARNESS_ABI_H
#define __VMALOCK_HARNESS_ABI_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define HARNESS_MAX_EXPECTED_REPORTS 8
#define HARNESS_PATTERN_LEN 256

/*
 * Lives in a MAP_SHARED page so the forked test child can tell the runner
 * what happened even when it dies abruptly.
 */
struct __test_results {
	char reason[1024];	/* SKIP/XFAIL reason or failure diagnostic */
	int failed;		/* an EXPECT or ASSERT failed */
	unsigned int nr_expected_reports;
	char expected_reports[HARNESS_MAX_EXPECTED_REPORTS]
			     [HARNESS_PATTERN_LEN];
	/* Under the deterministic scheduler, once the test returned. */
	int sched_done;
	int sched_diverged;
	int sched_choices_truncated;
	unsigned int sched_nr_choices;
	uint64_t sched_steps;
	uint64_t sched_trace_hash;
	unsigned long vma_lock_events[4];	/* SUCCESS ABORT RETRY MISS */
};

struct __test_metadata;
struct __fixture_variant_metadata;

struct __fixture_metadata {
	const char *name;
};

struct __fixture_variant_metadata {
	const char *name;
	const void *data;
};

struct __test_xfail {
	struct __fixture_metadata *fixture;
	struct __fixture_variant_metadata *variant;
	struct __test_metadata *test;
};

struct __test_metadata {
	const char *name;
	void (*fn)(struct __test_metadata *,
		   struct __fixture_variant_metadata *);
	struct __fixture_metadata *fixture;
	void (*teardown_fn)(bool in_parent, struct __test_metadata *_metadata,
			    void *self, const void *variant);
	int termsig;		/* expected terminating signal, or -1 */
	int exit_code;		/* KSFT_* as the test sees it */
	int trigger;		/* run the handler statement after a check */
	int timeout;		/* seconds, before the multiplier */
	bool aborted;
	bool no_teardown;	/* fixture setup has not completed */
	void *self;
	const void *variant;
	struct __test_results *results;
};

extern struct __fixture_metadata _fixture_global;

void __register_fixture(struct __fixture_metadata *f);
void __register_fixture_variant(struct __fixture_metadata *f,
				struct __fixture_variant_metadata *variant);
void __register_test(struct __test_metadata *t);
void __register_xfail(struct __test_xfail *xf);
/**
 * test_harness_run() - run the registered tests
 * @argc: main()'s
 * @argv: main()'s
 *
 * What TEST_HARNESS_MAIN's main() calls: parses the options, runs each
 * selected test in a child process and prints the run as KTAP.
 *
 * Return: the program's exit status (KSFT_PASS, KSFT_FAIL, ...).
 */
int test_harness_run(int argc, char **argv);

/* Called by the test-side macros. */
void __harness_mark_failed(struct __test_metadata *t);
__attribute__((noreturn)) void __harness_bail(struct __test_metadata *t);
void __harness_expect_report(struct __test_metadata *t, const char *pattern);

/**
 * harness_seed() - the running test's seed
 *
 * Derived from the base seed (--seed, else one drawn at start and
 * printed) and the test's name, so that each test has its own and a
 * rerun with the same --seed gives each the same. Usable from any thread
 * of the test.
 *
 * Return: the seed.
 */
uint64_t harness_seed(void);

/**
 * harness_duration_ms() - how long a stress test runs
 * @default_ms: the test's own choice
 *
 * Return: --duration in milliseconds if given, else @default_ms.
 */
uint64_t harness_duration_ms(uint64_t default_ms);

/**
 * harness_iterations() - how many iterations a stress test runs
 * @default_iterations: the test's own choice
 *
 * Return: --iterations if given, else @default_iterations.
 */
uint64_t harness_iterations(uint64_t default_iterations);

/**
 * harness_register_exit_check() - run a check after each test function
 * @check: the check
 *
 * @check runs in the test's child after the test function returns. It
 * reports through a kernel-format report, which then fails the test.
 */
void harness_register_exit_check(void (*check)(void));

#ifdef __cplusplus
}
#endif

#endif /* __VMALOCK_HARNESS_ABI_H */
