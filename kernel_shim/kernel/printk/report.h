/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Building blocks of kernel-format reports, shared by WARN/BUG, lockdep
 * and RCU checks (C++ side of the runtime).
 */
#pragma once

#include <cstdarg>
#include <string>

namespace shim {

// Appends printf-style output to @out.
void appendf(std::string &out, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void vappendf(std::string &out, const char *fmt, va_list ap);

// "CPU: 1 UID: 0 PID: 42 Comm: test Not tainted 6.x-vmalock #1"
std::string cpu_line();
// From kernel/stacktrace.cc: " func (file:line)" for a code address (a
// line per inlined function), " func+0x1c" at worst; and the current
// stack as "Call Trace:\n <TASK>\n ...\n </TASK>\n", skipping @skip
// innermost frames.
std::string symbolize(const void *pc);
// Only the first line of symbolize(): the innermost place, for "at:".
std::string symbolize_site(const void *pc);
std::string call_trace(int skip);
// Writes @text to stderr in one write(2), so threads do not interleave.
void emit(const std::string &text);
// Sets the taint flag shown in later reports.
void taint_warn();

} // namespace shim
