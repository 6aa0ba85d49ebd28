// SPDX-License-Identifier: GPL-2.0-only
//
// User-space only: how the deterministic scheduler picks the next task.
// A strategy sees the tasks that can run (ids ascending) and the task at
// the switch point; it must depend on nothing but its seed and what it is
// shown, so that a seed names an interleaving.
#pragma once

#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include <shim/sched.h>

namespace shim::sched {

// splitmix64: small, fast and the same everywhere.
class Rng {
public:
	explicit Rng(uint64_t seed) : state_(seed) {}
	uint64_t next();
	uint64_t below(uint64_t n) { return n ? next() % n : 0; }

private:
	uint64_t state_;
};

struct PickContext {
	uint64_t step;
	unsigned running;		// id of the task at the switch point
	bool current_runnable;		// it could go on (not blocked, not spinning)
	const std::vector<unsigned> &runnable;	// never empty
};

// A marked load under the lkmm model may read one of @nr_values stores:
// 0 is the newest (what sequential consistency reads), higher is older.
struct ValueContext {
	uint64_t step;
	unsigned task;
	unsigned nr_values;	// at least 2
};

class Strategy {
public:
	virtual ~Strategy() = default;
	virtual void task_created(unsigned id) { (void)id; }
	// Called at every step before pick(): PCT's priority changes.
	virtual void stepped(uint64_t step, unsigned running)
	{
		(void)step;
		(void)running;
	}
	// @id ran a whole time slice while others could run.
	virtual void slice_over(unsigned id) { (void)id; }
	virtual unsigned pick(const PickContext &ctx) = 0;
	virtual unsigned pick_value(const ValueContext &ctx) = 0;
	// dfs: a forced choice could not be followed.
	virtual bool diverged() const { return false; }
};

// A strategy that changes what another one sees or does (RCU's bias, the
// choice log): every call goes to the inner one unless overridden.
class StrategyDecorator : public Strategy {
public:
	explicit StrategyDecorator(std::unique_ptr<Strategy> inner)
		: inner_(std::move(inner))
	{
	}
	void task_created(unsigned id) override { inner_->task_created(id); }
	void stepped(uint64_t step, unsigned running) override
	{
		inner_->stepped(step, running);
	}
	void slice_over(unsigned id) override { inner_->slice_over(id); }
	unsigned pick(const PickContext &ctx) override
	{
		return inner_->pick(ctx);
	}
	unsigned pick_value(const ValueContext &ctx) override
	{
		return inner_->pick_value(ctx);
	}
	bool diverged() const override { return inner_->diverged(); }

private:
	std::unique_ptr<Strategy> inner_;
};

// random, pct or dfs, as @p names it.
std::unique_ptr<Strategy> make_strategy(const shim_sched_params &p);

} // namespace shim::sched
