/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * kselftest.h: the low-level kselftest reporting API (exit codes, TAP
 * printing and counters) for test programs that do not use the harness.
 *
 * Same names, exit codes and output as tools/testing/selftests/kselftest.h,
 * so a kselftest program builds and prints here unchanged.
 */
#ifndef __KSELFTEST_H
#define __KSELFTEST_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#define KSFT_PASS 0
#define KSFT_FAIL 1
#define KSFT_XFAIL 2
#define KSFT_XPASS 3
#define KSFT_SKIP 4

#ifndef __printf
#define __printf(a, b) __attribute__((format(printf, a, b)))
#endif
#ifndef __noreturn
#define __noreturn __attribute__((__noreturn__))
#endif

/* What the kernel's kselftest.h also gives the programs that include it. */
#ifndef ARRAY_SIZE
#define ARRAY_SIZE(arr) (sizeof(arr) / sizeof((arr)[0]))
#endif

#if (defined(__i386__) || defined(__x86_64__)) && !defined(__cpuid_count)
/* cpuid leaf @level, subleaf @count, for toolchains whose cpuid.h lacks it */
#define __cpuid_count(level, count, a, b, c, d)                          \
	__asm__ __volatile__("cpuid"                                     \
			     : "=a"(a), "=b"(b), "=c"(c), "=d"(d)        \
			     : "0"(level), "2"(count))
#endif

struct ksft_count {
	unsigned int ksft_pass;
	unsigned int ksft_fail;
	unsigned int ksft_xfail;
	unsigned int ksft_xpass;
	unsigned int ksft_xskip;
	unsigned int ksft_error;
};

static struct ksft_count ksft_cnt;
static unsigned int ksft_plan;

static inline unsigned int ksft_test_num(void)
{
	return ksft_cnt.ksft_pass + ksft_cnt.ksft_fail + ksft_cnt.ksft_xfail +
	       ksft_cnt.ksft_xpass + ksft_cnt.ksft_xskip + ksft_cnt.ksft_error;
}

static inline void ksft_inc_pass_cnt(void) { ksft_cnt.ksft_pass++; }
static inline void ksft_inc_fail_cnt(void) { ksft_cnt.ksft_fail++; }
static inline void ksft_inc_xfail_cnt(void) { ksft_cnt.ksft_xfail++; }
static inline void ksft_inc_xpass_cnt(void) { ksft_cnt.ksft_xpass++; }
static inline void ksft_inc_xskip_cnt(void) { ksft_cnt.ksft_xskip++; }
static inline void ksft_inc_error_cnt(void) { ksft_cnt.ksft_error++; }

static inline int ksft_get_pass_cnt(void) { return ksft_cnt.ksft_pass; }
static inline int ksft_get_fail_cnt(void) { return ksft_cnt.ksft_fail; }
static inline int ksft_get_xfail_cnt(void) { return ksft_cnt.ksft_xfail; }
static inline int ksft_get_xpass_cnt(void) { return ksft_cnt.ksft_xpass; }
static inline int ksft_get_xskip_cnt(void) { return ksft_cnt.ksft_xskip; }
static inline int ksft_get_error_cnt(void) { return ksft_cnt.ksft_error; }

static inline void ksft_print_header(void)
{
	printf("TAP version 13\n");
}

static inline void ksft_set_plan(unsigned int plan)
{
	ksft_plan = plan;
	printf("1..%u\n", plan);
}

static inline void ksft_print_cnts(void)
{
	if (ksft_plan != ksft_test_num())
		printf("# Planned tests != run tests (%u != %u)\n", ksft_plan,
		       ksft_test_num());
	printf("# Totals: pass:%u fail:%u xfail:%u xpass:%u skip:%u error:%u\n",
	       ksft_cnt.ksft_pass, ksft_cnt.ksft_fail, ksft_cnt.ksft_xfail,
	       ksft_cnt.ksft_xpass, ksft_cnt.ksft_xskip, ksft_cnt.ksft_error);
}

static inline __printf(1, 2) void ksft_print_msg(const char *msg, ...)
{
	int saved_errno = errno;
	va_list args;

	va_start(args, msg);
	printf("# ");
	errno = saved_errno;
	vprintf(msg, args);
	va_end(args);
}

static inline void ksft_perror(const char *msg)
{
	ksft_print_msg("%s: %s (%d)\n", msg, strerror(errno), errno);
}

/* One result line; @directive is "" or " # SKIP " and friends. */
static inline void ksft_vresult(const char *tap, const char *directive,
				const char *msg, va_list args)
{
	int saved_errno = errno;

	printf("%s %u ", tap, ksft_test_num());
	errno = saved_errno;
	vprintf(msg, args);
	printf("%s", directive);
}

#define __KSFT_RESULT(counter, tap, directive, msg)                 \
	do {                                                        \
		va_list args;                                       \
		counter();                                          \
		va_start(args, msg);                                \
		ksft_vresult(tap, directive, msg, args);            \
		va_end(args);                                       \
	} while (0)

static inline __printf(1, 2) void ksft_test_result_pass(const char *msg, ...)
{
	__KSFT_RESULT(ksft_inc_pass_cnt, "ok", "", msg);
}

static inline __printf(1, 2) void ksft_test_result_fail(const char *msg, ...)
{
	__KSFT_RESULT(ksft_inc_fail_cnt, "not ok", "", msg);
}

static inline __printf(1, 2) void ksft_test_result_error(const char *msg, ...)
{
	__KSFT_RESULT(ksft_inc_error_cnt, "not ok", "", msg);
}

#define ksft_test_result(cond, fmt, ...)                      \
	do {                                                  \
		if (cond)                                     \
			ksft_test_result_pass(fmt, ##__VA_ARGS__); \
		else                                          \
			ksft_test_result_fail(fmt, ##__VA_ARGS__); \
	} while (0)

/* "ok N # XFAIL msg" and "ok N # SKIP msg": the directive before the text. */
static inline void ksft_vresult_directive(const char *directive,
					  const char *msg, va_list args)
{
	int saved_errno = errno;

	printf("ok %u # %s ", ksft_test_num(), directive);
	errno = saved_errno;
	vprintf(msg, args);
}

static inline __printf(1, 2) void ksft_test_result_xfail(const char *msg, ...)
{
	va_list args;

	ksft_inc_xfail_cnt();
	va_start(args, msg);
	ksft_vresult_directive("XFAIL", msg, args);
	va_end(args);
}

static inline __printf(1, 2) void ksft_test_result_skip(const char *msg, ...)
{
	va_list args;

	ksft_inc_xskip_cnt();
	va_start(args, msg);
	ksft_vresult_directive("SKIP", msg, args);
	va_end(args);
}

/*
 * The result line the harness prints for every test: the TAP status,
 * number and name, then the directive that matches @exit_code and an
 * optional diagnostic.
 */
static inline __printf(3, 4) void ksft_test_result_code(int exit_code,
							const char *test_name,
							const char *msg, ...)
{
	const char *tap = "ok";
	const char *directive = "";
	va_list args;

	switch (exit_code) {
	case KSFT_PASS:
		ksft_inc_pass_cnt();
		break;
	case KSFT_XFAIL:
		ksft_inc_xfail_cnt();
		directive = " # XFAIL ";
		break;
	case KSFT_XPASS:
		ksft_inc_xpass_cnt();
		tap = "not ok";
		directive = " # XPASS ";
		break;
	case KSFT_SKIP:
		ksft_inc_xskip_cnt();
		directive = " # SKIP ";
		break;
	default:
		ksft_inc_fail_cnt();
		tap = "not ok";
		break;
	}
	/* TAP wants two spaces before a diagnostic that is no directive. */
	if (!directive[0] && msg)
		directive = " #  ";

	printf("%s %u %s%s", tap, ksft_test_num(), test_name, directive);
	if (msg) {
		va_start(args, msg);
		vprintf(msg, args);
		va_end(args);
	}
	printf("\n");
}

static inline int ksft_exit_pass(void)
{
	ksft_print_cnts();
	exit(KSFT_PASS);
}

static inline int ksft_exit_fail(void)
{
	ksft_print_cnts();
	exit(KSFT_FAIL);
}

/* Passes when every planned test passed, xfailed or was skipped. */
#define ksft_finished()                                               \
	ksft_exit(ksft_plan == ksft_cnt.ksft_pass + ksft_cnt.ksft_xfail + \
				       ksft_cnt.ksft_xskip)

static inline __noreturn void ksft_exit_xfail(void)
{
	ksft_print_cnts();
	exit(KSFT_XFAIL);
}

static inline __noreturn void ksft_exit_xpass(void)
{
	ksft_print_cnts();
	exit(KSFT_XPASS);
}

#define ksft_exit(cond)                     \
	do {                                \
		if (cond)                   \
			ksft_exit_pass();   \
		else                        \
			ksft_exit_fail();   \
	} while (0)

static inline __printf(1, 2) int ksft_exit_fail_msg(const char *msg, ...)
{
	va_list args;

	va_start(args, msg);
	printf("Bail out! ");
	vprintf(msg, args);
	va_end(args);
	ksft_print_cnts();
	exit(KSFT_FAIL);
}

static inline __printf(1, 2) int ksft_exit_skip(const char *msg, ...)
{
	va_list args;

	va_start(args, msg);
	if (ksft_plan || ksft_test_num()) {
		ksft_inc_xskip_cnt();
		printf("ok %u # SKIP ", 1 + ksft_test_num());
	} else {
		printf("1..0 # SKIP ");
	}
	vprintf(msg, args);
	va_end(args);
	if (ksft_test_num())
		ksft_print_cnts();
	exit(KSFT_SKIP);
}

static inline __noreturn void ksft_exit_fail_perror(const char *msg)
{
	ksft_exit_fail_msg("%s: %s (%d)\n", msg, strerror(errno), errno);
	exit(KSFT_FAIL);	/* not reached */
}

/* One result line whose status is @result, a KSFT_* code. */
#define ksft_test_result_report(result, fmt, ...)                    \
	do {                                                         \
		switch (result) {                                    \
		case KSFT_PASS:                                      \
			ksft_test_result_pass(fmt, ##__VA_ARGS__);   \
			break;                                       \
		case KSFT_FAIL:                                      \
			ksft_test_result_fail(fmt, ##__VA_ARGS__);   \
			break;                                       \
		case KSFT_XFAIL:                                     \
			ksft_test_result_xfail(fmt, ##__VA_ARGS__);  \
			break;                                       \
		case KSFT_SKIP:                                      \
			ksft_test_result_skip(fmt, ##__VA_ARGS__);   \
			break;                                       \
		default:                                             \
			ksft_test_result_error(fmt, ##__VA_ARGS__);  \
			break;                                       \
		}                                                    \
	} while (0)

/* 1 if the running kernel is at least @min_major.@min_minor. */
static inline int ksft_min_kernel_version(unsigned int min_major,
					  unsigned int min_minor)
{
	struct utsname info;
	unsigned int major = 0, minor = 0;

	if (uname(&info) ||
	    sscanf(info.release, "%u.%u.", &major, &minor) != 2)
		ksft_exit_fail_msg("cannot parse the kernel version\n");
	return major > min_major || (major == min_major && minor >= min_minor);
}

#endif /* __KSELFTEST_H */
