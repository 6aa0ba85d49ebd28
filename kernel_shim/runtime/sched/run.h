// SPDX-License-Identifier: GPL-2.0-only
//
// User-space only: one schedule's state, for one shim_sched_run(): the
// scheduler and its clients. This is the one place
// that knows them all; the scheduler core knows none of its clients.
#pragma once

#include <shim/sched.h>

#include "../rcu/sched_rcu.h"
#include "memory_model.h"
#include <memory>
#include "path.h"
#include "scheduler.h"

namespace shim::sched {

struct Run {
	explicit Run(const shim_sched_params &p);

	Path path;
	rcu::ScheduledRcu rcu;
	Scheduler sched;	// its strategy decorates with the above
	// --memory-model: sc or lkmm; it asks sched which value a load reads.
	std::unique_ptr<MemoryModel> memory_model;
	bool lkmm = false;	// marked accesses report to it
};

// The schedule running now; valid only under it.
Run &current_run();

} // namespace shim::sched
