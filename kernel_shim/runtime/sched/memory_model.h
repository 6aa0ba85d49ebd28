// SPDX-License-Identifier: GPL-2.0-only
//
// User-space only: the seam where a memory model plugs into a schedule
// (<shim/lkmm.h> is the kernel side's door to it).
//
// Under the scheduler every marked access reports to the run's model, in
// schedule order, with the task that makes it: loads (which return the
// value the model chooses), stores, read-modify-writes, fences, and what
// locks and RCU add; every sync point and every return from a wait are
// reported too. Sequential consistency keeps nothing: a marked load
// returns what memory holds, the newest store. The LKMM (lkmm.h) keeps
// per-location store histories and per-task views.
#pragma once

#include <cstdint>

#include <shim/lkmm.h>
#include <shim/sync.h>

#include "task.h"

namespace shim::sched {

class MemoryModel {
public:
	virtual ~MemoryModel() = default;
	// @task reached a sync point for @op on @addr.
	virtual void access(Task &task, enum shim_sync_op op,
			    const volatile void *addr)
	{
		(void)task;
		(void)op;
		(void)addr;
	}
	// @task runs again after a wait.
	virtual void resumed(Task &task) { (void)task; }
	// @task joined @exited: it sees all @exited did.
	virtual void joined(Task &task, Task &exited)
	{
		(void)task;
		(void)exited;
	}
	// @task's marked load of @addr read @mem from memory: what it returns.
	// (@pointer: a pointer-typed load, <shim/lkmm.h>.)
	virtual uint64_t load(Task &task, const volatile void *addr,
			      unsigned size, uint64_t mem,
			      enum shim_lkmm_order order, bool pointer)
	{
		(void)task;
		(void)addr;
		(void)size;
		(void)order;
		(void)pointer;
		return mem;
	}
	// @task is about to store @val to @addr.
	virtual void store(Task &task, const volatile void *addr, unsigned size,
			   uint64_t val, enum shim_lkmm_order order)
	{
		(void)task;
		(void)addr;
		(void)size;
		(void)val;
		(void)order;
	}
	// @task's RMW of @addr turned @before into @after (if @stored).
	virtual void rmw(Task &task, const volatile void *addr, unsigned size,
			 uint64_t before, uint64_t after,
			 enum shim_lkmm_order order, bool stored)
	{
		(void)task;
		(void)addr;
		(void)size;
		(void)before;
		(void)after;
		(void)order;
		(void)stored;
	}
	// [@addr, @addr + @size) was allocated: no store before counts.
	virtual void forget(const volatile void *addr, unsigned long size)
	{
		(void)addr;
		(void)size;
	}
	virtual void fence(Task &task, enum shim_lkmm_fence fence)
	{
		(void)task;
		(void)fence;
	}
	virtual void event(Task &task, enum shim_lkmm_event event,
			   const volatile void *addr)
	{
		(void)task;
		(void)event;
		(void)addr;
	}
};

// Sequential consistency: every load reads the newest store.
class SequentialConsistency final : public MemoryModel {};

} // namespace shim::sched
