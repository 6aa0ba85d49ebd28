// SPDX-License-Identifier: GPL-2.0-only
//
// User-space only: what the kernel's hung-task detector and
// debug_show_all_locks() would print, for a free-running test that the
// harness is about to kill for exceeding its timeout. A watcher thread
// waits for the harness's request; it then stops every thread for a
// moment with a signal whose handler records the thread's stack and task,
// and prints every task's state and stack and the locks held, in the
// format of the scheduler's hang reports (task_dump.h).
#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <execinfo.h>
#include <signal.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include <linux/compiler_attributes.h>
#include <linux/sched.h>
#include <shim/sched.h>

#include "../../kernel/printk/report.h"
#include "all_asleep.h"
#include "task_dump.h"

extern "C" bool shim_rcu_callbacks_pending(void);

extern "C" void __tsan_ignore_thread_begin(void) __attribute__((weak));

namespace shim::sched {
namespace {

constexpr int kMaxThreads = 256;
constexpr int kMaxFrames = 64;

// What one thread's handler recorded. Written by that thread, read by the
// watcher once 'taken' is set.
struct Capture {
	std::atomic<bool> taken{ false };
	pid_t tid = 0;
	struct task_struct *task = nullptr;
	int nr_frames = 0;
	void *frames[kMaxFrames];
};

Capture captures[kMaxThreads];
std::atomic<int> nr_requested{ 0 };

int capture_signal()
{
	return SIGRTMIN + 7;
}

pid_t gettid_raw()
{
	return static_cast<pid_t>(syscall(SYS_gettid));
}

// The handler: only what is async-signal-safe once backtrace() has been
// warmed up (no allocation), into this thread's own slot. It runs wherever
// the thread was, maybe inside the sanitizer's runtime: it must not call
// back into it.
__disable_sanitizer_instrumentation void capture_handler(int)
{
	pid_t tid = gettid_raw();
	int n = nr_requested.load(std::memory_order_acquire);
	for (int i = 0; i < n; i++) {
		Capture &c = captures[i];
		if (c.tid != tid)
			continue;
		c.task = __shim_current;
		c.nr_frames = backtrace(c.frames, kMaxFrames);
		c.taken.store(true, std::memory_order_release);
		return;
	}
}

std::vector<pid_t> other_threads()
{
	std::vector<pid_t> tids;
	pid_t self = gettid_raw();
	if (DIR *d = opendir("/proc/self/task")) {
		while (struct dirent *e = readdir(d)) {
			pid_t tid = static_cast<pid_t>(std::atoi(e->d_name));
			if (tid > 0 && tid != self)
				tids.push_back(tid);
		}
		closedir(d);
	}
	return tids;
}

// Signals every other thread and waits (at most a second: a thread
// that blocks the signal, as the sanitizer's own do, never answers).
int capture_all()
{
	std::vector<pid_t> tids = other_threads();
	int n = std::min<int>(static_cast<int>(tids.size()), kMaxThreads);
	for (int i = 0; i < n; i++)
		captures[i].tid = tids[i];
	nr_requested.store(n, std::memory_order_release);
	for (int i = 0; i < n; i++)
		syscall(SYS_tgkill, getpid(), tids[i], capture_signal());
	for (int waited_ms = 0; waited_ms < 1000; waited_ms += 10) {
		bool all = true;
		for (int i = 0; i < n; i++)
			all &= captures[i].taken.load(std::memory_order_acquire);
		if (all)
			break;
		struct timespec step = { 0, 10 * 1000 * 1000 };
		nanosleep(&step, nullptr);
	}
	return n;
}

std::string thread_name(pid_t tid)
{
	char path[64], name[32] = "?";
	std::snprintf(path, sizeof(path), "/proc/self/task/%d/comm", tid);
	if (FILE *f = std::fopen(path, "r")) {
		if (std::fgets(name, sizeof(name), f))
			name[std::strcspn(name, "\n")] = '\0';
		std::fclose(f);
	}
	return name;
}

TaskDump dump_of(const Capture &c)
{
	TaskDump d;
	d.pid = c.tid;
	if (c.task) {
		d.name = c.task->comm;
		d.state = state_letter(__atomic_load_n(&c.task->__state,
						       __ATOMIC_RELAXED));
	} else {
		d.name = thread_name(c.tid);
		d.detail = "(no task_struct)";
	}
	d.stack.assign(c.frames, c.frames + c.nr_frames);
	return d;
}

// @at_once: every task sleeps with nothing left to wake one, seen before
// the timeout; otherwise the timeout of @timeout_s seconds ran out.
std::string hang_report(double timeout_s, bool at_once)
{
	int n = capture_all();
	std::vector<TaskDump> dumps;
	std::vector<struct task_struct *> tasks;
	std::vector<pid_t> silent;
	for (int i = 0; i < n; i++) {
		if (!captures[i].taken.load(std::memory_order_acquire)) {
			silent.push_back(captures[i].tid);
			continue;
		}
		dumps.push_back(dump_of(captures[i]));
		tasks.push_back(captures[i].task);
	}

	std::string s;
	for (const TaskDump &d : dumps)
		if (d.state == 'D')
			appendf(s, "INFO: task %s:%d blocked for more than %g seconds.\n",
				d.name.c_str(), d.pid, at_once ? 0 : timeout_s);
	if (at_once && !s.empty())
		s += "Every task sleeps and nothing is left to wake one (no timer, no RCU callback pending): reported at once, not at the timeout.\n";
	if (s.empty())
		appendf(s, "INFO: task %s:%d did not finish in %g seconds; no task is blocked (a livelock, or a busy wait that never ends).\n",
			dumps.empty() ? "?" : dumps.front().name.c_str(),
			dumps.empty() ? 0 : dumps.front().pid, timeout_s);
	s += "      Not tainted 6.x-vmalock #1\n";
	s += at_once ? "The test can never finish; every task of it follows.\n"
		     : "The test outlived its timeout; every task of it follows.\n";
	for (const TaskDump &d : dumps)
		s += show_task(d);
	for (pid_t tid : silent)
		appendf(s, "thread:%-15.15s pid:%-5d did not answer (it blocks signals: a sanitizer's or liburcu's own thread)\n",
			thread_name(tid).c_str(), tid);
	return s + show_all_locks(tasks);
}

#ifdef __x86_64__
// The sanitizers defer a signal until the thread next enters one of their
// interceptors, which a thread asleep in a raw futex() never does: the
// handler is installed with the system call itself, so that the kernel
// runs it at once. x86-64 wants a restorer that calls rt_sigreturn.
extern "C" void shim_hang_restore_rt(void);
// The nop in front is part of the symbol, so that an unwinder looking
// one byte before the handler's return address still finds it (glibc's
// __restore_rt does the same).
asm(".text\n"
    ".type shim_hang_restore_rt_frame, @function\n"
    "shim_hang_restore_rt_frame:\n"
    "	nop\n"
    "shim_hang_restore_rt:\n"
    "	mov $15, %rax\n"	// __NR_rt_sigreturn
    "	syscall\n"
    ".size shim_hang_restore_rt_frame, .-shim_hang_restore_rt_frame\n");

struct kernel_sigaction {
	void (*handler)(int);
	unsigned long flags;
	void (*restorer)(void);
	unsigned long mask;
};

void install_capture_handler()
{
	constexpr unsigned long sa_restorer = 0x04000000;
	struct kernel_sigaction ksa = { capture_handler,
					SA_RESTART | sa_restorer,
					shim_hang_restore_rt, 0 };
	syscall(SYS_rt_sigaction, capture_signal(), &ksa, nullptr,
		sizeof(ksa.mask));
}
#else
void install_capture_handler()
{
	struct sigaction sa = {};
	sa.sa_handler = capture_handler;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaction(capture_signal(), &sa, nullptr);
}
#endif

// Waits for the harness's request (the timeout) or for every task to be
// asleep with no RCU callback left that might wake one; false if the
// test ended first.
bool wait_for_hang(int request_fd, int asleep_fd, bool &at_once)
{
	// While every task sleeps but a callback is pending, look again.
	int recheck_ms = -1;
	for (;;) {
		struct pollfd fds[2] = { { request_fd, POLLIN, 0 },
					 { asleep_fd, POLLIN, 0 } };
		int n = poll(fds, 2, recheck_ms);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return false;
		if (fds[0].revents) {
			char byte;
			at_once = false;
			return read(request_fd, &byte, 1) == 1;
		}
		if (fds[1].revents) {
			char drain[64];
			ssize_t r = read(asleep_fd, drain, sizeof(drain));
			(void)r;
		}
		recheck_ms = -1;
		if (all_asleep::hung()) {
			at_once = true;
			if (!shim_rcu_callbacks_pending())
				return true;
			recheck_ms = 20;
		}
	}
}

void watch(int request_fd, int asleep_fd, double timeout_s)
{
	bool at_once = false;
	if (!wait_for_hang(request_fd, asleep_fd, at_once))
		return;	// the test ended: nothing to report
	// What the report reads of other threads' tasks is not the test's
	// synchronization: keep it out of TSan's sight.
	if (__tsan_ignore_thread_begin)
		__tsan_ignore_thread_begin();
	emit(hang_report(timeout_s, at_once));
	std::fflush(nullptr);
	// Straight out: the sanitizer's exit path would only complain that
	// this thread still ignores what it does.
	syscall(SYS_exit_group, 1);
}

} // namespace
} // namespace shim::sched

extern "C" void shim_hang_watch(int request_fd, double timeout_s)
{
	using namespace shim::sched;
	void *warm_up[2];
	backtrace(warm_up, 2);	// loads the unwinder now, not in a handler
	install_capture_handler();
	int asleep[2];
	if (pipe2(asleep, O_CLOEXEC | O_NONBLOCK))
		asleep[0] = asleep[1] = -1;	// (poll() skips a negative fd)
	all_asleep::watch(asleep[1]);
	std::thread(watch, request_fd, asleep[0], timeout_s).detach();
}
