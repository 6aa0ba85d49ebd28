// SPDX-License-Identifier: GPL-2.0-only
//
// User-space only: what a schedule leaves behind, as loom's path.rs
// records it: the trace hash over every step's (task, operation), the
// step-by-step trace when asked for, and the log of choice points that
// dfs enumerates.
#pragma once

#include <cstdint>
#include <memory>

#include <shim/sched.h>
#include <shim/sync.h>

#include "strategy.h"

namespace shim::sched {

class Path {
public:
	explicit Path(const shim_sched_params &p) : params_(p) {}

	// Step @step: @task reached a switch point for @op on @addr.
	void step(uint64_t step, unsigned task, enum shim_sync_op op,
		  const volatile void *addr);
	// The strategy chose @chosen in @ctx (a choice only when two or
	// more tasks could run).
	void choice(const PickContext &ctx, unsigned chosen);
	// A load read value @chosen of @ctx's (0: the newest); part of the
	// trace hash, and a choice point dfs enumerates (an older value
	// counts against its bound as a preemption does).
	void value_choice(const ValueContext &ctx, unsigned chosen);

	uint64_t hash() const { return hash_; }
	unsigned nr_choices() const { return nr_choices_; }
	bool choices_truncated() const
	{
		return nr_choices_ > params_.choices_cap;
	}

private:
	static constexpr uint64_t kFnvOffset = 0xcbf29ce484222325ULL;
	static constexpr uint64_t kFnvPrime = 0x100000001b3ULL;

	const shim_sched_params params_;
	uint64_t hash_ = kFnvOffset;
	unsigned nr_choices_ = 0;
};

// @inner, with every choice it makes written to @path.
std::unique_ptr<Strategy> record_choices(std::unique_ptr<Strategy> inner,
					 Path &path);

const char *sync_op_name(enum shim_sync_op op);

} // namespace shim::sched
