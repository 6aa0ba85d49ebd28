/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * jiffies at HZ=1000, read from ktime_get_ns(): virtual under the
 * deterministic scheduler, like every other clock here.
 */
#ifndef _LINUX_JIFFIES_H
#define _LINUX_JIFFIES_H

#include <linux/timekeeping.h>
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

#define HZ 1000
#define jiffies ((unsigned long)(ktime_get_ns() / (1000000000ull / HZ)))

static inline unsigned long msecs_to_jiffies(unsigned int m)
{
	return m;
}

static inline unsigned int jiffies_to_msecs(unsigned long j)
{
	return (unsigned int)j;
}

#define time_after(a, b) ((long)((b) - (a)) < 0)
#define time_before(a, b) time_after(b, a)

#endif /* _LINUX_JIFFIES_H */
