// SPDX-License-Identifier: GPL-2.0-only
//
// User-space only: running a test under the scheduler (<shim/sched.h>),
// and the sync-point hook that makes every shim_sync_point() a switch
// point.
#include "run.h"

#include <time.h>

#include "context.h"
#include "sched.h"

#include <linux/sched.h>
#include <linux/vmstat.h>
#include <shim/sync.h>
#include <shim/tsan.h>


namespace shim::sched {

Run::Run(const shim_sched_params &p)
	: path(p), sched(p, rcu.bias(record_choices(make_strategy(p), path), p),
			 path)
{
	lkmm = p.memory_model == SHIM_MM_LKMM;
	if (lkmm)
		memory_model = std::make_unique<Lkmm>(sched, p.trace);
	else
		memory_model = std::make_unique<SequentialConsistency>();
	sched.set_memory_model(memory_model.get());
}

namespace {

std::unique_ptr<Run> g_run;

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
	g_run->memory_model->access(*t, op, addr);
	g_run->sched.on_sync(t, op, addr);
}

void set_hook(shim_sync_hook_t hook)
{
	__atomic_store_n(&shim_sync_hook, hook, __ATOMIC_RELAXED);
}

// The marked accesses' calls into the memory model (<shim/lkmm.h>).
void set_lkmm(bool on)
{
	__atomic_store_n(&shim_lkmm_enabled, on, __ATOMIC_RELAXED);
}

// The running task, if a model call from it must reach the model (not
// from scheduler code, nor from a thread that is no task).
Task *model_caller()
{
	Task *t = running_task();
	return t && !in_sched() ? t : nullptr;
}

// @call(task, model) for a model call that must reach the model.
template <typename Call> void to_model(Call call)
{
	if (Task *t = model_caller()) {
		Enter enter;
		call(*t, *g_run->memory_model);
	}
}

// What shim_sched_run() hands task 0.
struct Test {
	void (*fn)(void *);
	void *arg;
	shim_sched_result *result;
	Task *caller;	// the calling thread: it switches, but is no task
	Task *task0;
};

// Task 0: the test, then the end of the schedule, then back to the
// caller. A fiber of its own, not the calling thread: what TSan does
// depends on the history of the thread state it runs on (which shadow
// cell a new access replaces follows the position in that state's
// trace), and the calling thread's history is the harness's, which
// differs from run to run (a pid's length, a path, the time).
void task0_main(void *p)
{
	auto *t = static_cast<Test *>(p);
	// Its task_struct is made before the first step, as a thread's
	// that exists before its test runs.
	attach(t->task0);
	set_hook(sync_hook);
	set_lkmm(g_run->lkmm);
	t->fn(t->arg);
	{
		Enter enter;
		g_run->sched.wait_for_others(t->task0);
		g_run->rcu.drain(t->task0);
		set_lkmm(false);
		set_hook(nullptr);
		if (t->result)
			g_run->sched.fill(t->result);
	}
	// After the schedule: the free of its struct (after a grace
	// period) is one of the callbacks left over for the caller.
	shim_task_exit();
	leave_to(t->caller);
}

} // namespace

Run &current_run()
{
	return *g_run;
}

} // namespace shim::sched

using namespace shim::sched;

extern "C" {

bool shim_sched_run(const struct shim_sched_params *params,
		    void (*fn)(void *arg), void *arg,
		    struct shim_sched_result *result)
{
	// Without the hook no sync point would ever switch.
	if (!IS_ENABLED(CONFIG_SHIM_SYNC_HOOK))
		return false;
	// The per-CPU state the tasks share (the thread's VM event counters)
	// exists before they run: set up by one task, TSan would see its
	// initialization race with the others' counting.
	if (!__atomic_load_n(&vm_event_this, __ATOMIC_RELAXED))
		vm_event_register_thread();
	Task caller;
	Test test{ fn, arg, result, &caller, nullptr };
	{
		Enter enter;
		caller.fiber = std::make_unique<Fiber>();
		g_run = std::make_unique<Run>(*params);
		test.task0 = g_run->sched.add_task();
		start_task(test.task0, task0_main, &test, 0);
		g_run->rcu.start(g_run->sched);
		g_run->sched.handoff().switch_to(&caller, test.task0);
		set_running_task(nullptr);
	}
	// As a join of task 0 would: the caller goes on after it.
	shim_tsan_acquire(test.task0);
	g_run->rcu.invoke_leftovers();
	Enter enter;
	g_run.reset();
	return true;
}

unsigned long long shim_lkmm_load(const volatile void *p, unsigned int size,
				  unsigned long long mem,
				  enum shim_lkmm_order order, bool pointer)
{
	Task *t = model_caller();
	if (!t) {
		// Memory's value: TSan hears of it as the macros tell it.
		shim_tsan_tell(order == SHIM_LKMM_ACQUIRE
				       ? SHIM_TSAN_LOADED_ACQUIRE
				       : SHIM_TSAN_LOADED,
			       p);
		return mem;
	}
	Enter enter;
	return g_run->memory_model->load(*t, p, size, mem, order, pointer);
}

void shim_lkmm_store(const volatile void *p, unsigned int size,
		     unsigned long long val, enum shim_lkmm_order order)
{
	to_model([&](Task &t, MemoryModel &m) {
		m.store(t, p, size, val, order);
	});
}

void shim_lkmm_rmw(const volatile void *p, unsigned int size,
		   unsigned long long before, unsigned long long after,
		   enum shim_lkmm_order order, bool stored)
{
	to_model([&](Task &t, MemoryModel &m) {
		m.rmw(t, p, size, before, after, order, stored);
	});
}

void shim_lkmm_fence(enum shim_lkmm_fence fence)
{
	to_model([&](Task &t, MemoryModel &m) { m.fence(t, fence); });
}

void shim_lkmm_event(enum shim_lkmm_event event, const volatile void *p)
{
	to_model([&](Task &t, MemoryModel &m) { m.event(t, event, p); });
}

void shim_lkmm_forget(const volatile void *p, unsigned long size)
{
	to_model([&](Task &, MemoryModel &m) { m.forget(p, size); });
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
