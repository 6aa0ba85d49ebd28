// SPDX-License-Identifier: GPL-2.0-only
//
// printk, WARN, BUG, dump_stack and panic in the kernel's report format.
#include "report.h"

#include <cxxabi.h>
#include <dlfcn.h>
#include <execinfo.h>
#include <sched.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include <linux/printk.h>
#include <linux/sched.h>
#include <asm/bug.h>

extern "C" void __sanitizer_symbolize_pc(void *pc, const char *fmt,
					 char *out_buf, size_t out_buf_size)
	__attribute__((weak));

namespace shim {
namespace {

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
		sched_getcpu(), (unsigned)getuid(), t->pid, t->comm,
		tainted.load(std::memory_order_relaxed) ? "Tainted: G        W"
							: "Not tainted");
	return s;
}

namespace {

std::string demangle(const char *name)
{
	int status;
	std::unique_ptr<char, void (*)(void *)> d(
		abi::__cxa_demangle(name, nullptr, nullptr, &status), std::free);
	return status == 0 && d ? std::string(d.get()) : std::string(name);
}

// "function (file:line)" from binutils' addr2line, for what dladdr cannot
// name (static functions). Reports are rare; the answers are cached.
std::string addr2line(const char *object, unsigned long offset)
{
	static std::mutex lock;
	static std::map<std::pair<std::string, unsigned long>, std::string> cache;
	std::lock_guard<std::mutex> hold(lock);
	auto key = std::make_pair(std::string(object), offset);
	auto it = cache.find(key);
	if (it != cache.end())
		return it->second;

	// -i: with inlining, the last pair names the function that really
	// contains the address (as a kernel stack trace would); the first
	// gives the exact source line.
	char off[32];
	std::snprintf(off, sizeof(off), "%lx", offset);
	std::string cmd = "addr2line -f -i -C -e '" + std::string(object) +
			  "' 0x" + off + " 2>/dev/null";
	std::string result;
	if (FILE *p = popen(cmd.c_str(), "r")) {
		char func[512], where[512];
		std::string outer_func, inner_where;
		while (std::fgets(func, sizeof(func), p) &&
		       std::fgets(where, sizeof(where), p)) {
			func[std::strcspn(func, "\n")] = '\0';
			where[std::strcspn(where, "\n")] = '\0';
			outer_func = func;
			if (inner_where.empty())
				inner_where = where;
		}
		pclose(p);
		if (!outer_func.empty() && outer_func != "??")
			result = outer_func + " (" +
				 inner_where + ")";
	}
	cache[key] = result;
	return result;
}

} // namespace

std::string symbolize(const void *pc)
{
	char buf[512];
	// Under a sanitizer its symbolizer knows static functions and lines;
	// print them as the kernel's decode_stacktrace.sh does:
	// " func (mm/x.c:123)".
	if (__sanitizer_symbolize_pc) {
		__sanitizer_symbolize_pc(const_cast<void *>(pc), "%f", buf,
					 sizeof(buf));
		if (buf[0] && std::strncmp(buf, "<null>", 6)) {
			std::string line = std::string(" ") + buf;
			__sanitizer_symbolize_pc(const_cast<void *>(pc),
						 "%s:%l", buf, sizeof(buf));
			if (std::strncmp(buf, "<null>", 6))
				line += std::string(" (") + buf + ")";
			return line;
		}
	}
	Dl_info info;
	if (!dladdr(pc, &info))
		info.dli_fname = nullptr;
	if (info.dli_fname && info.dli_sname) {
		std::snprintf(buf, sizeof(buf), "+0x%lx",
			      (unsigned long)((const char *)pc -
					      (const char *)info.dli_saddr));
		return " " + demangle(info.dli_sname) + buf;
	}
	if (info.dli_fname) {
		unsigned long off = (unsigned long)((const char *)pc -
						    (const char *)info.dli_fbase);
		std::string named = addr2line(info.dli_fname, off);
		if (!named.empty())
			return " " + named;
		const char *base = std::strrchr(info.dli_fname, '/');
		std::snprintf(buf, sizeof(buf), " %s+0x%lx",
			      base ? base + 1 : info.dli_fname, off);
		return buf;
	}
	std::snprintf(buf, sizeof(buf), " 0x%lx", (unsigned long)pc);
	return buf;
}

std::string call_trace(int skip)
{
	void *frames[48];
	int n = backtrace(frames, 48);
	std::string s = "Call Trace:\n <TASK>\n";
	for (int i = skip + 1; i < n; i++) {
		// Return addresses point after the call; show the call.
		s += symbolize(static_cast<char *>(frames[i]) - 1);
		s += "\n";
	}
	s += " </TASK>\n";
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
		      sched_getcpu(), current->pid, file,
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
