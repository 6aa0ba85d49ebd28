// SPDX-License-Identifier: GPL-2.0-only
//
// lockdep's reports, in the kernel's format (the headers people grep for,
// the dependency chain, the unsafe scenario, the held locks).
#pragma once

#include <string>
#include <vector>

#include "lockdep_graph.h"

struct task_struct;
struct held_lock;
struct lockdep_map;

namespace lockdep {

// "(&mm->mmap_lock){+.+.}-{3:3}" (@usage: the part in the first braces)
// and a held lock's whole line.
std::string describe(const struct lockdep_map *map, const Class *cls,
		     const char *usage = "{....}");
std::string held_locks(struct task_struct *t);

// Prints a report once: the first one turns lockdep off (debug_locks=0),
// as in the kernel. @body goes between the header and the held locks.
void report(const char *title, const std::string &body,
	    bool show_held_locks = true);

void report_circular(struct task_struct *t, const struct held_lock *held,
		     const struct lockdep_map *next_map, Class *next,
		     int next_read, unsigned long ip,
		     const std::vector<Step> &cycle);
void report_recursive(struct task_struct *t, const struct held_lock *held,
		      const struct lockdep_map *next_map, Class *next,
		      unsigned long ip);

} // namespace lockdep
