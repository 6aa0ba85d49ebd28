// SPDX-License-Identifier: GPL-2.0-only
//
// User-space only: the baton hand-off between tasks (handoff.h).
#include "handoff.h"

#include <execinfo.h>
#include <unistd.h>

#include <pthread.h>

#include <atomic>

extern "C" int __real_pthread_join(pthread_t, void **);
#ifdef CONFIG_SHIM_TSAN
// TSan imports no synchronization into the calling thread in between.
extern "C" void AnnotateIgnoreSyncBegin(const char *file, int line);
extern "C" void AnnotateIgnoreSyncEnd(const char *file, int line);
#endif

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
			reap_zombie();
			return;
		}
		capture_stack(t);	// kDump
		t->baton.drop();
		dump_requester_->baton.give(Baton::kRun);
	}
}

// A task's thread goes on after it handed the baton over: it returns, and
// the C library and TSan tear it down (TSan frees its thread slot, its
// start argument is freed). All of that must happen at one point of the
// schedule, or what TSan reports depends on real time: the next task
// joins the thread before it runs. The join synchronizes nothing TSan
// sees; the pthread_join() of the test gets its happens-before from the
// exiting task itself (exit_current()).
void Handoff::reap_zombie()
{
	Task *z = zombie_;
	if (!z)
		return;
	zombie_ = nullptr;
#ifdef CONFIG_SHIM_TSAN
	AnnotateIgnoreSyncBegin(__FILE__, __LINE__);
#endif
	__real_pthread_join(static_cast<pthread_t>(z->pthread_id), &z->retval);
#ifdef CONFIG_SHIM_TSAN
	AnnotateIgnoreSyncEnd(__FILE__, __LINE__);
#endif
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
