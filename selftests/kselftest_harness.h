/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * kselftest_harness.h: the kselftest test harness API (TEST, FIXTURE,
 * TEST_F, ASSERT_* and EXPECT_*, ...) with the kernel's names and output.
 *
 * The macros only declare and register tests; running them (fork per
 * test, timeouts, sanitizer and kernel-report detection, filters, seeds,
 * shards, TAP output) is done by the runner in selftests/harness/.
 *
 * Beyond the kernel's harness:
 *   EXPECT_REPORT(pattern)  the test passes only if a sanitizer or
 *                           kernel-format report containing @pattern is
 *                           printed while it runs (for detector tests);
 *   harness_seed(), harness_duration_ms(), harness_iterations()
 *                           per-test seed and stress-test knobs set from
 *                           the command line.
 * See Documentation/dev-tools/harness.rst.
 */
#ifndef __KSELFTEST_HARNESS_H
#define __KSELFTEST_HARNESS_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
/*
 * The system headers the kernel's kselftest_harness.h gives its users,
 * but <asm/types.h>: the uapi's __u64 (long long) would clash with the
 * kernel shim's, which tests built here include.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kselftest.h"
#include "harness/harness_abi.h"

#define TEST_TIMEOUT_DEFAULT 30

#ifndef TH_LOG_STREAM
#define TH_LOG_STREAM stderr
#endif

#ifndef TH_LOG_ENABLED
#define TH_LOG_ENABLED 1
#endif

/**
 * TH_LOG() - print a diagnostic line of the running test
 * @fmt: printf()-style format
 * @...: its arguments
 *
 * Prints "# FILE:LINE:TEST:MESSAGE" to TH_LOG_STREAM (stderr unless the
 * test file defines it), unless TH_LOG_ENABLED is 0. Valid only inside a
 * test, a fixture's setup or teardown.
 */
#define TH_LOG(fmt, ...)                                  \
	do {                                              \
		if (TH_LOG_ENABLED)                       \
			__TH_LOG(fmt, ##__VA_ARGS__);     \
	} while (0)

#define __TH_LOG(fmt, ...)                                            \
	fprintf(TH_LOG_STREAM, "# %s:%d:%s:" fmt "\n", __FILE__, __LINE__, \
		_metadata->name, ##__VA_ARGS__)

/**
 * SKIP() - skip the running test
 * @statement: what to do next, typically ``return``
 * @fmt: printf()-style format of the reason
 * @...: its arguments
 *
 * Records the reason (printed as "ok N NAME # SKIP REASON"), makes the
 * test's verdict a skip whatever checks passed before, then runs
 * @statement.
 */
#define SKIP(statement, fmt, ...)                                           \
	do {                                                                \
		snprintf(_metadata->results->reason,                        \
			 sizeof(_metadata->results->reason), fmt,           \
			 ##__VA_ARGS__);                                    \
		if (TH_LOG_ENABLED)                                         \
			fprintf(TH_LOG_STREAM, "#      SKIP      %s\n",     \
				_metadata->results->reason);                \
		_metadata->exit_code = KSFT_SKIP;                           \
		_metadata->trigger = 0;                                     \
		statement;                                                  \
	} while (0)

/**
 * EXPECT_REPORT() - the test expects a detector's report
 * @pattern: a string the report must contain
 *
 * Not in the kernel's harness. The test passes only if a report that
 * contains @pattern (a sanitizer's, or a kernel-format one: lockdep,
 * WARN, BUG, a hang report) is printed while it runs, and fails if none
 * is; a report that matches no expectation still fails it. Up to
 * HARNESS_MAX_EXPECTED_REPORTS per test. This is how a test proves a
 * detector reports the broken pattern.
 */
#define EXPECT_REPORT(pattern) __harness_expect_report(_metadata, pattern)

/**
 * TEST() - define a test and register it
 * @test_name: the test's name, a C identifier
 *
 * Followed by the test's body in braces. The test runs in a child
 * process of its own with the default timeout (TEST_TIMEOUT_DEFAULT
 * seconds, times the timeout multiplier).
 */
#define TEST(test_name) __TEST_IMPL(test_name, -1)
/**
 * TEST_SIGNAL() - define a test that must die of a signal
 * @test_name: the test's name
 * @signal: the signal that must end it (e.g. SIGABRT)
 *
 * As TEST(), but the test passes only if its child is killed by @signal.
 */
#define TEST_SIGNAL(test_name, signal) __TEST_IMPL(test_name, signal)

#define __TEST_IMPL(test_name, _signal)                                      \
	static void test_name(struct __test_metadata *_metadata);            \
	static void wrapper_##test_name(                                     \
		struct __test_metadata *_metadata,                           \
		struct __fixture_variant_metadata __attribute__((unused))    \
			*variant)                                            \
	{                                                                    \
		test_name(_metadata);                                        \
	}                                                                    \
	static struct __test_metadata _##test_name##_object = {              \
		.name = #test_name,                                          \
		.fn = &wrapper_##test_name,                                  \
		.fixture = &_fixture_global,                                 \
		.termsig = _signal,                                          \
		.timeout = TEST_TIMEOUT_DEFAULT,                             \
	};                                                                   \
	static void __attribute__((constructor)) _register_##test_name(void) \
	{                                                                    \
		__register_test(&_##test_name##_object);                     \
	}                                                                    \
	static void test_name(                                               \
		struct __test_metadata __attribute__((unused)) * _metadata)

/**
 * FIXTURE_DATA() - the type of a fixture's per-test data
 * @datatype_name: the fixture's name
 *
 * ``FIXTURE_DATA(name) *self`` is what setup, the tests and teardown get.
 * Rarely needed: FIXTURE() declares it.
 */
#define FIXTURE_DATA(datatype_name) struct _test_data_##datatype_name
/**
 * FIXTURE_VARIANT() - declare the parameters a fixture's variants set
 * @fixture_name: the fixture's name
 *
 * Followed by the struct's members in braces; each FIXTURE_VARIANT_ADD()
 * fills them in, and tests see them as ``variant->member``.
 */
#define FIXTURE_VARIANT(fixture_name) struct _fixture_variant_##fixture_name

/**
 * FIXTURE() - declare a fixture and its per-test data
 * @fixture_name: the fixture's name
 *
 * Followed by the data's members in braces. Each TEST_F() of the fixture
 * gets a zeroed instance as @self, after FIXTURE_SETUP() ran on it.
 */
#define FIXTURE(fixture_name)                                          \
	FIXTURE_VARIANT(fixture_name);                                 \
	static struct __fixture_metadata _##fixture_name##_fixture_object = { \
		.name = #fixture_name,                                 \
	};                                                             \
	static void __attribute__((constructor))                       \
		_register_##fixture_name##_data(void)                  \
	{                                                              \
		__register_fixture(&_##fixture_name##_fixture_object); \
	}                                                              \
	FIXTURE_DATA(fixture_name)

/**
 * FIXTURE_SETUP() - define what runs before each test of a fixture
 * @fixture_name: the fixture's name
 *
 * Followed by a body that sees @_metadata, @self and @variant. An
 * ASSERT_* failing here fails the test without running it or teardown.
 */
#define FIXTURE_SETUP(fixture_name)                                   \
	static void __attribute__((unused)) fixture_name##_setup(     \
		struct __test_metadata __attribute__((unused)) * _metadata, \
		FIXTURE_DATA(fixture_name) __attribute__((unused)) * self,  \
		const FIXTURE_VARIANT(fixture_name)                   \
			__attribute__((unused)) * variant)

/*
 * Teardown always runs in the test child here; FIXTURE_TEARDOWN_PARENT is
 * accepted for source compatibility and behaves like FIXTURE_TEARDOWN.
 */
/**
 * FIXTURE_TEARDOWN() - define what runs after each test of a fixture
 * @fixture_name: the fixture's name
 *
 * Followed by a body that sees @_metadata, @self and @variant. Runs in
 * the test's child after the test, also when an ASSERT_* ended it, as
 * long as setup completed.
 */
#define FIXTURE_TEARDOWN(fixture_name)                                \
	static void __attribute__((unused)) fixture_name##_teardown(  \
		struct __test_metadata __attribute__((unused)) * _metadata, \
		FIXTURE_DATA(fixture_name) __attribute__((unused)) * self,  \
		const FIXTURE_VARIANT(fixture_name)                   \
			__attribute__((unused)) * variant)
/**
 * FIXTURE_TEARDOWN_PARENT() - FIXTURE_TEARDOWN(), for source compatibility
 * @fixture_name: the fixture's name
 *
 * The kernel's harness runs this teardown in the parent; here teardown
 * always runs in the test's child, which is the same for tests that
 * share nothing with the runner.
 */
#define FIXTURE_TEARDOWN_PARENT(fixture_name) FIXTURE_TEARDOWN(fixture_name)

/**
 * FIXTURE_VARIANT_ADD() - add a variant to a fixture
 * @fixture_name: the fixture's name
 * @variant_name: the variant's name
 *
 * Followed by an initializer of the FIXTURE_VARIANT() struct and a
 * semicolon. Every TEST_F() of the fixture runs once per variant, named
 * fixture.variant.test.
 */
#define FIXTURE_VARIANT_ADD(fixture_name, variant_name)                       \
	extern const FIXTURE_VARIANT(fixture_name)                            \
		_##fixture_name##_##variant_name##_variant;                   \
	static struct __fixture_variant_metadata                              \
		_##fixture_name##_##variant_name##_object = {                 \
			.name = #variant_name,                                \
			.data = &_##fixture_name##_##variant_name##_variant,  \
		};                                                            \
	static void __attribute__((constructor))                              \
		_register_##fixture_name##_##variant_name(void)               \
	{                                                                     \
		__register_fixture_variant(                                   \
			&_##fixture_name##_fixture_object,                    \
			&_##fixture_name##_##variant_name##_object);          \
	}                                                                     \
	const FIXTURE_VARIANT(fixture_name)                                   \
		_##fixture_name##_##variant_name##_variant =

/**
 * TEST_F() - define a test of a fixture
 * @fixture_name: the fixture's name
 * @test_name: the test's name
 *
 * Followed by the test's body in braces, which sees @_metadata, @self
 * and @variant. Runs once per variant, between FIXTURE_SETUP() and
 * FIXTURE_TEARDOWN(), in a child process of its own.
 */
#define TEST_F(fixture_name, test_name) \
	__TEST_F_IMPL(fixture_name, test_name, -1, TEST_TIMEOUT_DEFAULT)
/**
 * TEST_F_SIGNAL() - define a test of a fixture that must die of a signal
 * @fixture_name: the fixture's name
 * @test_name: the test's name
 * @signal: the signal that must end it
 */
#define TEST_F_SIGNAL(fixture_name, test_name, signal) \
	__TEST_F_IMPL(fixture_name, test_name, signal, TEST_TIMEOUT_DEFAULT)
/**
 * TEST_F_TIMEOUT() - define a test of a fixture with its own timeout
 * @fixture_name: the fixture's name
 * @test_name: the test's name
 * @timeout: seconds before the runner reports a hang and kills the test
 *           (times the timeout multiplier, plus any --duration)
 */
#define TEST_F_TIMEOUT(fixture_name, test_name, timeout) \
	__TEST_F_IMPL(fixture_name, test_name, -1, timeout)

/*
 * The wrapper runs setup, the test and teardown in the test child; a
 * failed ASSERT anywhere runs teardown (if setup completed) and aborts.
 */
#define __TEST_F_IMPL(fixture_name, test_name, signal, tmout)                 \
	static void fixture_name##_##test_name(                               \
		struct __test_metadata *_metadata,                            \
		FIXTURE_DATA(fixture_name) * self,                            \
		const FIXTURE_VARIANT(fixture_name) * variant);               \
	static void wrapper_##fixture_name##_##test_name(                     \
		struct __test_metadata *_metadata,                            \
		struct __fixture_variant_metadata *variant)                   \
	{                                                                     \
		FIXTURE_DATA(fixture_name) self;                              \
		memset(&self, 0, sizeof(self));                               \
		_metadata->self = &self;                                      \
		_metadata->variant = variant->data;                           \
		_metadata->no_teardown = true;                                \
		fixture_name##_setup(_metadata, &self, variant->data);        \
		if (_metadata->exit_code)                                     \
			return;                                               \
		_metadata->no_teardown = false;                               \
		fixture_name##_##test_name(_metadata, &self, variant->data);  \
		_metadata->teardown_fn(false, _metadata, &self,               \
				       variant->data);                        \
	}                                                                     \
	static void wrapper_##fixture_name##_##test_name##_teardown(          \
		bool in_parent, struct __test_metadata *_metadata,            \
		void *self, const void *variant)                              \
	{                                                                     \
		(void)in_parent;                                              \
		if (_metadata->no_teardown)                                   \
			return;                                               \
		_metadata->no_teardown = true;                                \
		fixture_name##_teardown(_metadata, self, variant);            \
	}                                                                     \
	static struct __test_metadata _##fixture_name##_##test_name##_object = { \
		.name = #test_name,                                           \
		.fn = &wrapper_##fixture_name##_##test_name,                  \
		.fixture = &_##fixture_name##_fixture_object,                 \
		.teardown_fn = &wrapper_##fixture_name##_##test_name##_teardown, \
		.termsig = signal,                                            \
		.timeout = tmout,                                             \
	};                                                                    \
	static void __attribute__((constructor))                              \
		_register_##fixture_name##_##test_name(void)                  \
	{                                                                     \
		__register_test(&_##fixture_name##_##test_name##_object);     \
	}                                                                     \
	static void fixture_name##_##test_name(                               \
		struct __test_metadata __attribute__((unused)) * _metadata,   \
		FIXTURE_DATA(fixture_name) __attribute__((unused)) * self,    \
		const FIXTURE_VARIANT(fixture_name)                           \
			__attribute__((unused)) * variant)

/**
 * XFAIL_ADD() - mark a test of one variant as expected to fail
 * @fixture_name: the fixture's name
 * @variant_name: the variant's name
 * @test_name: the test's name
 *
 * A failure of that test in that variant is reported as "ok ... # XFAIL";
 * a pass stays a pass.
 */
#define XFAIL_ADD(fixture_name, variant_name, test_name)                      \
	static struct __test_xfail                                            \
		_##fixture_name##_##variant_name##_##test_name##_xfail = {    \
			.fixture = &_##fixture_name##_fixture_object,         \
			.variant = &_##fixture_name##_##variant_name##_object, \
			.test = &_##fixture_name##_##test_name##_object,      \
		};                                                            \
	static void __attribute__((constructor))                              \
		_register_##fixture_name##_##variant_name##_##test_name##_xfail( \
			void)                                                 \
	{                                                                     \
		__register_xfail(                                             \
			&_##fixture_name##_##variant_name##_##test_name##_xfail); \
	}

/**
 * TEST_HARNESS_MAIN - the program's main(): run the registered tests
 *
 * Parses the command line (kselftest's filters, seeds, the scheduler's
 * options: ``PROGRAM -h``) and prints the run as KTAP.
 */
#define TEST_HARNESS_MAIN                             \
	int main(int argc, char **argv)               \
	{                                             \
		return test_harness_run(argc, argv);  \
	}

/*
 * Checks. ASSERT_* end the test at once (teardown still runs); EXPECT_*
 * record the failure and go on. Either may be followed by a statement,
 * run only when the check fails:  ASSERT_EQ(a, b) TH_LOG("a=%d", a);
 */
/**
 * ASSERT_EQ() - end the test unless @expected == @seen
 * @expected: the value wanted
 * @seen: the value the test got
 *
 * On failure prints both expressions and values, fails the test and
 * ends it (teardown still runs).
 */
#define ASSERT_EQ(expected, seen) __EXPECT(expected, #expected, seen, #seen, ==, 1)
/**
 * ASSERT_NE() - end the test unless @expected != @seen
 * @expected: the value wanted
 * @seen: the value the test got
 *
 * On failure prints both expressions and values, fails the test and
 * ends it (teardown still runs).
 */
#define ASSERT_NE(expected, seen) __EXPECT(expected, #expected, seen, #seen, !=, 1)
/**
 * ASSERT_LT() - end the test unless @expected < @seen
 * @expected: the value wanted
 * @seen: the value the test got
 *
 * On failure prints both expressions and values, fails the test and
 * ends it (teardown still runs).
 */
#define ASSERT_LT(expected, seen) __EXPECT(expected, #expected, seen, #seen, <, 1)
/**
 * ASSERT_LE() - end the test unless @expected <= @seen
 * @expected: the value wanted
 * @seen: the value the test got
 *
 * On failure prints both expressions and values, fails the test and
 * ends it (teardown still runs).
 */
#define ASSERT_LE(expected, seen) __EXPECT(expected, #expected, seen, #seen, <=, 1)
/**
 * ASSERT_GT() - end the test unless @expected > @seen
 * @expected: the value wanted
 * @seen: the value the test got
 *
 * On failure prints both expressions and values, fails the test and
 * ends it (teardown still runs).
 */
#define ASSERT_GT(expected, seen) __EXPECT(expected, #expected, seen, #seen, >, 1)
/**
 * ASSERT_GE() - end the test unless @expected >= @seen
 * @expected: the value wanted
 * @seen: the value the test got
 *
 * On failure prints both expressions and values, fails the test and
 * ends it (teardown still runs).
 */
#define ASSERT_GE(expected, seen) __EXPECT(expected, #expected, seen, #seen, >=, 1)
/**
 * ASSERT_NULL() - end the test unless @seen is NULL
 * @seen: the value the test got
 *
 * On failure prints both expressions and values, fails the test and
 * ends it (teardown still runs).
 */
#define ASSERT_NULL(seen) __EXPECT(NULL, "NULL", seen, #seen, ==, 1)
/**
 * ASSERT_TRUE() - end the test unless @seen is not 0
 * @seen: the value the test got
 *
 * On failure prints both expressions and values, fails the test and
 * ends it (teardown still runs).
 */
#define ASSERT_TRUE(seen) __EXPECT(0, "0", seen, #seen, !=, 1)
/**
 * ASSERT_FALSE() - end the test unless @seen is 0
 * @seen: the value the test got
 *
 * On failure prints both expressions and values, fails the test and
 * ends it (teardown still runs).
 */
#define ASSERT_FALSE(seen) __EXPECT(0, "0", seen, #seen, ==, 1)
/**
 * ASSERT_STREQ() - end the test unless the strings @expected and @seen are equal
 * @expected: the value wanted
 * @seen: the value the test got
 *
 * On failure prints both expressions and values, fails the test and
 * ends it (teardown still runs).
 */
#define ASSERT_STREQ(expected, seen) __EXPECT_STR(expected, seen, ==, 1)
/**
 * ASSERT_STRNE() - end the test unless the strings @expected and @seen differ
 * @expected: the value wanted
 * @seen: the value the test got
 *
 * On failure prints both expressions and values, fails the test and
 * ends it (teardown still runs).
 */
#define ASSERT_STRNE(expected, seen) __EXPECT_STR(expected, seen, !=, 1)

/**
 * EXPECT_EQ() - record a failure and go on unless @expected == @seen
 * @expected: the value wanted
 * @seen: the value the test got
 *
 * On failure prints both expressions and values and fails the test,
 * which goes on running.
 */
#define EXPECT_EQ(expected, seen) __EXPECT(expected, #expected, seen, #seen, ==, 0)
/**
 * EXPECT_NE() - record a failure and go on unless @expected != @seen
 * @expected: the value wanted
 * @seen: the value the test got
 *
 * On failure prints both expressions and values and fails the test,
 * which goes on running.
 */
#define EXPECT_NE(expected, seen) __EXPECT(expected, #expected, seen, #seen, !=, 0)
/**
 * EXPECT_LT() - record a failure and go on unless @expected < @seen
 * @expected: the value wanted
 * @seen: the value the test got
 *
 * On failure prints both expressions and values and fails the test,
 * which goes on running.
 */
#define EXPECT_LT(expected, seen) __EXPECT(expected, #expected, seen, #seen, <, 0)
/**
 * EXPECT_LE() - record a failure and go on unless @expected <= @seen
 * @expected: the value wanted
 * @seen: the value the test got
 *
 * On failure prints both expressions and values and fails the test,
 * which goes on running.
 */
#define EXPECT_LE(expected, seen) __EXPECT(expected, #expected, seen, #seen, <=, 0)
/**
 * EXPECT_GT() - record a failure and go on unless @expected > @seen
 * @expected: the value wanted
 * @seen: the value the test got
 *
 * On failure prints both expressions and values and fails the test,
 * which goes on running.
 */
#define EXPECT_GT(expected, seen) __EXPECT(expected, #expected, seen, #seen, >, 0)
/**
 * EXPECT_GE() - record a failure and go on unless @expected >= @seen
 * @expected: the value wanted
 * @seen: the value the test got
 *
 * On failure prints both expressions and values and fails the test,
 * which goes on running.
 */
#define EXPECT_GE(expected, seen) __EXPECT(expected, #expected, seen, #seen, >=, 0)
/**
 * EXPECT_NULL() - record a failure and go on unless @seen is NULL
 * @seen: the value the test got
 *
 * On failure prints both expressions and values and fails the test,
 * which goes on running.
 */
#define EXPECT_NULL(seen) __EXPECT(NULL, "NULL", seen, #seen, ==, 0)
/**
 * EXPECT_TRUE() - record a failure and go on unless @seen is not 0
 * @seen: the value the test got
 *
 * On failure prints both expressions and values and fails the test,
 * which goes on running.
 */
#define EXPECT_TRUE(seen) __EXPECT(0, "0", seen, #seen, !=, 0)
/**
 * EXPECT_FALSE() - record a failure and go on unless @seen is 0
 * @seen: the value the test got
 *
 * On failure prints both expressions and values and fails the test,
 * which goes on running.
 */
#define EXPECT_FALSE(seen) __EXPECT(0, "0", seen, #seen, ==, 0)
/**
 * EXPECT_STREQ() - record a failure and go on unless the strings @expected and @seen are equal
 * @expected: the value wanted
 * @seen: the value the test got
 *
 * On failure prints both expressions and values and fails the test,
 * which goes on running.
 */
#define EXPECT_STREQ(expected, seen) __EXPECT_STR(expected, seen, ==, 0)
/**
 * EXPECT_STRNE() - record a failure and go on unless the strings @expected and @seen differ
 * @expected: the value wanted
 * @seen: the value the test got
 *
 * On failure prints both expressions and values and fails the test,
 * which goes on running.
 */
#define EXPECT_STRNE(expected, seen) __EXPECT_STR(expected, seen, !=, 0)

/* After a failed check: run the user's statement once, then maybe bail. */
#define __HARNESS_ON_FAILURE(_assert) \
	for (; _metadata->trigger; _metadata->trigger = __harness_bail_if(_assert, _metadata))

static inline int __harness_bail_if(int for_real, struct __test_metadata *t)
{
	if (for_real)
		__harness_bail(t);
	return 0;
}

#define __harness_is_signed(x) ((__typeof__(x))-1 < (__typeof__(x))1)

#define __EXPECT(_expected, _expected_str, _seen, _seen_str, _t, _assert)   \
	do {                                                                \
		__typeof__(_expected) __exp = (_expected);                  \
		__typeof__(_seen) __seen = (_seen);                         \
		if (!(__exp _t __seen)) {                                   \
			__harness_log_cmp(                                  \
				_metadata, __FILE__, __LINE__,              \
				_expected_str, __harness_is_signed(__exp),  \
				(uintmax_t)__exp, #_t, _seen_str,           \
				__harness_is_signed(__seen),                \
				(uintmax_t)__seen);                         \
			__harness_mark_failed(_metadata);                   \
			_metadata->trigger = 1;                             \
		}                                                           \
	} while (0);                                                        \
	__HARNESS_ON_FAILURE(_assert)

#define __EXPECT_STR(_expected, _seen, _t, _assert)                         \
	do {                                                                \
		const char *__exp = (_expected);                            \
		const char *__seen = (_seen);                               \
		if (!(strcmp(__exp, __seen) _t 0)) {                        \
			__TH_LOG("Expected '%s' %s '%s'.", __exp, #_t,      \
				 __seen);                                   \
			__harness_mark_failed(_metadata);                   \
			_metadata->trigger = 1;                             \
		}                                                           \
	} while (0);                                                        \
	__HARNESS_ON_FAILURE(_assert)

static inline void __harness_log_cmp(struct __test_metadata *_metadata,
				     const char *file, int line,
				     const char *exp_str, bool exp_signed,
				     uintmax_t exp, const char *op,
				     const char *seen_str, bool seen_signed,
				     uintmax_t seen)
{
	char e[32], s[32];

	if (exp_signed)
		snprintf(e, sizeof(e), "%" PRIdMAX, (intmax_t)exp);
	else
		snprintf(e, sizeof(e), "%" PRIuMAX, exp);
	if (seen_signed)
		snprintf(s, sizeof(s), "%" PRIdMAX, (intmax_t)seen);
	else
		snprintf(s, sizeof(s), "%" PRIuMAX, seen);
	fprintf(TH_LOG_STREAM, "# %s:%d:%s:Expected %s (%s) %s %s (%s)\n", file,
		line, _metadata->name, exp_str, e, op, seen_str, s);
}

#endif /* __KSELFTEST_HARNESS_H */
