// SPDX-License-Identifier: GPL-2.0-only
//
// User-space only: the deterministic scheduler's task records, shared by
// the scheduler (core.cc) and its reports (hung_task.cc).
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "sched.h"

namespace shim::sched {

enum class Wait : uint8_t {
	none,		// runnable
	not_started,	// created, runs when first picked
	sleep,		// schedule(): until TASK_RUNNING, a signal or a deadline
	join,		// pthread_join() on a task still running
	join_all,	// the end of the test: until every other task exited
	rcu_gp,		// synchronize_rcu(): until the readers it saw left
	rcu_barrier,	// rcu_barrier(): until earlier callbacks were invoked
	rcu_idle,	// the RCU callback task: until a callback is ready
	rcu_drain,	// the end of the test: until the RCU task invoked all
	exited,
};

const char *wait_name(Wait w);

struct Task {
	unsigned id = 0;
	struct task_struct *ts = nullptr;	// once the thread runs
	unsigned long pthread_id = 0;
	bool daemon = false;			// the RCU callback task
	// The hand-off word: the thread runs only while it holds kRun.
	std::atomic<uint32_t> baton{ 0 };
	std::atomic<bool> sleeping{ false };	// on the futex: wake it

	Wait wait = Wait::not_started;
	bool spinning = false;	// busy-waits until another task has run
	uint64_t deadline_ns = 0;	// sleep: 0 for none
	Task *join_target = nullptr;
	std::vector<std::pair<Task *, uint64_t>> gp_readers; // rcu_gp
	uint64_t barrier_target = 0;	// rcu_barrier
	uint64_t rcu_qs = 0;		// outermost rcu_read_unlock()s

	uint64_t steps = 0;
	uint64_t last_progress = 0;	// last step that changed shared state
	int last_op = -1;
	std::vector<void *> stack;		// filled on request
};

// Reports (hung_task.cc), given every task with its stack filled in; both
// end the process.
[[noreturn]] void report_hung(const std::vector<Task *> &tasks, uint64_t step);
// @livelock: no task changed state for SHIM_SCHED_LIVELOCK_STEPS steps
// (else: the step bound @bound was reached).
[[noreturn]] void report_soft_lockup(const std::vector<Task *> &tasks,
				     uint64_t step, uint64_t bound,
				     bool livelock);

} // namespace shim::sched
