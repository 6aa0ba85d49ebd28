/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _LINUX_BUG_H
#define _LINUX_BUG_H

#include <asm/bug.h>
#include <linux/build_bug.h>
#include <asm/barrier.h>
#include <linux/atomic.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/limits.h>
#include <linux/lockdep_types.h>
#include <linux/types.h>

#endif /* _LINUX_BUG_H */
