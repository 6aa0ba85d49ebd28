// SPDX-License-Identifier: GPL-2.0-only
//
// printk, WARN, BUG, dump_stack and panic in the kernel's report format
// (their call traces come from kernel/stacktrace.cc).
#include "report.h"

#include <sched.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include <linux/printk.h>
#include <linux/sched.h>
#include <asm/bug.h>
#include <shim/sched.h>

namespace shim {
namespace {

// Under the deterministic scheduler one task runs at a time, as on one
// CPU: reports name CPU 0 there, so that a replay prints the same report.
int report_cpu()
{
	return shim_sched_active() ? 0 : sched_getcpu();
}

std::atomic<bool> tainted{ false };

} // namespace

void vappendf(std::string &out, const char *fmt, va_list ap)
{
	va_list copy;
	va_copy(copy, ap);
	int n = std::vsnprintf(nullptr, 0, fmt, copy);
	va_end(copy);
	if (n <= 0)
		return;
	size_t old = out.size();
	out.resize(old + n + 1);
	std::vsnprintf(&out[old], n + 1, fmt, ap);
	out.resize(old + n);
}

void appendf(std::string &out, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vappendf(out, fmt, ap);
	va_end(ap);
}

void taint_warn()
{
	tainted.store(true, std::memory_order_relaxed);
}

std::string cpu_line()
{
	struct task_struct *t = current;
	std::string s;
	appendf(s, "CPU: %d UID: %u PID: %d Comm: %s %s 6.x-vmalock #1\n",
		report_cpu(), (unsigned)getuid(), t->pid, t->comm,
		tainted.load(std::memory_order_relaxed) ? "Tainted: G        W"
							: "Not tainted");
	return s;
}

void emit(const std::string &text)
{
	const char *p = text.data();
	size_t left = text.size();
	while (left) {
		ssize_t n = write(STDERR_FILENO, p, left);
		if (n <= 0)
			break;
		p += n;
		left -= n;
	}
}

} // namespace shim

namespace {

// A message as one line of a report, newline-terminated.
void append_line(std::string &s, const char *fmt, va_list ap)
{
	shim::vappendf(s, fmt, ap);
	if (s.empty() || s.back() != '\n')
		s += '\n';
}

} // namespace

extern "C" {

int printk(const char *fmt, ...)
{
	// Drop the KERN_<LEVEL> prefix, as dmesg does.
	if (fmt[0] == KERN_SOH[0] && fmt[1])
		fmt += 2;
	std::string s;
	va_list ap;
	va_start(ap, fmt);
	shim::vappendf(s, fmt, ap);
	va_end(ap);
	shim::emit(s);
	return static_cast<int>(s.size());
}

void dump_stack(void)
{
	shim::emit(shim::cpu_line() + shim::call_trace(1));
}

void __warn(const char *file, int line, const char *func, unsigned long ip,
	    const char *fmt, ...)
{
	std::string s = "------------[ cut here ]------------\n";
	if (fmt) {
		va_list ap;
		va_start(ap, fmt);
		append_line(s, fmt, ap);
		va_end(ap);
	}
	shim::appendf(s, "WARNING: CPU: %d PID: %d at %s:%d %s\n",
		      shim::report_cpu(), current->pid, file,
		      line, func);
	(void)ip;
	s += "Modules linked in:\n";
	s += shim::cpu_line();
	s += shim::call_trace(1);
	s += "---[ end trace 0000000000000000 ]---\n";
	shim::taint_warn();
	shim::emit(s);
}

void __shim_bug(const char *file, int line, const char *func)
{
	std::string s = "------------[ cut here ]------------\n";
	shim::appendf(s, "kernel BUG at %s:%d!\n", file,
		      line);
	s += "Oops: invalid opcode: 0000 [#1] SMP\n";
	s += shim::cpu_line();
	shim::appendf(s, "RIP: %s\n", func);
	s += shim::call_trace(1);
	s += "---[ end trace 0000000000000000 ]---\n";
	shim::emit(s);
	std::abort();
}

void panic(const char *fmt, ...)
{
	std::string s = "Kernel panic - not syncing: ";
	va_list ap;
	va_start(ap, fmt);
	append_line(s, fmt, ap);
	va_end(ap);
	s += shim::cpu_line() + shim::call_trace(1);
	shim::emit(s);
	std::abort();
}

} // extern "C"
