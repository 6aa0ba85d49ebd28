// SPDX-License-Identifier: GPL-2.0-only
//
// User-space only: starting and ending a schedule (<shim/sched.h>), and
// the sync-point hook that makes every shim_sync_point() a switch point.
#include "run.h"

#include <pthread.h>
#include <time.h>

#include "context.h"
#include "sched.h"

#include <linux/sched.h>
#include <linux/vmstat.h>
#include <shim/sync.h>


namespace shim::sched {

Run::Run(const shim_sched_params &p)
	: path(p), sched(p, rcu.bias(record_choices(make_strategy(p), path), p),
			 path)
{
}

namespace {

std::unique_ptr<Run> g_run;
pid_t saved_main_pid;

uint64_t monotonic_ns()
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return static_cast<uint64_t>(ts.tv_sec) * 1000000000ULL + ts.tv_nsec;
}

void sync_hook(enum shim_sync_op op, const volatile void *addr)
{
	Task *t = running_task();
	if (!t || in_sched())
		return;
	Enter enter;
	g_run->memory_model.access(*t, op, addr);
	g_run->sched.on_sync(t, op, addr);
}

// The test's own thread becomes task 0.
void adopt_main(Task *main, struct task_struct *ts)
{
	main->started = true;
	main->fiber = std::make_unique<Fiber>();
	main->ts = ts;
	saved_main_pid = ts->pid;
	ts->pid = main->virtual_pid();
	set_running_task(main);
}

} // namespace

Run &current_run()
{
	return *g_run;
}

} // namespace shim::sched

using namespace shim::sched;

extern "C" {

bool shim_sched_start(const struct shim_sched_params *params)
{
	// Without the hook no sync point would ever switch.
	if (!IS_ENABLED(CONFIG_SHIM_SYNC_HOOK))
		return false;
	struct task_struct *ts = current;
	// The per-CPU state the tasks share (the thread's VM event counters)
	// exists before they run: set up by one task, TSan would see its
	// initialization race with the others' counting.
	if (!__atomic_load_n(&vm_event_this, __ATOMIC_RELAXED))
		vm_event_register_thread();
	{
		Enter enter;
		g_run = std::make_unique<Run>(*params);
		adopt_main(g_run->sched.add_task(), ts);
		g_run->rcu.start(g_run->sched);
	}
	shim_sync_hook_t hook = sync_hook;
	__atomic_store_n(&shim_sync_hook, hook, __ATOMIC_RELAXED);
	return true;
}

void shim_sched_stop(struct shim_sched_result *result)
{
	if (!running_task())
		return;
	{
		Enter enter;
		Task *main = running_task();
		g_run->sched.wait_for_others(main);
		g_run->rcu.drain(main);
		__atomic_store_n(&shim_sync_hook, nullptr, __ATOMIC_RELAXED);
		set_running_task(nullptr);
		main->ts->pid = saved_main_pid;
		if (result)
			g_run->sched.fill(result);
	}
	// The RCU task's fiber was freed when it left (Handoff).
	g_run->rcu.invoke_leftovers();
	Enter enter;
	g_run.reset();
}

bool shim_sched_active(void)
{
	return running_task() != nullptr;
}

void shim_sched_set_max_steps(uint64_t max_steps)
{
	if (!running_task())
		return;
	Enter enter;
	g_run->sched.set_max_steps(max_steps);
}

uint64_t shim_sched_clock_ns(void)
{
	if (!running_task())
		return monotonic_ns();
	Enter enter;
	return g_run->sched.now();
}

} // extern "C"
