/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * User space only: a free-running test in which every task sleeps with
 * nothing left to wake one (no timer, no RCU callback) is hung, and is
 * reported at once in the hung-task shape instead of at its timeout
 * (all_asleep.cc; the report itself is hang_watch.cc's).
 *
 * The tasks counted are the threads a test starts (pthread_create()),
 * and any thread that creates, joins or sleeps in schedule(). Asleep:
 * in schedule() with no timeout until woken, or in pthread_join() on a
 * counted thread until it exits. Built without TSan instrumentation: the
 * bookkeeping must not give TSan a happens-before between the tasks.
 */
#ifndef _SHIM_SCHED_ALL_ASLEEP_H
#define _SHIM_SCHED_ALL_ASLEEP_H

#include <pthread.h>

struct task_struct;

namespace shim::sched::all_asleep {

// Makes the hang known to @trigger_fd (a byte is written to it); without
// a call nothing is tracked.
void watch(int trigger_fd);
// Whether every counted task is asleep now.
bool hung();

// The caller is about to start a thread (counted from now on), and
// whether that failed.
void thread_reserved();
void thread_reservation_failed();
// In the new thread, first thing: it counts as itself from now on.
void thread_started();

void sleep_begin(struct task_struct *t);
void sleep_end(struct task_struct *t);

void join_begin(pthread_t target);
void join_end(pthread_t target);

} // namespace shim::sched::all_asleep

#endif /* _SHIM_SCHED_ALL_ASLEEP_H */
