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

// Scheduler code runs inside one of these: not a switch point itself,
// and invisible to TSan. Its memory accesses are ignored; it performs no
// synchronization TSan models (the baton is relaxed atomics and a futex,
// and TSan ignores fences), so none can leak into the program's.
class Enter {
public:
	Enter()
	{
		tls_in_sched++;
#ifdef CONFIG_SHIM_TSAN
		__tsan_ignore_thread_begin();
#endif
	}
	~Enter()
	{
#ifdef CONFIG_SHIM_TSAN
		__tsan_ignore_thread_end();
#endif
		tls_in_sched--;
	}
	Enter(const Enter &) = delete;
	Enter &operator=(const Enter &) = delete;
};

} // namespace shim::sched
