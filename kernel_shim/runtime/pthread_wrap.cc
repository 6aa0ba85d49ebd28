// SPDX-License-Identifier: GPL-2.0-only
//
// User-space only: threads a test starts with plain pthread_create(), as
// ported kselftest code does, become tasks of the deterministic scheduler.
// Programs that use the shim are linked with --wrap for pthread_create,
// pthread_join, pthread_exit and sched_yield (kernel_shim/meson.build);
// outside a schedule each wrapper is the plain call.
#include <pthread.h>
#include <sched.h>

#include <memory>

#include <shim/sync.h>

#include "hang/all_asleep.h"
#include "sched/sched.h"

extern "C" {
int __real_pthread_create(pthread_t *, const pthread_attr_t *,
			  void *(*)(void *), void *);
int __real_pthread_join(pthread_t, void **);
[[noreturn]] void __real_pthread_exit(void *);
int __real_sched_yield(void);
}

namespace {

struct Start {
	void *(*fn)(void *);
	void *arg;
	shim::sched::Task *task;
};

void leave_schedule()
{
	shim_task_exit();
	shim_sync_point(SHIM_SYNC_TASK, nullptr);
	shim::sched::exit_current();
}

// Free-running: the thread counts for the all-asleep hang check.
void *counted_main(void *p)
{
	std::unique_ptr<Start> s(static_cast<Start *>(p));
	shim::sched::all_asleep::thread_started();
	return s->fn(s->arg);
}

void *task_main(void *p)
{
	std::unique_ptr<Start> s(static_cast<Start *>(p));
	shim::sched::attach(s->task);
	void *ret = s->fn(s->arg);
	leave_schedule();
	return ret;
}

} // namespace

extern "C" {

int __wrap_pthread_create(pthread_t *thread, const pthread_attr_t *attr,
			  void *(*fn)(void *), void *arg)
{
	if (!shim::sched::current_is_task()) {
		auto start = std::make_unique<Start>(Start{ fn, arg, nullptr });
		shim::sched::all_asleep::thread_reserved();
		int ret = __real_pthread_create(thread, attr, counted_main,
						start.get());
		if (ret) {
			shim::sched::all_asleep::thread_reservation_failed();
			return ret;
		}
		start.release();
		shim_sync_point(SHIM_SYNC_TASK, thread);
		return 0;
	}
	auto start = std::make_unique<Start>(
		Start{ fn, arg, shim::sched::spawn() });
	shim::sched::Task *task = start->task;
	int ret = __real_pthread_create(thread, attr, task_main, start.get());
	if (ret) {
		// The task never runs; it counts as gone at once.
		shim::sched::attach_failed(task);
		return ret;
	}
	start.release();
	shim::sched::set_pthread(task, *thread);
	// Its thread starts (TSan gives it a thread slot) at this point of
	// the schedule, not at some real time later.
	shim::sched::wait_parked(task);
	shim_sync_point(SHIM_SYNC_TASK, thread);
	return 0;
}

int __wrap_pthread_join(pthread_t thread, void **retval)
{
	if (shim::sched::current_is_task()) {
		shim::sched::Task *t = shim::sched::find(thread);
		if (!t)
			return __real_pthread_join(thread, retval);
		shim::sched::join(t);
		shim::sched::join_exited(t, retval);
		return 0;
	}
	shim::sched::all_asleep::join_begin(thread);
	int ret = __real_pthread_join(thread, retval);
	shim::sched::all_asleep::join_end(thread);
	return ret;
}

void __wrap_pthread_exit(void *retval)
{
	if (shim::sched::current_is_task())
		leave_schedule();
	__real_pthread_exit(retval);
}

int __wrap_sched_yield(void)
{
	if (shim::sched::current_is_task()) {
		shim_sync_point(SHIM_SYNC_SPIN, nullptr);
		return 0;
	}
	return __real_sched_yield();
}

} // extern "C"
