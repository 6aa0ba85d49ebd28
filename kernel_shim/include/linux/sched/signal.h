/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Signals as the kernel's wait loops see them: a per-task set of pending
 * signals. send_sig() (to any task, from any thread) is how a test makes a
 * killable or interruptible wait fail; no POSIX signal is involved.
 */
#ifndef _LINUX_SCHED_SIGNAL_H
#define _LINUX_SCHED_SIGNAL_H

#include <signal.h>
#include <linux/sched.h>
#include <linux/cache.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/list.h>
#include <linux/spinlock_types.h>

#ifdef __cplusplus
extern "C" {
#endif

static inline int signal_pending(struct task_struct *p)
{
	return READ_ONCE(p->pending_signals) != 0;
}

static inline int __fatal_signal_pending(struct task_struct *p)
{
	return (READ_ONCE(p->pending_signals) & (1UL << (SIGKILL - 1))) != 0;
}

static inline int fatal_signal_pending(struct task_struct *p)
{
	return signal_pending(p) && __fatal_signal_pending(p);
}

static inline int signal_pending_state(unsigned int state,
				       struct task_struct *p)
{
	if (!(state & (TASK_INTERRUPTIBLE | TASK_WAKEKILL)))
		return 0;
	if (!signal_pending(p))
		return 0;
	return (state & TASK_INTERRUPTIBLE) || __fatal_signal_pending(p);
}

/*
 * Make @sig pending for @p and wake it if it sleeps in a state the signal
 * interrupts (SIGKILL also wakes TASK_KILLABLE sleepers).
 */
int send_sig(int sig, struct task_struct *p, int priv);
/* Forget every pending signal of @p. */
void flush_signals(struct task_struct *p);

#ifdef __cplusplus
}
#endif

#include <linux/mmdebug.h>

#endif /* _LINUX_SCHED_SIGNAL_H */
