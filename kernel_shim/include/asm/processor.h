/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _ASM_PROCESSOR_H
#define _ASM_PROCESSOR_H

#include <shim/sync.h>
#include <asm/barrier.h>
#include <linux/atomic.h>
#include <linux/bug.h>
#include <linux/build_bug.h>
#include <linux/cache.h>
#include <linux/compiler.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/limits.h>
#include <linux/lockdep_types.h>
#include <linux/printk.h>
#include <linux/stddef.h>
#include <linux/types.h>

#if defined(__x86_64__) || defined(__i386__)
#define __cpu_relax() __builtin_ia32_pause()
#elif defined(__aarch64__)
#define __cpu_relax() __asm__ __volatile__("yield" ::: "memory")
#else
#define __cpu_relax() __asm__ __volatile__("" ::: "memory")
#endif

/*
 * A busy-wait turn. Under the deterministic scheduler it is where a
 * spinning task lets another one run (a spinner is not picked again until
 * another task has run), so spin loops cannot starve the task they wait on.
 */
#define cpu_relax()                                        \
	do {                                               \
		shim_sync_point(SHIM_SYNC_SPIN, 0);        \
		__cpu_relax();                             \
	} while (0)

#endif /* _ASM_PROCESSOR_H */
