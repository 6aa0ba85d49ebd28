// SPDX-License-Identifier: GPL-2.0-only
//
// User-space only: RCU under the deterministic scheduler, a client of its
// Waiter interface. Grace periods wait for the readers that were inside
// a read-side section when they began; call_rcu() callbacks run in a task
// of their own once their grace period ended; rcu_barrier() waits for
// the callbacks queued before it. Nothing here runs outside a schedule:
// free-running RCU is liburcu's (urcu_glue.cc).
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include <linux/types.h>
#include <shim/sched.h>

#include "../sched/strategy.h"
#include "../sched/task.h"

namespace shim::sched {
class Scheduler;
}

namespace shim::sched::rcu {

struct Callback {
	struct rcu_head *head;
	rcu_callback_t func;	// nullptr: kfree(ptr)
	void *ptr;
};

// What the kernel's RCU code registers (kernel/rcu/update.cc), so that
// the runtime never calls up into it: the body of the callback task,
// which leaves the task's thread when it returns, and one callback's
// invocation.
struct Hooks {
	void (*callback_task)();
	void (*invoke)(const Callback &cb);
};
void set_hooks(const Hooks &hooks);

// The calling task, under the scheduler: an outermost rcu_read_unlock(),
// a grace period, a callback queued, rcu_barrier().
void quiescent();
void synchronize();
void call(const Callback &cb);
void wait_for_callbacks();
// The callback task's loop: the next callback whose grace period ended,
// or nothing once the schedule is over and the queue is empty.
std::optional<Callback> next_callback();
void callback_done();

// A run's RCU state.
class ScheduledRcu {
public:
	// Starts the callback task.
	void start(Scheduler &s);
	// The end of the test (other tasks have exited): the callback task
	// invokes what is left and exits.
	void drain(Task *main);
	// Callbacks queued after the callback task left (its own task's
	// free): every reader is gone, they may run now.
	void invoke_leftovers();

	// Where grace periods and callbacks fall: as early as allowed, as
	// late as allowed, or wherever @inner puts them; a function of the
	// seed, never under dfs (which enumerates them instead).
	std::unique_ptr<Strategy> bias(std::unique_ptr<Strategy> inner,
				       const shim_sched_params &p);

	void quiescent(Task *t);
	void synchronize(Task *cur);
	void queue(const Callback &cb);
	void wait_for_callbacks(Task *cur);
	std::optional<Callback> next_callback(Task *cur);
	void callback_done() { cb_done_++; }

private:
	using Readers = std::vector<std::pair<const Task *, uint64_t>>;
	struct Queued {
		Callback cb;
		Readers readers;
	};
	class GracePeriod;
	class Barrier;
	class Idle;
	class Drained;

	Readers readers(const Task *self, bool include_self) const;
	bool readers_left(const Readers &readers) const;
	uint64_t &qs(const Task *t);
	uint64_t qs(const Task *t) const;
	// The callback task, or a task waiting for a grace period.
	bool is_rcu_work(const Task *t) const;
	bool callback_ready() const;

	Scheduler *sched_ = nullptr;
	Task *task_ = nullptr;
	std::vector<uint64_t> qs_;	// outermost unlocks, by task id
	std::deque<Queued> callbacks_;
	uint64_t cb_queued_ = 0, cb_done_ = 0;
	bool stopping_ = false;
};

} // namespace shim::sched::rcu
