// SPDX-License-Identifier: GPL-2.0-only
//
// User-space only: what the shim's kernel side (schedule(), the task
// model, RCU) and the pthread wrappers ask of the deterministic
// scheduler. Each call is valid only from a thread that is a task under
// the scheduler (current_is_task()); otherwise the caller keeps its
// free-running path.
#pragma once

#include <cstdint>

struct task_struct;

namespace shim::sched {

struct Task;

bool current_is_task();

// schedule() with @deadline_ns of virtual time (0: none). Returns when the
// task is TASK_RUNNING again, a signal its state allows is pending, or
// the deadline passed (the state is then set to TASK_RUNNING).
void sleep(struct task_struct *t, uint64_t deadline_ns);
uint64_t now_ns();

// pthread_create()/pthread_join() of a task.
Task *spawn();
void attach(Task *t);
void attach_failed(Task *t);
void exit_current();
// The task's struct may be freed from here on (its last put follows).
void forget_task_struct();
void join(Task *t);
// After join(): the scheduler joined @t's thread when @t left; *@retval
// is what it returned, and the caller acquires what @t did, as a join.
void join_exited(Task *t, void **retval);
// pthread_create(): until the new task's thread waits for its first turn.
void wait_parked(Task *t);
Task *find(unsigned long pthread_id);
void set_pthread(Task *t, unsigned long pthread_id);

} // namespace shim::sched

// The calling thread's task leaves (kernel/fork.cc): what the thread's
// exit would do, done while it is still scheduled.
extern "C" void shim_task_exit(void);
