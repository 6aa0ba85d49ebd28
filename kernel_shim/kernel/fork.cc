// SPDX-License-Identifier: GPL-2.0-only
//
// The task model, as kernel/fork.c keeps it: a struct task_struct per
// thread, created on first use of `current` and released (after a grace
// period, since wakers find tasks under RCU) when the thread exits.
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

#include "../runtime/sched/sched.h"

extern "C" {
__thread struct task_struct *__shim_current;
}

namespace {

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

} // extern "C"
