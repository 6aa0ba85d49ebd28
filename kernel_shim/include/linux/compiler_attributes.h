/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _LINUX_COMPILER_ATTRIBUTES_H
#define _LINUX_COMPILER_ATTRIBUTES_H

/* glibc's <sys/cdefs.h> has some of these too; the kernel's win. */
#undef __always_inline
#undef __noreturn
#undef __packed
#undef __weak
#undef __cold
#undef __pure
#undef __malloc
/* kselftest.h defines it when a test includes the harness first. */
#undef __printf
#define __always_inline inline __attribute__((__always_inline__))
#define noinline __attribute__((__noinline__))
#define __noreturn __attribute__((__noreturn__))
#define __must_check __attribute__((__warn_unused_result__))
#define __maybe_unused __attribute__((__unused__))
#define __always_unused __attribute__((__unused__))
#define __used __attribute__((__used__))
#define __aligned(x) __attribute__((__aligned__(x)))
#define __packed __attribute__((__packed__))
#define __cold __attribute__((__cold__))
#define __pure __attribute__((__pure__))
#define __weak __attribute__((__weak__))
#define __printf(a, b) __attribute__((__format__(printf, a, b)))
#define __section(s) __attribute__((__section__(s)))
#define __cleanup(func) __attribute__((__cleanup__(func)))
#define __malloc __attribute__((__malloc__))
#define __nonstring
#define __counted_by(member)
#define __signed_wrap
#define __no_sanitize_thread __attribute__((no_sanitize("thread")))
#if __has_attribute(disable_sanitizer_instrumentation)
#define __disable_sanitizer_instrumentation \
	__attribute__((disable_sanitizer_instrumentation))
#else
#define __disable_sanitizer_instrumentation
#endif
#define notrace
/*
 * No __init/__exit: glibc's <stdlib.h> has a struct member named __init,
 * and a user-space build has no init sections to discard anyway.
 */
#define __read_mostly
#define __ro_after_init

#if defined(__cplusplus)
#define fallthrough [[fallthrough]]
#else
#define fallthrough __attribute__((__fallthrough__))
#endif

#endif /* _LINUX_COMPILER_ATTRIBUTES_H */
