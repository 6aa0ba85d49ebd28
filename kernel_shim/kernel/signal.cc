// SPDX-License-Identifier: GPL-2.0-only
//
// Signals, as far as kernel/signal.c goes here: a pending bit per
// signal, and the wake-up its delivery implies.
#include <cerrno>
#include <csignal>

#include <linux/sched.h>
#include <linux/sched/signal.h>

extern "C" {

int send_sig(int sig, struct task_struct *p, int priv)
{
	(void)priv;
	if (sig <= 0 || sig > 64)
		return -EINVAL;
	__atomic_fetch_or(&p->pending_signals, 1UL << (sig - 1),
			  __ATOMIC_SEQ_CST);
	wake_up_state(p, sig == SIGKILL ? TASK_INTERRUPTIBLE | TASK_WAKEKILL
					: TASK_INTERRUPTIBLE);
	return 0;
}

void flush_signals(struct task_struct *p)
{
	__atomic_store_n(&p->pending_signals, 0UL, __ATOMIC_RELAXED);
}

} // extern "C"
