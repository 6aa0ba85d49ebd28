/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The mmap_lock tracepoints: declared, never enabled (CONFIG_TRACING is
 * off), so that a kernel mm/mmap_lock.c compiles unchanged.
 */
#ifndef _TRACE_EVENTS_MMAP_LOCK_H
#define _TRACE_EVENTS_MMAP_LOCK_H

#include <linux/tracepoint.h>
#include <asm/barrier.h>
#include <linux/atomic.h>
#include <linux/bug.h>
#include <linux/cache.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/limits.h>
#include <linux/list.h>
#include <linux/lockdep_types.h>
#include <linux/printk.h>
#include <linux/refcount_types.h>
#include <linux/spinlock_types.h>
#include <linux/types.h>

struct mm_struct;

DECLARE_TRACE(mmap_lock_start_locking,
	      TP_PROTO(struct mm_struct *mm, bool write), TP_ARGS(mm, write))
DECLARE_TRACE(mmap_lock_acquire_returned,
	      TP_PROTO(struct mm_struct *mm, bool write, bool success),
	      TP_ARGS(mm, write, success))
DECLARE_TRACE(mmap_lock_released,
	      TP_PROTO(struct mm_struct *mm, bool write), TP_ARGS(mm, write))

#endif /* _TRACE_EVENTS_MMAP_LOCK_H */
