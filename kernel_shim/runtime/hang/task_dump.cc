// SPDX-License-Identifier: GPL-2.0-only
//
// User-space only: a task and the locks held, as hang reports show them.
#include "task_dump.h"

#include <linux/lockdep.h>
#include <linux/sched.h>

#include "../../kernel/locking/lockdep_report.h"
#include "../../kernel/printk/report.h"

namespace shim::sched {
namespace {

// Frames of the machinery that took the stack, not of the task: the
// scheduler's hand-off, or the signal handler (and the sanitizer's
// signal delivery) that captured a free-running thread.
bool is_capture_frame(const std::string &sym)
{
	static const char *const machinery[] = {
		"runtime/sched/", "shim::sched::", "sync_hook",
		"__tsan", "__sanitizer", "restore_rt", "sighandler",
		"capture_handler", "sigaction",
	};
	for (const char *m : machinery)
		if (sym.find(m) != std::string::npos)
			return true;
	return false;
}

std::string call_trace(const std::vector<void *> &stack)
{
	std::string s = "Call Trace:\n <TASK>\n";
	bool inside = true;
	for (size_t i = 1; i < stack.size(); i++) {
		std::string sym = symbolize(static_cast<char *>(stack[i]) - 1);
		if (inside && is_capture_frame(sym))
			continue;
		inside = false;
		s += sym + "\n";
	}
	return s + " </TASK>\n";
}

} // namespace

char state_letter(unsigned int task_state)
{
	if (task_state & TASK_UNINTERRUPTIBLE)
		return 'D';
	if (task_state & TASK_INTERRUPTIBLE)
		return 'S';
	return 'R';
}

std::string show_task(const TaskDump &t)
{
	std::string s;
	appendf(s, "task:%-15.15s state:%c pid:%-5d %s\n", t.name.c_str(),
		t.state, t.pid, t.detail.c_str());
	return s + call_trace(t.stack);
}

std::string show_all_locks(const std::vector<struct task_struct *> &tasks)
{
#ifdef CONFIG_LOCKDEP
	std::string s = "\nShowing all locks held in the system:\n";
	for (struct task_struct *t : tasks)
		if (t && t->lockdep_depth)
			s += lockdep::held_locks(t);
	return s + "\n=============================================\n\n";
#else
	// As the kernel's debug_show_all_locks() without lockdep: nothing.
	(void)tasks;
	return "";
#endif
}

} // namespace shim::sched
