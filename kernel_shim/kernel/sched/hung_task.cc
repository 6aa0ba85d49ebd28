// SPDX-License-Identifier: GPL-2.0-only
//
// User-space only: the deterministic scheduler's reports, in the shape of
// the kernel's hung-task detector (kernel/hung_task.c: "INFO: task ...
// blocked", each task's state and stack, debug_show_all_locks()) and of
// its soft-lockup watchdog ("BUG: soft lockup"), for a run that no task
// can continue and for one that exceeds the step bound.
#include <unistd.h>

#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <linux/lockdep.h>
#include <linux/sched.h>

#include "../locking/lockdep_report.h"
#include "../printk/report.h"
#include "core.h"

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
	return t->ts ? t->ts->pid : static_cast<int>(1000 + t->id);
}

// The kernel's one-letter task states, as sched_show_task() prints them.
char state_letter(const Task *t)
{
	if (t->wait == Wait::none || t->wait == Wait::not_started)
		return 'R';
	if (t->wait == Wait::sleep && t->ts) {
		unsigned int st = __atomic_load_n(&t->ts->__state,
						  __ATOMIC_RELAXED);
		if (st & TASK_INTERRUPTIBLE)
			return 'S';
	}
	return 'D';
}

bool is_scheduler_frame(const std::string &sym)
{
	return sym.find("kernel/sched/core.cc") != std::string::npos ||
	       sym.find("shim::sched::") != std::string::npos ||
	       sym.find("sync_hook") != std::string::npos;
}

// The task's stack from the first frame outside the scheduler.
std::string call_trace(const Task *t)
{
	std::string s = "Call Trace:\n <TASK>\n";
	bool inside = true;
	for (size_t i = 1; i < t->stack.size(); i++) {
		std::string sym =
			symbolize(static_cast<char *>(t->stack[i]) - 1);
		if (inside && is_scheduler_frame(sym))
			continue;
		inside = false;
		s += sym + "\n";
	}
	return s + " </TASK>\n";
}

std::string show_task(const Task *t)
{
	std::string s;
	appendf(s, "task:%-15.15s state:%c pid:%-5d steps:%-8" PRIu64
		   " waiting on: %s\n",
		task_name(t).c_str(), state_letter(t), task_pid(t), t->steps,
		wait_name(t->wait));
	return s + call_trace(t);
}

// lockdep's "Showing all locks held in the system:".
std::string show_all_locks(const std::vector<Task *> &tasks)
{
	std::string s = "\nShowing all locks held in the system:\n";
	for (const Task *t : tasks)
		if (t->wait != Wait::exited && t->ts &&
		    t->ts->lockdep_depth)
			s += lockdep::held_locks(t->ts);
	return s + "\n=============================================\n\n";
}

bool blocked(const Task *t)
{
	return t->wait != Wait::exited && t->wait != Wait::none &&
	       t->wait != Wait::not_started && t->wait != Wait::rcu_idle;
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
			uint64_t bound)
{
	std::string s;
	const Task *first = nullptr;
	for (const Task *t : tasks)
		if (t->wait != Wait::exited && !t->daemon &&
		    t->last_progress < step / 2 && !first)
			first = t;
	if (!first)
		for (const Task *t : tasks)
			if (t->wait != Wait::exited && !t->daemon && !first)
				first = t;
	appendf(s, "BUG: soft lockup - no progress in %" PRIu64 " steps! [%s:%d]\n",
		bound, first ? task_name(first).c_str() : "?",
		first ? task_pid(first) : 0);
	s += "The step bound was reached: a livelock, or a task starved by others.\n"
	     "Tasks that made no progress in the second half of the run:\n";
	for (const Task *t : tasks)
		if (t->wait != Wait::exited && !t->daemon &&
		    t->last_progress < step / 2)
			appendf(s, "  %s:%d (%s, last progress at step %" PRIu64 ")\n",
				task_name(t).c_str(), task_pid(t),
				t->spinning ? "spinning" : wait_name(t->wait),
				t->last_progress);
	for (const Task *t : tasks)
		if (t->wait != Wait::exited && !t->daemon)
			s += show_task(t);
	s += show_all_locks(tasks);
	finish(s);
}

} // namespace shim::sched
