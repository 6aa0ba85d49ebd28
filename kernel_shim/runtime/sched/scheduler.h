// SPDX-License-Identifier: GPL-2.0-only
//
// User-space only: the deterministic scheduler's core. Each task (a
// thread of the test, run as a fiber on the test's thread) runs until it
// is switched away from. At every shim_sync_point() the running task
// counts a step, the strategy names the next task among those that can
// run, and if that is another one the scheduler switches to it. So
// exactly one task runs at a time and the order of synchronizing
// operations is a function of the seed.
//
// The core knows two things: who may run (a task is blocked on a Waiter
// until its readiness test holds) and whose turn it is. What a wait
// means (a sleep, a join, a grace period) belongs to the code that
// blocks; the switch is handoff.cc's, the trace path.cc's.
//
// When no task can run, virtual time jumps to the next deadline; with
// none, the run ends at once with a hung-task report.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include <shim/sched.h>
#include <shim/sync.h>

#include "handoff.h"
#include "lkmm.h"
#include "memory_model.h"
#include "path.h"
#include "strategy.h"
#include "task.h"

namespace shim::sched {

class Scheduler final : public ValueChooser {
public:
	Scheduler(const shim_sched_params &p, std::unique_ptr<Strategy> s,
		  Path &path);

	// The run's memory model: told when a task runs again after a wait.
	void set_memory_model(MemoryModel *m) { model_ = m; }
	unsigned choose_value(Task &task, unsigned nr_values) override;
	uint64_t current_step() const override { return step_; }

	Task *add_task();
	// The calling task @cur reached a switch point.
	void on_sync(Task *cur, enum shim_sync_op op, const volatile void *addr);
	// @cur cannot go on until @w is ready. May return early (a task is
	// picked once its waiter was ready): callers test their condition
	// again.
	void block(Task *cur, const Waiter &w);
	// Blocks @cur on @w until it is ready (at once if it is).
	void wait_until(Task *cur, const Waiter &w);
	// @t will never run (again).
	void retire(Task *t);
	// @cur leaves for good: the task to switch to.
	Task *retire_and_pick(Task *cur);
	// Until every task but @self and the daemons has exited.
	void wait_for_others(Task *self);

	Handoff &handoff() { return handoff_; }
	std::vector<Task *> all_tasks() const;
	Task *task(unsigned id) const { return tasks_[id].get(); }
	// The task a pthread_t names; nullptr: a real thread's.
	Task *find(unsigned long pthread_id) const;
	uint64_t now() const { return now_ns_; }
	void set_max_steps(uint64_t n) { max_steps_ = n; }
	void fill(shim_sched_result *r) const;

private:
	void account(Task *cur, enum shim_sync_op op, const volatile void *addr);
	void note_turn(Task *cur, enum shim_sync_op op);
	void reschedule(Task *cur);
	Task *pick(Task *cur);
	void runnable_ids(std::vector<unsigned> &ids, Task *cur);
	bool runnable(const Task *t) const;
	bool livelocked() const;
	uint64_t next_deadline() const;
	[[noreturn]] void report(Task *cur, bool hung);

	Path &path_;
	std::unique_ptr<Strategy> strategy_;
	MemoryModel *model_ = nullptr;
	Handoff handoff_;
	std::vector<std::unique_ptr<Task>> tasks_;
	std::vector<unsigned> ids_;
	uint64_t step_ = 0;
	uint64_t now_ns_ = 0;
	uint64_t last_progress_ = 0;	// step of the last state change
	uint64_t max_steps_;
	Task *last_runner_ = nullptr;
	uint64_t run_length_ = 0;
};

// Reports (kernel/hung_task.cc), given every task with its stack filled
// in; both end the process.
[[noreturn]] void report_hung(const std::vector<Task *> &tasks, uint64_t step);
// @livelock: no task changed state for SHIM_SCHED_LIVELOCK_STEPS steps
// (else: the step bound @bound was reached).
[[noreturn]] void report_soft_lockup(const std::vector<Task *> &tasks,
				     uint64_t step, uint64_t bound,
				     bool livelock);

} // namespace shim::sched
