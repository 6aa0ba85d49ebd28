// SPDX-License-Identifier: GPL-2.0-only
//
// lockdep's memory: lock classes, the dependency graph between them, and
// the cache of lock chains already validated.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

struct lockdep_map;
struct lock_class;

namespace lockdep {

using Trace = std::vector<void *>;

// The return addresses of the stack from lock_acquire() out.
Trace capture_trace();

// How a dependency prev -> next was taken: prev held Exclusively or
// Shared, next acquired Non-recursively or as a Recursive read. A cycle
// is a deadlock only if no lock in it is entered by a -(*R)-> edge and
// left by a -(S*)-> one (a recursive reader never waits for a reader).
enum DepType : unsigned {
	DEP_EN = 1u << 0,
	DEP_ER = 1u << 1,
	DEP_SN = 1u << 2,
	DEP_SR = 1u << 3,
};

DepType dep_type(int prev_read, int next_read);
bool dep_shared_from(unsigned type);	// -(S*)->
bool dep_recursive_to(unsigned type);	// -(*R)->

struct Class;

struct Edge {
	Class *to;
	unsigned types;		// DepType bits seen
	Trace trace;		// where it was first recorded
};

struct Class {
	unsigned id;
	std::string name;	// "&mm->mmap_lock", "&mm->mmap_lock/1"
	std::vector<Edge> after;
};

// The class of @map for @subclass, registered on first use.
Class *class_of(struct lockdep_map *map, unsigned subclass);
// What struct lock_class * in a held_lock or lockdep_map stands for.
inline Class *from_handle(struct lock_class *c)
{
	return reinterpret_cast<Class *>(c);
}
inline struct lock_class *to_handle(Class *c)
{
	return reinterpret_cast<struct lock_class *>(c);
}

// One step of an existing chain that a new dependency would close.
struct Step {
	Class *cls;		// the lock taken ...
	unsigned type;		// ... by this kind of dependency ...
	const Trace *trace;	// ... recorded here
};

// Record prev -> next. If that closes a deadlock cycle, nothing is
// recorded and @cycle holds the existing path next -> ... -> prev.
bool add_dependency(Class *prev, int prev_read, Class *next, int next_read,
		    std::vector<Step> *cycle);

// Lock chains (the classes held, in order) that passed validation.
bool chain_validated(uint64_t key);
void chain_mark_validated(uint64_t key);
uint64_t chain_key_add(uint64_t key, const Class *cls, int read);

} // namespace lockdep
