// SPDX-License-Identifier: GPL-2.0-only
//
// User-space only: the hand-off between tasks (handoff.h).
#include "handoff.h"

#include <execinfo.h>

#include "context.h"

namespace shim::sched {

namespace {

constexpr int kStackDepth = 48;

void capture_stack(Task *t)
{
	void *frames[kStackDepth];
	int n = backtrace(frames, kStackDepth);
	t->stack.assign(frames, frames + n);
}

} // namespace

// Runs on @from, inside the scheduler (an Enter): what is thread-local
// becomes @to's before its fiber runs.
void Handoff::enter(Task *from, Task *to)
{
	from->locals.save();
	to->locals.restore();
	set_running_task(to);
}

void Handoff::switch_to(Task *cur, Task *next)
{
	enter(cur, next);
	cur->fiber->switch_to(*next->fiber);
	resumed(cur);
}

// Switched to for a report, a task takes its stack and switches back; it
// returns from here only when it is to run.
void Handoff::resumed(Task *t)
{
	for (;;) {
		reap_zombie();
		if (!t->dump_requested)
			return;
		t->dump_requested = false;
		capture_stack(t);
		enter(t, dump_requester_);
		t->fiber->switch_to(*dump_requester_->fiber);
	}
}

void Handoff::hand_over(Task *next, Task *exited)
{
	zombie_ = exited;
	enter(exited, next);
	Fiber &from = *exited->fiber;
	Fiber &to = *next->fiber;
	// From here TSan sees the exiting task's accesses: make none.
	Enter::abandon();
	from.exit_to(to);
}

// A fiber cannot free the stack it runs on: the next task frees the one
// that exited. Its thread-locals went with shim_task_exit().
void Handoff::reap_zombie()
{
	if (!zombie_)
		return;
	zombie_->fiber.reset();
	zombie_ = nullptr;
}

void Handoff::collect_stacks(const std::vector<Task *> &tasks, Task *self)
{
	for (Task *t : tasks) {
		if (t == self || t->exited || !t->started)
			continue;
		dump_requester_ = self;
		t->dump_requested = true;
		enter(self, t);
		self->fiber->switch_to(*t->fiber);
		resumed(self);
	}
	capture_stack(self);
}

} // namespace shim::sched
