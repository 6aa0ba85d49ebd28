// SPDX-License-Identifier: GPL-2.0-only
//
// User-space only: RCU as early or as late as allowed, a decorator over
// the scheduler's strategy (sched_rcu.h).
#include <algorithm>
#include <functional>

#include "sched_rcu.h"

#include "../sched/scheduler.h"

namespace shim::sched::rcu {

namespace {

enum class Bias { none, early, late };

// One seed in four each way; the other half, the strategy decides.
Bias bias_of(uint64_t seed)
{
	switch (seed % 4) {
	case 0:
		return Bias::early;
	case 1:
		return Bias::late;
	default:
		return Bias::none;
	}
}

class RcuBias final : public StrategyDecorator {
public:
	RcuBias(std::unique_ptr<Strategy> inner, Bias bias,
		std::function<bool(unsigned)> is_rcu_work)
		: StrategyDecorator(std::move(inner)), bias_(bias),
		  is_rcu_work_(std::move(is_rcu_work))
	{
	}

	// Narrows the choice to RCU's work (early) or to everything else
	// (late), unless that leaves nothing.
	unsigned pick(const PickContext &ctx) override
	{
		auto keep = [this](unsigned id) {
			return is_rcu_work_(id) == (bias_ == Bias::early);
		};
		if (!std::any_of(ctx.runnable.begin(), ctx.runnable.end(), keep))
			return StrategyDecorator::pick(ctx);
		ids_.clear();
		std::copy_if(ctx.runnable.begin(), ctx.runnable.end(),
			     std::back_inserter(ids_), keep);
		bool cur_runnable = ctx.current_runnable &&
				    std::find(ids_.begin(), ids_.end(),
					      ctx.running) != ids_.end();
		return StrategyDecorator::pick(
			{ ctx.step, ctx.running, cur_runnable, ids_ });
	}

private:
	const Bias bias_;
	const std::function<bool(unsigned)> is_rcu_work_;
	std::vector<unsigned> ids_;
};

} // namespace

std::unique_ptr<Strategy> ScheduledRcu::bias(std::unique_ptr<Strategy> inner,
					     const shim_sched_params &p)
{
	Bias b = p.strategy == SHIM_SCHED_DFS ? Bias::none : bias_of(p.seed);
	if (b == Bias::none)
		return inner;
	auto work = [this](unsigned id) {
		return is_rcu_work(sched_->task(id));
	};
	return std::make_unique<RcuBias>(std::move(inner), b, work);
}

} // namespace shim::sched::rcu
