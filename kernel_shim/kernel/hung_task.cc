// SPDX-License-Identifier: GPL-2.0-only
//
// User-space only: the deterministic scheduler's reports, in the shape of
// the kernel's hung-task detector (kernel/hung_task.c: "INFO: task ...
// blocked", each task's state and stack, debug_show_all_locks()) and of
// its soft-lockup watchdog ("BUG: soft lockup"), for a run that no task
// can continue and for one that exceeds the step bound.
#include <unistd.h>

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <linux/lockdep.h>
#include <linux/sched.h>
#include <shim/sched.h>

#include "printk/report.h"
#include "../runtime/sched/scheduler.h"
#include "../runtime/hang/task_dump.h"

namespace shim::sched {
namespace {

std::string task_name(const Task *t)
{
	if (t->daemon)
		return "rcu_callbacks";
	if (!t->ts)
		return "task" + std::to_string(t->id);
	return t->ts->comm;
}

int task_pid(const Task *t)
{
	return t->ts ? t->ts->pid : t->virtual_pid();
}

// The kernel's one-letter task states, as sched_show_task() prints them.
char task_state(const Task *t)
{
	if (!t->started || !t->waiter)
		return 'R';
	return t->waiter->state_letter();
}

std::string show_task(const Task *t)
{
	TaskDump d;
	d.name = task_name(t);
	d.pid = task_pid(t);
	d.state = task_state(t);
	appendf(d.detail, "steps:%-8" PRIu64 " waiting on: %s", t->steps,
		t->waiting_on());
	d.stack = t->stack;
	return shim::sched::show_task(d);
}

std::string show_all_locks(const std::vector<Task *> &tasks)
{
	std::vector<struct task_struct *> live;
	for (const Task *t : tasks)
		if (!t->exited)
			live.push_back(t->ts);
	return shim::sched::show_all_locks(live);
}

bool blocked(const Task *t)
{
	return t->blocked();
}

[[noreturn]] void finish(const std::string &text)
{
	emit(text);
	std::fflush(nullptr);
	_exit(1);
}

} // namespace

void report_hung(const std::vector<Task *> &tasks, uint64_t step)
{
	std::string s;
	for (const Task *t : tasks)
		if (blocked(t))
			appendf(s, "INFO: task %s:%d blocked with no task left to wake it (step %" PRIu64 ").\n",
				task_name(t).c_str(), task_pid(t), step);
	s += "      Not tainted 6.x-vmalock #1\n"
	     "Every task is blocked: a deadlock or a lost wake-up.\n";
	for (const Task *t : tasks)
		if (blocked(t))
			s += show_task(t);
	s += show_all_locks(tasks);
	finish(s);
}

void report_soft_lockup(const std::vector<Task *> &tasks, uint64_t step,
			uint64_t bound, bool livelock)
{
	// A task is stuck if it made no progress in the quiet window: the
	// livelock window, or the second half of a run that hit the bound.
	uint64_t window = livelock ? SHIM_SCHED_LIVELOCK_STEPS : bound;
	uint64_t quiet_since = livelock ? step - window : step / 2;
	auto live = [](const Task *t) {
		return !t->exited && !t->daemon;
	};
	auto stuck = [&](const Task *t) {
		return live(t) && t->last_progress < quiet_since;
	};
	auto first = std::find_if(tasks.begin(), tasks.end(), stuck);
	if (first == tasks.end())
		first = std::find_if(tasks.begin(), tasks.end(), live);
	const Task *named = first == tasks.end() ? nullptr : *first;
	std::string s;
	appendf(s, "BUG: soft lockup - no progress in %" PRIu64 " steps! [%s:%d]\n",
		window, named ? task_name(named).c_str() : "?",
		named ? task_pid(named) : 0);
	if (livelock)
		s += "No task changed shared state in that window and none sleeps "
		     "until a deadline:\n"
		     "a livelock (every task spins on, or waits for, a "
		     "condition nothing will make true).\n"
		     "Tasks, and the step of their last state change:\n";
	else
		s += "The step bound was reached: a livelock, or a task starved by others.\n"
		     "Tasks that made no progress in the second half of the run:\n";
	for (const Task *t : tasks)
		if (stuck(t))
			appendf(s, "  %s:%d (%s, last progress at step %" PRIu64 ")\n",
				task_name(t).c_str(), task_pid(t),
				t->spinning ? "spinning" : t->waiting_on(),
				t->last_progress);
	for (const Task *t : tasks)
		if (live(t))
			s += show_task(t);
	s += show_all_locks(tasks);
	finish(s);
}

} // namespace shim::sched
