// SPDX-License-Identifier: GPL-2.0-only
//
// User-space only: the seam where a memory model plugs into a schedule.
//
// Every synchronizing operation reaches shim_sync_point() before it
// happens, and under the scheduler the sync-point hook (run.cc) hands
// each one to the run's model before the scheduler may switch tasks: the
// model sees every marked load and store, RMW and fence, in schedule
// order, with the task that makes it.
//
// The model in use is sequentially consistent: it keeps nothing, and a
// marked load returns what memory holds, the newest store. A weaker
// model (the LKMM) keeps per-location store histories in access() and
// answers load_value() with the store a load may read; the load macros
// (<asm/rwonce.h>, <linux/atomic.h>) then return that value instead of
// memory's. That second half is not wired yet: nothing calls
// load_value() today.
#pragma once

#include <cstdint>
#include <optional>

#include <shim/sync.h>

#include "task.h"

namespace shim::sched {

class MemoryModel {
public:
	virtual ~MemoryModel() = default;
	// @task is about to perform @op on @addr (nullptr for a fence).
	virtual void access(const Task &task, enum shim_sync_op op,
			    const volatile void *addr) = 0;
	// The value @task's marked load of @addr returns, if the model
	// chooses one other than memory's.
	virtual std::optional<uint64_t> load_value(const Task &task,
						   const volatile void *addr) = 0;
};

// Sequential consistency: every load reads the newest store.
class SequentialConsistency final : public MemoryModel {
public:
	void access(const Task &, enum shim_sync_op,
		    const volatile void *) override
	{
	}
	std::optional<uint64_t> load_value(const Task &,
					   const volatile void *) override
	{
		return std::nullopt;
	}
};

} // namespace shim::sched
