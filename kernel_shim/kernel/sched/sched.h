// SPDX-License-Identifier: GPL-2.0-only
//
// User-space only: what the rest of the shim's runtime (tasks, RCU, the
// pthread wrappers) asks of the deterministic scheduler. Each call is
// valid only from a thread that is a task under the scheduler
// (current_is_task()); otherwise the caller keeps its free-running path.
#pragma once

#include <cstdint>
#include <optional>

#include <linux/types.h>

struct task_struct;

namespace shim::sched {

bool current_is_task();

// schedule() with @deadline_ns of virtual time (0: none). Returns when the
// task is TASK_RUNNING again, a signal its state allows is pending, or
// the deadline passed (the state is then set to TASK_RUNNING).
void sleep(struct task_struct *t, uint64_t deadline_ns);
uint64_t now_ns();

// pthread_create()/pthread_join() of a task.
struct Task;
Task *spawn();
void attach(Task *t);
void attach_failed(Task *t);
void exit_current();
// The task's struct may be freed from here on (its last put follows).
void forget_task_struct();
void join(Task *t);
Task *find(unsigned long pthread_id);
void set_pthread(Task *t, unsigned long pthread_id);

// RCU: read-side exits, grace periods and callbacks under the scheduler.
void rcu_quiescent();
void synchronize_rcu();
struct RcuCallback {
	struct rcu_head *head;
	rcu_callback_t func;	// nullptr: kfree(ptr)
	void *ptr;
};
void call_rcu(const RcuCallback &cb);
void rcu_barrier();
// The RCU callback task's loop: the next callback whose grace period has
// ended, or nothing once the schedule is over and the queue is empty.
std::optional<RcuCallback> rcu_next_callback();
void rcu_callback_done();

} // namespace shim::sched

// The RCU callback task's body, and one callback's invocation
// (kernel/rcu/update.cc).
void shim_rcu_callback_task();
void shim_rcu_invoke(const shim::sched::RcuCallback &cb);
// The calling thread's task leaves (kernel/sched/task.cc): what the
// thread's exit would do, done while it is still scheduled.
extern "C" void shim_task_exit(void);
