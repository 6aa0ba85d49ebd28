/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Included by kernel code (mm/mmap_lock.c) for what this tree does not
 * have; nothing in it is needed here.
 */
#ifndef _LINUX_TRACEPOINT_DEFS_H
#define _LINUX_TRACEPOINT_DEFS_H

#include <linux/types.h>
#include <linux/tracepoint.h>
#include <asm/barrier.h>
#include <linux/atomic.h>
#include <linux/bug.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/limits.h>
#include <linux/lockdep_types.h>
#include <linux/printk.h>

#endif
