// SPDX-License-Identifier: GPL-2.0-only
//
// The scheduler's entry points, as kernel/sched/core.c has them: a task
// that schedule()s while not TASK_RUNNING sleeps until a waker (or a
// signal its state allows) sets it back to TASK_RUNNING; free-running on
// a futex on its __state, under the deterministic scheduler as one of its
// waits. And __might_sleep(), as CONFIG_DEBUG_ATOMIC_SLEEP reports it.
//
// The runtime includes system headers before kernel ones: the kernel's
// macros (barrier(), __malloc, ...) must not reach libc or libstdc++.
#include <sched.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <climits>
#include <ctime>
#include <string>

#include <linux/futex.h>
#include <linux/lockdep.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>

#include "../../runtime/hang/all_asleep.h"
#include "../../runtime/sched/sched.h"
#include "../locking/lockdep_report.h"
#include "../printk/report.h"
#include "sched.h"

namespace {

void futex_wait(unsigned int *addr, unsigned int val,
		const struct timespec *timeout)
{
	syscall(SYS_futex, addr, FUTEX_WAIT_PRIVATE, val, timeout, nullptr, 0);
}

void futex_wake_all(unsigned int *addr)
{
	syscall(SYS_futex, addr, FUTEX_WAKE_PRIVATE, INT_MAX, nullptr, nullptr,
		0);
}

// Nanoseconds from now until @deadline (CLOCK_MONOTONIC); <= 0 if past.
long ns_until(const struct timespec *deadline)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (deadline->tv_sec - now.tv_sec) * 1000000000L +
	       (deadline->tv_nsec - now.tv_nsec);
}

} // namespace

extern "C" {

int wake_up_state(struct task_struct *p, unsigned int state)
{
	shim_sync_point(SHIM_SYNC_WAKE, p);
	// Pairs with the barrier in set_current_state(): either the sleeper
	// sees the waker's condition, or the waker sees the sleeper's state.
	smp_mb();
	unsigned int cur = __atomic_load_n(&p->__state, __ATOMIC_RELAXED);
	do {
		if (!(cur & state))
			return 0;
	} while (!__atomic_compare_exchange_n(&p->__state, &cur, TASK_RUNNING,
					      false, __ATOMIC_SEQ_CST,
					      __ATOMIC_RELAXED));
	futex_wake_all(&p->__state);
	return 1;
}

int wake_up_process(struct task_struct *p)
{
	return wake_up_state(p, TASK_NORMAL);
}

static long schedule_until(const struct timespec *deadline)
{
	struct task_struct *t = current;

	shim_sync_point(SHIM_SYNC_SLEEP, t);
	for (;;) {
		unsigned int st = __atomic_load_n(&t->__state, __ATOMIC_ACQUIRE);
		if (st == TASK_RUNNING)
			break;
		if (signal_pending_state(st, t)) {
			__atomic_store_n(&t->__state, TASK_RUNNING,
					 __ATOMIC_RELAXED);
			break;
		}
		if (!deadline) {
			shim::sched::all_asleep::sleep_begin(t);
			futex_wait(&t->__state, st, nullptr);
			shim::sched::all_asleep::sleep_end(t);
			continue;
		}
		long ns = ns_until(deadline);
		if (ns <= 0) {
			__atomic_store_n(&t->__state, TASK_RUNNING,
					 __ATOMIC_RELAXED);
			return 0;
		}
		struct timespec left = { ns / 1000000000L, ns % 1000000000L };
		futex_wait(&t->__state, st, &left);
	}
	if (!deadline)
		return MAX_SCHEDULE_TIMEOUT;
	long ms = ns_until(deadline) / 1000000L;
	return ms > 0 ? ms : 0;
}

long schedule_until_deadline(const struct timespec *deadline)
{
	return schedule_until(deadline);
}

void schedule(void)
{
	if (shim::sched::current_is_task()) {
		shim_sync_point(SHIM_SYNC_SLEEP, current);
		shim::sched::sleep(current, 0);
		return;
	}
	schedule_until(nullptr);
}

void cond_resched(void)
{
	shim_sync_point(SHIM_SYNC_SLEEP, nullptr);
}

void yield(void)
{
	if (shim::sched::current_is_task()) {
		shim_sync_point(SHIM_SYNC_SPIN, nullptr);
		return;
	}
	shim_sync_point(SHIM_SYNC_SLEEP, nullptr);
	sched_yield();
}

void __might_sleep(const char *file, int line)
{
	struct task_struct *t = current;

	shim_sync_point(SHIM_SYNC_SLEEP, nullptr);
	if (!t->preempt_count && !t->rcu_read_lock_nesting)
		return;
	std::string s;
	shim::appendf(s, "BUG: sleeping function called from invalid context at %s:%d\n",
		      file, line);
	shim::appendf(s, "in_atomic(): %d, irqs_disabled(): 0, non_block: 0, pid: %d, name: %s\n",
		      t->preempt_count != 0, t->pid, t->comm);
	shim::appendf(s, "preempt_count: %x, expected: 0\n", t->preempt_count);
	shim::appendf(s, "RCU nest depth: %d, expected: 0\n",
		      t->rcu_read_lock_nesting);
	s += lockdep::held_locks(t);
	s += shim::cpu_line();
	s += shim::call_trace(1);
	shim::emit(s);
}

} // extern "C"
