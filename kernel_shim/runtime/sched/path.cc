// SPDX-License-Identifier: GPL-2.0-only
//
// User-space only: the trace hash and the choice log (path.h).
#include "path.h"

#include <cinttypes>
#include <cstdio>

namespace shim::sched {

const char *sync_op_name(enum shim_sync_op op)
{
	static const char *const names[] = {
		"load", "store", "rmw", "fence_rel", "fence_acq", "lock",
		"unlock", "rcu", "sleep", "wake", "spin", "task",
	};
	static_assert(sizeof(names) / sizeof(names[0]) == SHIM_SYNC_NR_OPS);
	return op < SHIM_SYNC_NR_OPS ? names[op] : "?";
}

void Path::step(uint64_t step, unsigned task, enum shim_sync_op op,
		const volatile void *addr)
{
	uint8_t bytes[2] = { static_cast<uint8_t>(task),
			     static_cast<uint8_t>(op) };
	for (uint8_t b : bytes)
		hash_ = (hash_ ^ b) * kFnvPrime;
	// For a run that dies before it can return its result.
	if (params_.live_steps) {
		*params_.live_steps = step;
		*params_.live_trace_hash = hash_;
	}
	if (params_.trace)
		std::fprintf(stderr, "sched: step %" PRIu64 " task %u op %s %p\n",
			     step, task, sync_op_name(op),
			     const_cast<const void *>(addr));
}

void Path::choice(const PickContext &ctx, unsigned chosen)
{
	if (ctx.runnable.size() < 2)
		return;
	if (params_.choices && nr_choices_ < params_.choices_cap) {
		shim_sched_choice &c = params_.choices[nr_choices_];
		c.enabled = 0;
		for (unsigned id : ctx.runnable)
			if (id < 64)
				c.enabled |= 1ULL << id;
		c.running = static_cast<uint8_t>(ctx.running);
		c.chosen = static_cast<uint8_t>(chosen);
		c.current_runnable = ctx.current_runnable;
	}
	nr_choices_++;
}

void Path::value_choice(const ValueContext &ctx, unsigned chosen)
{
	uint8_t bytes[2] = { 0xff, static_cast<uint8_t>(chosen) };
	for (uint8_t b : bytes)
		hash_ = (hash_ ^ b) * kFnvPrime;
	if (params_.live_steps)
		*params_.live_trace_hash = hash_;
	if (params_.choices && nr_choices_ < params_.choices_cap) {
		shim_sched_choice &c = params_.choices[nr_choices_];
		unsigned n = ctx.nr_values < 64 ? ctx.nr_values : 64;
		c.enabled = n == 64 ? ~0ULL : (1ULL << n) - 1;
		c.running = 0;
		c.chosen = static_cast<uint8_t>(chosen);
		c.current_runnable = 1;
	}
	nr_choices_++;
}

namespace {

class ChoiceRecorder final : public StrategyDecorator {
public:
	ChoiceRecorder(std::unique_ptr<Strategy> inner, Path &path)
		: StrategyDecorator(std::move(inner)), path_(path)
	{
	}

	unsigned pick(const PickContext &ctx) override
	{
		unsigned id = StrategyDecorator::pick(ctx);
		path_.choice(ctx, id);
		return id;
	}

	unsigned pick_value(const ValueContext &ctx) override
	{
		unsigned v = StrategyDecorator::pick_value(ctx);
		path_.value_choice(ctx, v);
		return v;
	}

private:
	Path &path_;
};

} // namespace

std::unique_ptr<Strategy> record_choices(std::unique_ptr<Strategy> inner,
					 Path &path)
{
	return std::make_unique<ChoiceRecorder>(std::move(inner), path);
}

} // namespace shim::sched
