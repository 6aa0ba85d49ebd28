// SPDX-License-Identifier: GPL-2.0-only
//
// The task model: a struct task_struct per thread, created on first use
// of `current` and released (after a grace period, since wakers find
// tasks under RCU) when the thread exits. A task that schedule()s while
// not TASK_RUNNING sleeps on a futex on its __state until a waker (or a
// signal its state allows) sets it back to TASK_RUNNING.
//
// The runtime includes system headers before kernel ones: the kernel's
// macros (barrier(), __malloc, ...) must not reach libc or libstdc++.
#include <pthread.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <ctime>

#include <linux/futex.h>
#include <linux/lockdep.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <shim/sched.h>

#include "all_asleep.h"
#include "sched.h"

extern "C" {
__thread struct task_struct *__shim_current;
}

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

void free_task_rcu(struct rcu_head *head)
{
	std::free(container_of(head, struct task_struct, rcu));
}

// Holds the thread's own reference to its task until the thread exits
// (or, under the deterministic scheduler, until it leaves the schedule).
struct TaskOwner {
	struct task_struct *task = nullptr;

	void release()
	{
		if (!task)
			return;
		debug_check_no_locks_held();
		__atomic_store_n(&task->__state, TASK_DEAD, __ATOMIC_RELEASE);
		__shim_current = nullptr;
		// Under the scheduler the RCU callback task may free it
		// before this task leaves the schedule.
		if (shim::sched::current_is_task())
			shim::sched::forget_task_struct();
		put_task_struct(task);
		task = nullptr;
	}
	~TaskOwner() { release(); }
};

thread_local TaskOwner task_owner;

} // namespace

extern "C" {

void shim_task_exit(void)
{
	task_owner.release();
}

struct task_struct *__shim_current_slow(void)
{
	auto *t = static_cast<struct task_struct *>(
		std::calloc(1, sizeof(struct task_struct)));
	if (!t)
		std::abort();
	t->__state = TASK_RUNNING;
	t->pid = static_cast<pid_t>(syscall(SYS_gettid));
	t->tgid = getpid();
	pthread_getname_np(pthread_self(), t->comm, sizeof(t->comm));
	refcount_set(&t->usage, 1);
	__shim_current = t;
	task_owner.task = t;
	return t;
}

struct task_struct *get_task_struct(struct task_struct *t)
{
	refcount_inc(&t->usage);
	return t;
}

void put_task_struct(struct task_struct *t)
{
	if (refcount_dec_and_test(&t->usage))
		call_rcu(&t->rcu, free_task_rcu);
}

void set_task_comm(struct task_struct *tsk, const char *name)
{
	std::strncpy(tsk->comm, name, TASK_COMM_LEN - 1);
	tsk->comm[TASK_COMM_LEN - 1] = '\0';
	if (tsk == current)
		pthread_setname_np(pthread_self(), tsk->comm);
}

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

void schedule(void)
{
	if (shim::sched::current_is_task()) {
		shim_sync_point(SHIM_SYNC_SLEEP, current);
		shim::sched::sleep(current, 0);
		return;
	}
	schedule_until(nullptr);
}

// Under the scheduler: a sleep of @timeout_ns virtual nanoseconds; returns
// the jiffies left.
static long sched_schedule_timeout(uint64_t timeout_ns)
{
	shim_sync_point(SHIM_SYNC_SLEEP, current);
	uint64_t deadline = shim::sched::now_ns() + timeout_ns;
	shim::sched::sleep(current, deadline);
	uint64_t now = shim::sched::now_ns();
	return now < deadline ? static_cast<long>((deadline - now) / 1000000) : 0;
}

// Jiffies are milliseconds here (HZ=1000).
long schedule_timeout(long timeout)
{
	if (timeout == MAX_SCHEDULE_TIMEOUT) {
		schedule();
		return MAX_SCHEDULE_TIMEOUT;
	}
	if (shim::sched::current_is_task())
		return sched_schedule_timeout(static_cast<uint64_t>(timeout) *
					      1000000ULL);
	struct timespec deadline;
	clock_gettime(CLOCK_MONOTONIC, &deadline);
	deadline.tv_sec += timeout / 1000;
	deadline.tv_nsec += (timeout % 1000) * 1000000L;
	if (deadline.tv_nsec >= 1000000000L) {
		deadline.tv_sec++;
		deadline.tv_nsec -= 1000000000L;
	}
	return schedule_until(&deadline);
}

long schedule_timeout_uninterruptible(long timeout)
{
	__set_current_state(TASK_UNINTERRUPTIBLE);
	return schedule_timeout(timeout);
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

void msleep(unsigned int msecs)
{
	schedule_timeout_uninterruptible(msecs);
}

void usleep_range(unsigned long min, unsigned long max)
{
	(void)max;
	if (shim::sched::current_is_task()) {
		__set_current_state(TASK_UNINTERRUPTIBLE);
		sched_schedule_timeout(static_cast<uint64_t>(min) * 1000ULL);
		return;
	}
	struct timespec ts = { static_cast<time_t>(min / 1000000),
			       static_cast<long>(min % 1000000) * 1000 };
	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

int send_sig(int sig, struct task_struct *p, int priv)
{
	(void)priv;
	if (sig <= 0 || sig > 64)
		return -EINVAL;
	__atomic_fetch_or(&p->pending_signals, 1UL << (sig - 1),
			  __ATOMIC_SEQ_CST);
	wake_up_state(p, sig == SIGKILL ? TASK_INTERRUPTIBLE | TASK_WAKEKILL
					: TASK_INTERRUPTIBLE);
	return 0;
}

void flush_signals(struct task_struct *p)
{
	__atomic_store_n(&p->pending_signals, 0UL, __ATOMIC_RELAXED);
}

} // extern "C"
