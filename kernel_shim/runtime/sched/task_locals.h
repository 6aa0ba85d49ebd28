// SPDX-License-Identifier: GPL-2.0-only
//
// User-space only: the thread-local state that belongs to a task, not to
// the thread it runs on. Under the scheduler all tasks run on the test's
// thread (fiber.h), so each switch saves the leaving task's values here
// and puts the arriving task's back. A new task starts with none.
//
// Shared by the tasks, as per-CPU state is by the kernel's tasks on one
// CPU: vmstat's event counters and lockdep's cache of validated chains.
// Everything else thread-local in the shim is listed here.
#pragma once

struct task_struct;

namespace shim::sched {

struct TaskLocals {
	struct task_struct *task = nullptr;	// `current`, kernel/fork.cc
	int in_sched = 0;			// context.h's Enter depth
	int tsan_lock_op_depth = 0;		// <shim/tsan.h>
	void *tsan_fences = nullptr;		// runtime/tsan/fences.cc

	// From the thread's variables into this task's copy ...
	void save();
	// ... and back.
	void restore() const;
};

} // namespace shim::sched
