// SPDX-License-Identifier: GPL-2.0-only
#include <linux/rcuwait.h>

int rcuwait_wake_up(struct rcuwait *w)
{
	struct task_struct *task;
	int ret = 0;

	/*
	 * Order the caller's condition update before reading w->task; pairs
	 * with set_current_state() in rcuwait_wait_event(): either we see
	 * the sleeper, or the sleeper sees the condition.
	 */
	smp_mb();
	rcu_read_lock();
	task = rcu_dereference(w->task);
	if (task)
		ret = wake_up_process(task);
	rcu_read_unlock();
	return ret;
}

void finish_rcuwait(struct rcuwait *w)
{
	rcu_assign_pointer(w->task, NULL);
	__set_current_state(TASK_RUNNING);
}
