// SPDX-License-Identifier: GPL-2.0-only
//
// User-space only: the calling thread's place in the schedule, and the
// guard every entry into the runtime's scheduler code runs under.
#pragma once

#include "task.h"

#ifdef CONFIG_SHIM_TSAN
// TSan ignores the calling thread's memory accesses in between (without
// recording a stack per call, unlike the Annotate* forms).
extern "C" void __tsan_ignore_thread_begin(void);
extern "C" void __tsan_ignore_thread_end(void);
#endif

namespace shim::sched {

// The task the calling thread runs, while it is one.
extern thread_local Task *tls_task;
// Inside scheduler code: sync points there are not switch points.
extern thread_local int tls_in_sched;

// Both are per task (task_locals.h), but TSan sees one address shared by
// every task on the thread: accessed as relaxed atomics, which race with
// nothing and order nothing.
inline Task *running_task()
{
	return __atomic_load_n(&tls_task, __ATOMIC_RELAXED);
}
inline void set_running_task(Task *t)
{
	__atomic_store_n(&tls_task, t, __ATOMIC_RELAXED);
}
inline int in_sched()
{
	return __atomic_load_n(&tls_in_sched, __ATOMIC_RELAXED);
}
inline void set_in_sched(int depth)
{
	__atomic_store_n(&tls_in_sched, depth, __ATOMIC_RELAXED);
}

// Scheduler code runs inside one of these: not a switch point itself,
// and invisible to TSan. Its memory accesses are ignored; it performs no
// synchronization TSan models (a switch is told to TSan as one without
// synchronization, and TSan ignores fences), so none can leak into the
// program's.
class Enter {
public:
	Enter()
	{
		set_in_sched(in_sched() + 1);
#ifdef CONFIG_SHIM_TSAN
		__tsan_ignore_thread_begin();
#endif
	}
	~Enter()
	{
#ifdef CONFIG_SHIM_TSAN
		__tsan_ignore_thread_end();
#endif
		set_in_sched(in_sched() - 1);
	}
	// The calling task ends inside an Enter, which never closes: TSan
	// must not see its fiber end ignoring.
	static void abandon()
	{
#ifdef CONFIG_SHIM_TSAN
		__tsan_ignore_thread_end();
#endif
	}
	Enter(const Enter &) = delete;
	Enter &operator=(const Enter &) = delete;
};

} // namespace shim::sched
