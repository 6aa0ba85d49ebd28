// SPDX-License-Identifier: GPL-2.0-only
//
// __might_sleep(): a function that may block was called where blocking is
// not allowed (spinlock held, RCU read-side section), as
// CONFIG_DEBUG_ATOMIC_SLEEP reports it.
#include <string>

#include <linux/lockdep.h>
#include <linux/sched.h>

#include "../locking/lockdep_report.h"
#include "../printk/report.h"

extern "C" void __might_sleep(const char *file, int line)
{
	struct task_struct *t = current;

	shim_sync_point(SHIM_SYNC_SLEEP, nullptr);
	if (!t->preempt_count && !t->rcu_read_lock_nesting)
		return;
	std::string s;
	shim::appendf(s, "BUG: sleeping function called from invalid context at %s:%d\n",
		      file, line);
	shim::appendf(s, "in_atomic(): %d, irqs_disabled(): 0, non_block: 0, pid: %d, name: %s\n",
		      t->preempt_count != 0, t->pid, t->comm);
	shim::appendf(s, "preempt_count: %x, expected: 0\n", t->preempt_count);
	shim::appendf(s, "RCU nest depth: %d, expected: 0\n",
		      t->rcu_read_lock_nesting);
	s += lockdep::held_locks(t);
	s += shim::cpu_line();
	s += shim::call_trace(1);
	shim::emit(s);
}
