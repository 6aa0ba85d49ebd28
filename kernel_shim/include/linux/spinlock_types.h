/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _LINUX_SPINLOCK_TYPES_H
#define _LINUX_SPINLOCK_TYPES_H

#include <linux/types.h>
#include <linux/lockdep_types.h>
#include <asm/barrier.h>
#include <linux/atomic.h>
#include <linux/bug.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/limits.h>
#include <linux/printk.h>

typedef struct raw_spinlock {
	unsigned int locked;
#ifdef CONFIG_DEBUG_LOCK_ALLOC
	struct lockdep_map dep_map;
#endif
} raw_spinlock_t;

typedef struct spinlock {
	union {
		struct raw_spinlock rlock;
#ifdef CONFIG_DEBUG_LOCK_ALLOC
		/* So that lockdep_is_held(&spinlock) finds the map. */
		struct {
			u8 __padding[offsetof(struct raw_spinlock, dep_map)];
			struct lockdep_map dep_map;
		};
#endif
	};
} spinlock_t;

#ifdef CONFIG_DEBUG_LOCK_ALLOC
#define __SPIN_DEP_MAP_INIT(lockname) \
	, .dep_map = { .name = #lockname, .wait_type_inner = LD_WAIT_SPIN }
#else
#define __SPIN_DEP_MAP_INIT(lockname)
#endif

#define __RAW_SPIN_LOCK_UNLOCKED(lockname) \
	(raw_spinlock_t) { .locked = 0 __SPIN_DEP_MAP_INIT(lockname) }
#define __SPIN_LOCK_UNLOCKED(lockname) \
	(spinlock_t) { .rlock = { .locked = 0 __SPIN_DEP_MAP_INIT(lockname) } }
#define DEFINE_SPINLOCK(x) spinlock_t x = __SPIN_LOCK_UNLOCKED(x)
#define DEFINE_RAW_SPINLOCK(x) raw_spinlock_t x = __RAW_SPIN_LOCK_UNLOCKED(x)

#endif /* _LINUX_SPINLOCK_TYPES_H */
