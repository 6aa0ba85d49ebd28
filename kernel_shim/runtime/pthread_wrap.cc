// SPDX-License-Identifier: GPL-2.0-only
//
// User-space only: threads a test starts with plain pthread_create(), as
// ported kselftest code does, become tasks of the deterministic scheduler.
// Programs that use the shim are linked with --wrap for pthread_create,
// pthread_join, pthread_exit and sched_yield (kernel_shim/meson.build);
// outside a schedule each wrapper is the plain call. Under the scheduler
// a task is a fiber on the test's thread (runtime/sched/fiber.h), and its
// pthread_t a name only these wrappers know.
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

[[noreturn]] void leave_schedule(void *retval)
{
	if (shim_lkmm_on())
		shim_lkmm_event(SHIM_LKMM_EXITING, nullptr);
	shim_task_exit();
	shim_sync_point(SHIM_SYNC_TASK, nullptr);
	shim::sched::exit_current(retval);
}

// Free-running: the thread counts for the all-asleep hang check.
void *counted_main(void *p)
{
	std::unique_ptr<Start> s(static_cast<Start *>(p));
	shim::sched::all_asleep::thread_started();
	return s->fn(s->arg);
}

// A fiber's entry: it never returns, so nothing may be left to destroy.
void task_main(void *p)
{
	const Start s = *std::unique_ptr<Start>(static_cast<Start *>(p));
	shim::sched::attach(s.task);
	leave_schedule(s.fn(s.arg));
}

size_t stack_size(const pthread_attr_t *attr)
{
	size_t size = 0;
	if (attr)
		pthread_attr_getstacksize(attr, &size);
	return size;
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
	shim::sched::Task *task = shim::sched::spawn();
	auto start = std::make_unique<Start>(Start{ fn, arg, task });
	*thread = static_cast<pthread_t>(shim::sched::start_task(
		task, task_main, start.release(), stack_size(attr)));
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
		leave_schedule(retval);
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
