// SPDX-License-Identifier: GPL-2.0-only
//
// User-space only: passing the right to run from one task's thread to
// another's, and fetching the stacks of parked tasks for a report.
#pragma once

#include <vector>

#include "task.h"

namespace shim::sched {

class Handoff {
public:
	Handoff();

	// Live tasks decide whether a parked thread may spin.
	void task_added() { live_tasks_++; }
	void task_retired() { live_tasks_--; }

	// Until @t holds the baton, answering stack requests meanwhile.
	void park(Task *t);
	// @cur parks and @next runs.
	void switch_to(Task *cur, Task *next);
	// The caller's task @exited leaves the schedule: @next runs, first
	// joining @exited's thread, nobody parks.
	void hand_over(Task *next, Task *exited)
	{
		zombie_ = exited;
		next->baton.give(Baton::kRun);
	}
	// A new task's thread is parked: until then its creator waits.
	void announce_parked(Task *t) { t->parked.give(Baton::kRun); }
	void wait_parked(Task *t) { t->parked.wait(true); }
	// Fills in the stack of every task in @tasks that has not exited;
	// @self is the calling task.
	void collect_stacks(const std::vector<Task *> &tasks, Task *self);

private:
	void reap_zombie();

	Task *dump_requester_ = nullptr;
	Task *zombie_ = nullptr;	// exited, its thread not joined yet
	int live_tasks_ = 0;
	const int cpus_;
};

} // namespace shim::sched
