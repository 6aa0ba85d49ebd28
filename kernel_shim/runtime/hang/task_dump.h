// SPDX-License-Identifier: GPL-2.0-only
//
// User-space only: how a hang report shows a task and the locks held, in
// the shape of the kernel's sched_show_task() and debug_show_all_locks().
// One format for the deterministic scheduler's reports (kernel/hung_task.cc) and
// for a free-running test that outlived its timeout (hang_watch.cc).
#pragma once

#include <string>
#include <vector>

struct task_struct;

namespace shim::sched {

struct TaskDump {
	std::string name;
	int pid = 0;
	char state = 'R';	// sched_show_task()'s letter: R, S, D
	std::string detail;	// what follows "pid:N" on the task line
	std::vector<void *> stack;	// return addresses, innermost first
};

// The one-letter state of a task_struct's __state.
char state_letter(unsigned int task_state);

// "task:NAME state:X pid:N DETAIL" and its call trace, from the first
// frame that is neither the scheduler's nor the stack capture's.
std::string show_task(const TaskDump &t);

// lockdep's "Showing all locks held in the system:".
std::string show_all_locks(const std::vector<struct task_struct *> &tasks);

} // namespace shim::sched
