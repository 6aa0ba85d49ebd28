// SPDX-License-Identifier: GPL-2.0-only
//
// User-space only: a task of the deterministic scheduler, and what a
// blocked task waits for. The scheduler knows nothing about a wait but
// its readiness test: sleeps, joins and RCU's grace periods are all
// Waiters supplied by the code that blocks.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <vector>

#include "fiber.h"
#include "task_locals.h"

struct task_struct;

namespace shim::sched {

class Waiter {
public:
	virtual ~Waiter() = default;
	// The task may run again.
	virtual bool ready() const = 0;
	// For reports: "waiting on: ...".
	virtual const char *what() const = 0;
	// Virtual time at which ready() turns true by itself; 0: never.
	virtual uint64_t deadline_ns() const { return 0; }
	// sched_show_task()'s letter for a task waiting here.
	virtual char state_letter() const { return 'D'; }
	// A service task waiting for work: not blocked, hence left out of
	// a hung-task report's list of blocked tasks.
	virtual bool idle() const { return false; }
};

struct Task {
	unsigned id = 0;
	struct task_struct *ts = nullptr;	// once the thread runs
	bool daemon = false;	// a service task (RCU's callbacks)
	bool started = false;	// has run since it was created
	bool exited = false;
	const Waiter *waiter = nullptr;	// blocked on it; nullptr: runnable
	bool spinning = false;	// busy-waits until another task has run

	std::unique_ptr<Fiber> fiber;	// where it runs
	TaskLocals locals;	// its thread-locals while it does not run
	// Switched to for its stack (Handoff::collect_stacks()), not to run.
	bool dump_requested = false;
	// What its start routine returned.
	void *retval = nullptr;

	uint64_t steps = 0;
	uint64_t last_progress = 0;	// last step that changed shared state
	int last_op = -1;
	std::vector<void *> stack;	// filled on request

	// The pthread_t it goes by: the task itself, unique while the run
	// lasts and never a real thread's.
	unsigned long pthread_id() const
	{
		return reinterpret_cast<unsigned long>(this);
	}
	// The pid reports show, the same in every run of a schedule.
	pid_t virtual_pid() const { return static_cast<pid_t>(1000 + id); }
	// Running, not started, exited, or what it waits for.
	const char *waiting_on() const
	{
		if (exited)
			return "exited";
		if (!started)
			return "not started";
		return waiter ? waiter->what() : "running";
	}
	// Blocked on something other than work to do.
	bool blocked() const
	{
		return !exited && started && waiter && !waiter->idle();
	}
};

} // namespace shim::sched
