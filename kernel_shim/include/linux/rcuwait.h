/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * rcuwait: one sleeper waits for a condition; wakers find it under RCU,
 * so a waker never touches a task that already left.
 */
#ifndef _LINUX_RCUWAIT_H
#define _LINUX_RCUWAIT_H

#include <linux/rcupdate.h>
#include <linux/sched/signal.h>
#include <linux/cache.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/list.h>
#include <linux/spinlock_types.h>

#define __RCUWAIT_INITIALIZER(name) { .task = NULL, }

static inline void rcuwait_init(struct rcuwait *w)
{
	w->task = NULL;
}

/* Someone is (or is about to be) sleeping on @w. */
static inline int rcuwait_active(struct rcuwait *w)
{
	return !!rcu_access_pointer(w->task);
}

/*
 * Wake the sleeper, if any. Returns whether a task was woken. Fully
 * ordered: the waker's prior stores (to the condition) are seen by the
 * sleeper's next check of it.
 */
int rcuwait_wake_up(struct rcuwait *w);

static inline void prepare_to_rcuwait(struct rcuwait *w)
{
	rcu_assign_pointer(w->task, current);
}

void finish_rcuwait(struct rcuwait *w);

/*
 * Sleep in @state until @condition is true. Returns 0, or -EINTR if a
 * signal that @state allows (a fatal one for TASK_KILLABLE) is pending.
 *
 * A satisfied condition orders the caller's later stores after what it
 * read (a control dependency); ThreadSanitizer is told so with
 * shim_ctrl_dep_acquire() (see Documentation/shim.rst).
 */
#define rcuwait_wait_event(w, condition, state)                          \
	({                                                               \
		int __ret = 0;                                           \
		prepare_to_rcuwait(w);                                   \
		for (;;) {                                               \
			set_current_state(state);                        \
			if (condition) {                                 \
				shim_ctrl_dep_acquire();                 \
				break;                                   \
			}                                                \
			if (signal_pending_state(state, current)) {      \
				__ret = -EINTR;                          \
				break;                                   \
			}                                                \
			schedule();                                      \
		}                                                        \
		finish_rcuwait(w);                                       \
		__ret;                                                   \
	})

#endif /* _LINUX_RCUWAIT_H */
