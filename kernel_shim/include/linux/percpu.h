/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Included by kernel code (mm/mmap_lock.c) for what this tree does not
 * have; nothing in it is needed here.
 */
#ifndef _LINUX_PERCPU_H
#define _LINUX_PERCPU_H

#include <linux/types.h>
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

#include <linux/mmdebug.h>

#endif
