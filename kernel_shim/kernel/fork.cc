// SPDX-License-Identifier: GPL-2.0-only
//
// The task model, as kernel/fork.c keeps it: a struct task_struct per
// thread (under the deterministic scheduler: per task, each a fiber that
// brings its own `current`, runtime/sched/task_locals.h), created on first
// use of `current` and released (after a grace period, since wakers find
// tasks under RCU) when the thread exits or the task leaves.
//
// The runtime includes system headers before kernel ones: the kernel's
// macros (barrier(), __malloc, ...) must not reach libc or libstdc++.
#include <pthread.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

#include <linux/lockdep.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <shim/sched.h>

#include "../runtime/sched/sched.h"

extern "C" {
__thread struct task_struct *__shim_current;
}

namespace {

// Relaxed, as get_current() reads it (<linux/sched.h>).
struct task_struct *get_current_or_null()
{
	return __atomic_load_n(&__shim_current, __ATOMIC_RELAXED);
}

void set_current(struct task_struct *t)
{
	__atomic_store_n(&__shim_current, t, __ATOMIC_RELAXED);
}

void free_task_rcu(struct rcu_head *head)
{
	std::free(container_of(head, struct task_struct, rcu));
}

// Drops the task's own reference to its struct: `current` is gone.
void release_current()
{
	struct task_struct *task = get_current_or_null();

	if (!task)
		return;
	debug_check_no_locks_held();
	__atomic_store_n(&task->__state, TASK_DEAD, __ATOMIC_RELEASE);
	set_current(nullptr);
	// Under the scheduler the RCU callback task may free it before
	// this task leaves the schedule.
	if (shim::sched::current_is_task())
		shim::sched::forget_task_struct();
	put_task_struct(task);
}

// Releases the thread's `current` when the thread exits.
struct ThreadExit {
	bool armed = false;
	~ThreadExit()
	{
		if (armed)
			release_current();
	}
};

thread_local ThreadExit thread_exit;

} // namespace

extern "C" {

void shim_task_exit(void)
{
	release_current();
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
	set_current(t);
	// A task of the scheduler releases it when it leaves (a fiber's
	// end is no thread's exit); a thread when it exits.
	if (!shim_sched_active())
		thread_exit.armed = true;
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
	// Under the scheduler the thread runs every task: its name stays.
	if (tsk == current && !shim_sched_active())
		pthread_setname_np(pthread_self(), tsk->comm);
}

} // extern "C"
