// SPDX-License-Identifier: GPL-2.0-only
//
// User-space only: passing the right to run from one task to another (a
// fiber switch with the task's thread-locals), and fetching the stacks
// of the tasks that do not run, for a report.
#pragma once

#include <vector>

#include "task.h"

namespace shim::sched {

class Handoff {
public:
	// @cur stops and @next runs; returns when @cur runs again.
	void switch_to(Task *cur, Task *next);
	// The calling task @exited leaves the schedule for good and @next
	// runs, which first frees what @exited ran on.
	[[noreturn]] void hand_over(Task *next, Task *exited);
	// Every switch into @t ends here, its first included.
	void resumed(Task *t);
	// Fills in the stack of every task in @tasks that has run and not
	// exited; @self is the calling task.
	void collect_stacks(const std::vector<Task *> &tasks, Task *self);

private:
	// The switch itself, both ways the same.
	static void enter(Task *from, Task *to);
	void reap_zombie();

	Task *dump_requester_ = nullptr;
	Task *zombie_ = nullptr;	// exited, its fiber not freed yet
};

} // namespace shim::sched
