/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _LINUX_GFP_H
#define _LINUX_GFP_H

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

/* Allocation never sleeps or reclaims here; only __GFP_ZERO matters. */
#define __GFP_ZERO 0x100u
#define __GFP_NOWARN 0x200u
#define __GFP_NOFAIL 0x400u
#define __GFP_ACCOUNT 0x800u
#define GFP_KERNEL 0x1u
#define GFP_NOWAIT 0x2u
#define GFP_ATOMIC 0x4u
#define GFP_NOFS 0x8u
#define GFP_KERNEL_ACCOUNT (GFP_KERNEL | __GFP_ACCOUNT)

static inline bool gfpflags_allow_blocking(gfp_t gfp)
{
	return gfp & (GFP_KERNEL | GFP_NOFS);
}

#include <linux/mmdebug.h>

#endif /* _LINUX_GFP_H */
