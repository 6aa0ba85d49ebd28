// SPDX-License-Identifier: GPL-2.0-only
//
// User-space only: what the shim's kernel side (schedule(), the task
// model, RCU) and the pthread wrappers ask of the deterministic
// scheduler. Each call is valid only from a thread that is a task under
// the scheduler (current_is_task()); otherwise the caller keeps its
// free-running path.
#pragma once

#include <cstddef>
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
// @t will run @entry(@arg), on a stack of @stack_size bytes (0: the
// default), when it is first picked. Returns the pthread_t it goes by.
unsigned long start_task(Task *t, void (*entry)(void *), void *arg,
			 size_t stack_size);
// The first thing a task's entry does.
void attach(Task *t);
// The calling task leaves the schedule; its start routine returned
// @retval.
[[noreturn]] void exit_current(void *retval);
// Task 0 leaves, for the thread that ran it (shim_sched_run()), which is
// no task: the schedule is over.
[[noreturn]] void leave_to(Task *caller);
// The task's struct may be freed from here on (its last put follows).
void forget_task_struct();
void join(Task *t);
// After join(): *@retval is what @t returned, and the caller acquires
// what @t did, as a join.
void join_exited(Task *t, void **retval);
Task *find(unsigned long pthread_id);

} // namespace shim::sched

// The calling thread's task leaves (kernel/fork.cc): what the thread's
// exit would do, done while it is still scheduled.
extern "C" void shim_task_exit(void);
