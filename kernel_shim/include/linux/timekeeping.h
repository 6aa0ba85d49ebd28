/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ktime_get_ns() and friends: CLOCK_MONOTONIC, or under the deterministic
 * scheduler its virtual clock, which advances with the schedule (so a
 * test that runs "for 50 ms" runs the same steps on a busy or idle
 * machine).
 */
#ifndef _LINUX_TIMEKEEPING_H
#define _LINUX_TIMEKEEPING_H

#include <linux/types.h>
#include <shim/sched.h>
#include <asm/barrier.h>
#include <linux/atomic.h>
#include <linux/bug.h>
#include <linux/cache.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/limits.h>
#include <linux/list.h>
#include <linux/lockdep_types.h>
#include <linux/printk.h>
#include <linux/refcount_types.h>
#include <linux/spinlock_types.h>

static inline u64 ktime_get_ns(void)
{
	return shim_sched_clock_ns();
}

static inline u64 ktime_get_mono_fast_ns(void)
{
	return ktime_get_ns();
}

#include <linux/mmdebug.h>

#endif /* _LINUX_TIMEKEEPING_H */
