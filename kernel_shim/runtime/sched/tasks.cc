// SPDX-License-Identifier: GPL-2.0-only
//
// User-space only: what a task asks of the scheduler (sched.h): to sleep,
// to start, join and leave tasks. Each wait is a Waiter of its own.
#include <signal.h>

// The runtime's own headers (and the C++ library) before the kernel's:
// the kernel's macros must not reach libstdc++.
#include "../hang/task_dump.h"
#include "../tsan/fences.h"
#include "context.h"
#include "run.h"
#include "sched.h"

#include <linux/sched.h>
#include <shim/tsan.h>

namespace shim::sched {

thread_local Task *tls_task;
thread_local int tls_in_sched;

namespace {

// signal_pending_state() without its READ_ONCE()s: the scheduler must not
// make marked accesses, which would enter the calling thread's fence
// bookkeeping (<shim/sync.h>) and push out the loads an acquire fence of
// the program is about to order.
bool signal_wakes(unsigned int state, const struct task_struct *ts)
{
	unsigned long pending = __atomic_load_n(&ts->pending_signals,
						__ATOMIC_RELAXED);

	if (!(state & (TASK_INTERRUPTIBLE | TASK_WAKEKILL)) || !pending)
		return false;
	return (state & TASK_INTERRUPTIBLE) ||
	       (pending & (1UL << (SIGKILL - 1)));
}

unsigned int task_state(const struct task_struct *ts)
{
	return __atomic_load_n(&ts->__state, __ATOMIC_RELAXED);
}

// schedule(): until TASK_RUNNING, a signal or the deadline.
class Sleep final : public Waiter {
public:
	Sleep(const struct task_struct *ts, uint64_t deadline_ns)
		: ts_(ts), deadline_ns_(deadline_ns)
	{
	}
	bool ready() const override
	{
		unsigned int st = task_state(ts_);
		if (st == TASK_RUNNING || signal_wakes(st, ts_))
			return true;
		return deadline_ns_ && current_run().sched.now() >= deadline_ns_;
	}
	const char *what() const override { return "schedule()"; }
	uint64_t deadline_ns() const override { return deadline_ns_; }
	char state_letter() const override
	{
		return shim::sched::state_letter(task_state(ts_)) == 'S' ? 'S'
								 : 'D';
	}

private:
	const struct task_struct *ts_;
	const uint64_t deadline_ns_;
};

// pthread_join() on a task still running.
class Join final : public Waiter {
public:
	explicit Join(const Task *target) : target_(target) {}
	bool ready() const override { return target_->exited; }
	const char *what() const override { return "pthread_join()"; }

private:
	const Task *target_;
};

} // namespace

bool current_is_task()
{
	return running_task() != nullptr && !in_sched();
}

uint64_t now_ns()
{
	return current_run().sched.now();
}

void sleep(struct task_struct *ts, uint64_t deadline_ns)
{
	Enter enter;
	current_run().sched.wait_until(running_task(), Sleep(ts, deadline_ns));
	// Woken by a signal or the deadline: running again all the same.
	if (task_state(ts) != TASK_RUNNING)
		__atomic_store_n(&ts->__state, TASK_RUNNING, __ATOMIC_RELAXED);
}

Task *spawn()
{
	Enter enter;
	return current_run().sched.add_task();
}

Task *find(unsigned long pthread_id)
{
	Enter enter;
	return current_run().sched.find(pthread_id);
}

unsigned long start_task(Task *t, void (*entry)(void *), void *arg,
			 size_t stack_size)
{
	Enter enter;
	t->fiber = std::make_unique<Fiber>(
		entry, arg, stack_size ? stack_size : Fiber::kDefaultStack);
	return t->pthread_id();
}

void attach(Task *t)
{
	{
		Enter enter;
		current_run().sched.handoff().resumed(t);
		t->started = true;
	}
	struct task_struct *ts = current;
	Enter enter;
	t->ts = ts;
	ts->pid = t->virtual_pid();
}

void forget_task_struct()
{
	Enter enter;
	running_task()->ts = nullptr;
}

// What pthread_join() acquires (join_exited()), and the fence state the
// task leaves behind.
static void release_at_exit(Task *self)
{
	shim_tsan_release(self);
	shim_tsan_fences_exit();
}

void exit_current(void *retval)
{
	Task *self = running_task();
	release_at_exit(self);
	Enter enter;
	Scheduler &s = current_run().sched;
	self->retval = retval;
	s.handoff().hand_over(s.retire_and_pick(self), self);
}

void leave_to(Task *caller)
{
	Task *self = running_task();
	release_at_exit(self);
	Enter enter;
	current_run().sched.retire(self);
	current_run().sched.handoff().hand_over(caller, self);
}

void join_exited(Task *t, void **retval)
{
	{
		Enter enter;
		if (retval)
			*retval = t->retval;
		current_run().memory_model->joined(*running_task(), *t);
	}
	shim_tsan_acquire(t);
}

void join(Task *target)
{
	Enter enter;
	current_run().sched.wait_until(running_task(), Join(target));
}

} // namespace shim::sched
