// SPDX-License-Identifier: GPL-2.0-only
//
// User-space only: the baton hand-off between tasks (handoff.h).
#include "handoff.h"

#include <execinfo.h>
#include <unistd.h>

#include <atomic>

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

Handoff::Handoff() : cpus_(static_cast<int>(sysconf(_SC_NPROCESSORS_ONLN)))
{
}

void Handoff::park(Task *t)
{
	for (;;) {
		// Spinning pays only while every parked task has a CPU.
		Baton::Value v = t->baton.wait(live_tasks_ <= cpus_);
		if (v == Baton::kRun) {
			std::atomic_thread_fence(std::memory_order_seq_cst);
			return;
		}
		capture_stack(t);	// kDump
		t->baton.drop();
		dump_requester_->baton.give(Baton::kRun);
	}
}

void Handoff::switch_to(Task *cur, Task *next)
{
	cur->baton.drop();
	next->baton.give(Baton::kRun);
	park(cur);
}

void Handoff::collect_stacks(const std::vector<Task *> &tasks, Task *self)
{
	for (Task *t : tasks) {
		if (t == self || t->exited)
			continue;
		dump_requester_ = self;
		self->baton.drop();
		t->baton.give(Baton::kDump);
		park(self);
	}
	capture_stack(self);
}

} // namespace shim::sched
