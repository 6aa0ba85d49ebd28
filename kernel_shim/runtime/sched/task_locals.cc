// SPDX-License-Identifier: GPL-2.0-only
//
// User-space only: a task's thread-local state (task_locals.h).
#include "task_locals.h"

#include "../tsan/fences.h"
#include "context.h"

#include <linux/sched.h>
#include <shim/tsan.h>

namespace shim::sched {

void TaskLocals::save()
{
	task = __atomic_load_n(&__shim_current, __ATOMIC_RELAXED);
	in_sched = shim::sched::in_sched();
#ifdef CONFIG_SHIM_TSAN
	tsan_lock_op_depth =
		__atomic_load_n(&shim_tsan_lock_op_depth, __ATOMIC_RELAXED);
#endif
	tsan_fences = shim_tsan_fences_save();
}

void TaskLocals::restore() const
{
	__atomic_store_n(&__shim_current, task, __ATOMIC_RELAXED);
	set_in_sched(in_sched);
#ifdef CONFIG_SHIM_TSAN
	__atomic_store_n(&shim_tsan_lock_op_depth, tsan_lock_op_depth,
			 __ATOMIC_RELAXED);
#endif
	shim_tsan_fences_restore(tsan_fences);
}

} // namespace shim::sched
