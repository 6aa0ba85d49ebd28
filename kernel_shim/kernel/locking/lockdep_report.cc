// SPDX-License-Identifier: GPL-2.0-only
#include "lockdep_report.h"

#include <cstdio>

#include <linux/lockdep.h>
#include <linux/sched.h>

#include "../printk/report.h"

namespace lockdep {
namespace {

#ifdef CONFIG_LOCKDEP
std::string addr(const void *p)
{
	char buf[32];
	std::snprintf(buf, sizeof(buf), "%016lx", (unsigned long)p);
	return buf;
}

std::string at(unsigned long ip)
{
	return shim::symbolize_site(reinterpret_cast<void *>(ip));
}

std::string trace_text(const Trace &trace)
{
	std::string s;
	for (void *pc : trace) {
		std::string frames = shim::symbolize(static_cast<char *>(pc) - 1);
		for (size_t nl = frames.find('\n'); nl != std::string::npos;
		     nl = frames.find('\n', nl + 7))
			frames.insert(nl + 1, "      ");
		s += "      " + frames + "\n";
	}
	return s;
}

// "<task> is trying to acquire lock: ... but task is already holding
// lock: ...", the opening of both deadlock reports.
std::string acquire_while_holding(struct task_struct *t,
				  const struct held_lock *held,
				  const struct lockdep_map *next_map,
				  const Class *next, unsigned long ip)
{
	std::string s;
	shim::appendf(s, "%s/%d is trying to acquire lock:\n", t->comm, t->pid);
	s += addr(next_map) + " " + describe(next_map, next) + ", at:" +
	     at(ip) + "\n\n";
	s += "but task is already holding lock:\n";
	s += addr(held->instance) + " " +
	     describe(held->instance, from_handle(held->class_ptr)) + ", at:" +
	     at(held->acquire_ip) + "\n\n";
	return s;
}

// "lock(x)" or "rlock(x)" for the unsafe-scenario table.
std::string take(const std::string &name, bool shared)
{
	return (shared ? "rlock(" : "lock(") + name + ");";
}

const char *usage(int read)
{
	return read ? "{++++}" : "{+.+.}";
}
#endif

} // namespace

#ifdef CONFIG_LOCKDEP
std::string describe(const struct lockdep_map *map, const Class *cls,
		     const char *usage)
{
	std::string s = "(" + (cls ? cls->name
				  : std::string(map->name ? map->name
							  : "<unnamed>")) +
			")";
	shim::appendf(s, "%s-{%u:%u}", usage, map->wait_type_inner,
		      map->wait_type_inner);
	return s;
}

std::string held_locks(struct task_struct *t)
{
	std::string s;
	if (!t->lockdep_depth) {
		shim::appendf(s, "no locks held by %s/%d.\n", t->comm, t->pid);
		return s;
	}
	shim::appendf(s, "%d lock%s held by %s/%d:\n", t->lockdep_depth,
		      t->lockdep_depth > 1 ? "s" : "", t->comm, t->pid);
	for (int i = 0; i < t->lockdep_depth; i++) {
		const struct held_lock *h = &t->held_locks[i];
		const Class *cls = from_handle(h->class_ptr);
		// The usage column says how it is held.
		std::string d = describe(h->instance, cls, usage(h->read));
		shim::appendf(s, " #%d: %s %s, at:%s\n", i,
			      addr(h->instance).c_str(), d.c_str(),
			      at(h->acquire_ip).c_str());
	}
	return s;
}
#else
std::string held_locks(struct task_struct *t)
{
	(void)t;
	return "";
}
#endif

void report(const char *title, const std::string &body,
	    bool show_held_locks)
{
	if (!debug_locks_off() || debug_locks_silent)
		return;
	struct task_struct *t = current;
	size_t width = std::string(title).size();
	std::string s = "\n" + std::string(width, '=') + "\n";
	shim::appendf(s, "%s\n", title);
	s += "6.x-vmalock #1 Not tainted\n";
	s += std::string(width, '-') + "\n";
	s += body;
	if (show_held_locks)
		s += "\n" + held_locks(t);
	s += "\nstack backtrace:\n";
	s += shim::cpu_line();
	s += shim::call_trace(1);
	shim::emit(s);
}

#ifdef CONFIG_LOCKDEP
void report_circular(struct task_struct *t, const struct held_lock *held,
		     const struct lockdep_map *next_map, Class *next,
		     int next_read, unsigned long ip,
		     const std::vector<Step> &cycle)
{
	const Class *prev = from_handle(held->class_ptr);
	std::string s = acquire_while_holding(t, held, next_map, next, ip);

	s += "which lock already depends on the new lock.\n\n\n";
	s += "the existing dependency chain (in reverse order) is:\n";

	// cycle: next -> c1 -> ... -> prev; print prev first, next last.
	for (size_t i = cycle.size(); i-- > 0;) {
		shim::appendf(s, "\n-> #%zu (%s){....}:\n", i + 1,
			      cycle[i].cls->name.c_str());
		s += trace_text(*cycle[i].trace);
	}
	shim::appendf(s, "\n-> #0 (%s){....}:\n", next->name.c_str());
	s += trace_text(capture_trace());

	s += "\nother info that might help us debug this:\n\n";
	// CPU1 holds the lock just before prev in the chain and wants prev.
	const Class *parent = cycle.size() >= 2 ? cycle[cycle.size() - 2].cls
						: next;
	bool parent_shared = dep_shared_from(cycle.back().type);
	if (cycle.size() >= 2) {
		s += "Chain exists of:\n  " + next->name;
		for (const Step &st : cycle)
			s += " --> " + st.cls->name;
		s += "\n\n";
	}
	bool prev_wanted_shared = dep_recursive_to(cycle.back().type);
	s += " Possible unsafe locking scenario:\n\n";
	s += "       CPU0                    CPU1\n";
	s += "       ----                    ----\n";
	s += "  " + take(prev->name, held->read) + "\n";
	s += "                               " +
	     take(parent->name, parent_shared) + "\n";
	s += "                               " +
	     take(prev->name, prev_wanted_shared) + "\n";
	s += "  " + take(next->name, next_read) + "\n";
	s += "\n *** DEADLOCK ***\n";
	report("WARNING: possible circular locking dependency detected", s);
}

void report_recursive(struct task_struct *t, const struct held_lock *held,
		      const struct lockdep_map *next_map, Class *next,
		      unsigned long ip)
{
	std::string s = acquire_while_holding(t, held, next_map, next, ip);

	s += "other info that might help us debug this:\n";
	s += " Possible unsafe locking scenario:\n\n";
	s += "       CPU0\n       ----\n";
	s += "  " + take(next->name, held->read) + "\n";
	s += "  " + take(next->name, false) + "\n";
	s += "\n *** DEADLOCK ***\n\n";
	s += " May be due to missing lock nesting notation\n";
	report("WARNING: possible recursive locking detected", s);
}

#endif /* CONFIG_LOCKDEP */

} // namespace lockdep
