// SPDX-License-Identifier: GPL-2.0-only
//
// User-space only: stack traces and the names of their frames, what the
// kernel's stacktrace code and scripts/decode_stacktrace.sh give a report.
// Under a sanitizer its symbolizer names each frame (static and inlined
// functions included); otherwise dladdr, then binutils' addr2line.
#include <cxxabi.h>
#include <dlfcn.h>
#include <execinfo.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "printk/report.h"

extern "C" void __sanitizer_symbolize_pc(void *pc, const char *fmt,
					 char *out_buf, size_t out_buf_size)
	__attribute__((weak));

namespace shim {
namespace {

std::string demangle(const char *name)
{
	int status;
	std::unique_ptr<char, void (*)(void *)> d(
		abi::__cxa_demangle(name, nullptr, nullptr, &status), std::free);
	return status == 0 && d ? std::string(d.get()) : std::string(name);
}

// Appends one frame as decode_stacktrace.sh prints it: " func (where)",
// or " func" when the place is unknown; frames are newline-separated.
void append_frame(std::string &lines, const std::string &func,
		  const std::string &where)
{
	if (!lines.empty())
		lines += "\n";
	lines += " " + func;
	if (!where.empty())
		lines += " (" + where + ")";
}

// " func (file:line)" per frame from binutils' addr2line, for what dladdr
// cannot name (static functions): like sanitizer_frames(), the functions
// inlined at the address first. Reports are rare; the answers are cached.
std::string addr2line(const char *object, unsigned long offset)
{
	static std::mutex lock;
	static std::map<std::pair<std::string, unsigned long>, std::string> cache;
	std::lock_guard<std::mutex> hold(lock);
	auto key = std::make_pair(std::string(object), offset);
	auto it = cache.find(key);
	if (it != cache.end())
		return it->second;

	// -i prints a (function, place) pair per inlined function, innermost
	// first; each place is where that function was at the address.
	char off[32];
	std::snprintf(off, sizeof(off), "%lx", offset);
	std::string cmd = "addr2line -f -i -C -e '" + std::string(object) +
			  "' 0x" + off + " 2>/dev/null";
	std::string lines;
	if (FILE *p = popen(cmd.c_str(), "r")) {
		char func[512], where[512];
		while (std::fgets(func, sizeof(func), p) &&
		       std::fgets(where, sizeof(where), p)) {
			func[std::strcspn(func, "\n")] = '\0';
			where[std::strcspn(where, "\n")] = '\0';
			if (std::strcmp(func, "??"))
				append_frame(lines, func, where);
		}
		pclose(p);
	}
	cache[key] = lines;
	return lines;
}

// " func (file:line)" per frame, as the kernel's decode_stacktrace.sh
// prints them: the functions inlined at @pc first, one line each, then
// the one containing it. Empty if the symbolizer knows nothing.
std::string sanitizer_frames(const void *pc)
{
	// One NUL-terminated string per frame, an empty one after the last.
	char buf[2048];
	__sanitizer_symbolize_pc(const_cast<void *>(pc), "%f\t%s:%l", buf,
				 sizeof(buf));
	std::string lines;
	for (const char *f = buf; *f && f < buf + sizeof(buf);
	     f += std::strlen(f) + 1) {
		std::string frame(f);
		size_t tab = frame.find('\t');
		std::string func = frame.substr(0, tab);
		std::string where =
			tab == std::string::npos ? "" : frame.substr(tab + 1);
		if (func.empty() || func == "<null>")
			continue;
		if (where.rfind("<null>", 0) == 0)
			where.clear();
		append_frame(lines, func, where);
	}
	return lines;
}

} // namespace

std::string symbolize(const void *pc)
{
	char buf[512];
	// Under a sanitizer its symbolizer knows static functions, lines
	// and inlining.
	if (__sanitizer_symbolize_pc) {
		std::string frames = sanitizer_frames(pc);
		if (!frames.empty())
			return frames;
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
			return named;
		const char *base = std::strrchr(info.dli_fname, '/');
		std::snprintf(buf, sizeof(buf), " %s+0x%lx",
			      base ? base + 1 : info.dli_fname, off);
		return buf;
	}
	std::snprintf(buf, sizeof(buf), " 0x%lx", (unsigned long)pc);
	return buf;
}

std::string symbolize_site(const void *pc)
{
	std::string frames = symbolize(pc);
	return frames.substr(0, frames.find('\n'));
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

} // namespace shim
