/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _LINUX_KERNEL_H
#define _LINUX_KERNEL_H

#include <linux/types.h>
#include <linux/limits.h>
#include <linux/minmax.h>
#include <linux/build_bug.h>
#include <linux/bug.h>
#include <linux/printk.h>
#include <linux/err.h>
#include <asm/barrier.h>
#include <linux/atomic.h>
#include <linux/export.h>
#include <linux/lockdep_types.h>

#define ALIGN(x, a) (((x) + ((__typeof__(x))(a) - 1)) & ~((__typeof__(x))(a) - 1))
#define ALIGN_DOWN(x, a) ((x) & ~((__typeof__(x))(a) - 1))
#define IS_ALIGNED(x, a) (((x) & ((__typeof__(x))(a) - 1)) == 0)
#define DIV_ROUND_UP(n, d) (((n) + (d) - 1) / (d))
#define BIT(nr) (1UL << (nr))
#define BIT_ULL(nr) (1ULL << (nr))

#endif /* _LINUX_KERNEL_H */
