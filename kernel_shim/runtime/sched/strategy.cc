// SPDX-License-Identifier: GPL-2.0-only
//
// User-space only: the scheduler's strategies.
//  random  a uniform choice among the runnable tasks at every step;
//  pct     Burckhardt et al., "A Randomized Scheduler with Probabilistic
//          Guarantees of Finding Bugs" (ASPLOS 2010): distinct random
//          priorities, the highest runnable one runs, and at D-1 random
//          steps out of k the running task drops below every other;
//  dfs     a forced prefix of choices, then "keep running the current
//          task, else the next one by id": the runner enumerates prefixes.
// Under the lkmm memory model a marked load may read an older store than
// the newest: random and pct draw which from their seed (uniformly), dfs
// reads the newest unless its prefix says otherwise.
#include "strategy.h"

#include <algorithm>
#include <map>

namespace shim::sched {

uint64_t Rng::next()
{
	uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

namespace {

class RandomStrategy final : public Strategy {
public:
	explicit RandomStrategy(uint64_t seed) : rng_(seed) {}

	unsigned pick(const PickContext &ctx) override
	{
		return ctx.runnable[rng_.below(ctx.runnable.size())];
	}

	unsigned pick_value(const ValueContext &ctx) override
	{
		return static_cast<unsigned>(rng_.below(ctx.nr_values));
	}

private:
	Rng rng_;
};

class PctStrategy final : public Strategy {
public:
	PctStrategy(uint64_t seed, unsigned depth, uint64_t k) : rng_(seed)
	{
		// Change point i (1-based) lowers the running task to
		// priority kChangeFloor + i, below every initial priority.
		// k = 0: the run's length is not known yet (the first run of
		// a test measures it), so no change point.
		for (unsigned i = 1; k && i < depth; i++)
			change_at_[1 + rng_.below(k)] = kChangeFloor + i;
	}

	void task_created(unsigned id) override
	{
		// Distinct with overwhelming probability; ties go to the
		// lower id, which keeps the choice deterministic anyway.
		priority_[id] = kInitialFloor + (rng_.next() >> 2);
	}

	// Below every other priority: a task that used up its time slice
	// lets every other task run theirs (fairness, not part of PCT).
	void slice_over(unsigned id) override
	{
		priority_[id] = kChangeFloor - ++slices_;
	}

	void stepped(uint64_t step, unsigned running) override
	{
		auto it = change_at_.find(step);
		if (it != change_at_.end())
			priority_[running] = it->second;
	}

	unsigned pick(const PickContext &ctx) override
	{
		unsigned best = ctx.runnable.front();
		for (unsigned id : ctx.runnable)
			if (priority_[id] > priority_[best])
				best = id;
		return best;
	}

	unsigned pick_value(const ValueContext &ctx) override
	{
		return static_cast<unsigned>(rng_.below(ctx.nr_values));
	}

private:
	static constexpr uint64_t kInitialFloor = 1ULL << 40;
	static constexpr uint64_t kChangeFloor = 1ULL << 30;

	Rng rng_;
	uint64_t slices_ = 0;
	std::map<uint64_t, unsigned> change_at_;
	std::map<unsigned, uint64_t> priority_;
};

class DfsStrategy final : public Strategy {
public:
	DfsStrategy(const uint8_t *prefix, unsigned len)
		: prefix_(prefix, prefix + len)
	{
	}

	unsigned pick(const PickContext &ctx) override
	{
		if (ctx.runnable.size() < 2)
			return ctx.runnable.front();
		size_t i = next_++;
		if (i < prefix_.size()) {
			unsigned want = prefix_[i];
			if (std::find(ctx.runnable.begin(), ctx.runnable.end(),
				      want) != ctx.runnable.end())
				return want;
			diverged_ = true;
		}
		if (ctx.current_runnable)
			return ctx.running;
		// Round robin from the task that stopped, so that the
		// default schedule starves nobody.
		for (unsigned id : ctx.runnable)
			if (id > ctx.running)
				return id;
		return ctx.runnable.front();
	}

	// A value choice point takes the next letter of the prefix as well:
	// the token names every choice in the order the run met them.
	unsigned pick_value(const ValueContext &ctx) override
	{
		size_t i = next_++;
		if (i < prefix_.size()) {
			if (prefix_[i] < ctx.nr_values)
				return prefix_[i];
			diverged_ = true;
		}
		return 0;
	}

	bool diverged() const override { return diverged_; }

private:
	std::vector<uint8_t> prefix_;
	size_t next_ = 0;
	bool diverged_ = false;
};

} // namespace

std::unique_ptr<Strategy> make_strategy(const shim_sched_params &p)
{
	switch (p.strategy) {
	case SHIM_SCHED_PCT:
		return std::make_unique<PctStrategy>(p.seed, p.pct_depth,
						     p.pct_steps);
	case SHIM_SCHED_DFS:
		return std::make_unique<DfsStrategy>(p.prefix, p.prefix_len);
	default:
		return std::make_unique<RandomStrategy>(p.seed);
	}
}

} // namespace shim::sched
