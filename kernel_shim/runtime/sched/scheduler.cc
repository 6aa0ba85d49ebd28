// SPDX-License-Identifier: GPL-2.0-only
//
// User-space only: the deterministic scheduler's core (scheduler.h).
#include "scheduler.h"

#include <algorithm>

namespace shim::sched {

namespace {

// A task that ran this many steps in a row yields once, as a kernel task
// would have been preempted long before: test loops that wait without
// cpu_relax() cannot starve the task they wait for.
constexpr uint64_t kFairSteps = 10000;

// Progress, for the soft-lockup report: a step that may change what
// others see. A task that only loads and spins is waiting.
bool changes_state(enum shim_sync_op op)
{
	switch (op) {
	case SHIM_SYNC_LOAD:
	case SHIM_SYNC_FENCE_ACQ:
	case SHIM_SYNC_FENCE_REL:
	case SHIM_SYNC_SPIN:
	case SHIM_SYNC_SLEEP:
		return false;
	default:
		return true;
	}
}

// Narrows @ids to the tasks @keep accepts, unless that is none.
template <typename Pred>
void keep_if_any(std::vector<unsigned> &ids, Pred keep)
{
	if (std::any_of(ids.begin(), ids.end(), keep))
		ids.erase(std::remove_if(ids.begin(), ids.end(),
					 [&](unsigned id) { return !keep(id); }),
			  ids.end());
}

// The end of the test: until every other task has exited.
class OthersExited final : public Waiter {
public:
	OthersExited(const std::vector<std::unique_ptr<Task>> &tasks,
		     const Task *self)
		: tasks_(tasks), self_(self)
	{
	}
	bool ready() const override
	{
		for (const auto &t : tasks_)
			if (t.get() != self_ && !t->daemon && !t->exited)
				return false;
		return true;
	}
	const char *what() const override
	{
		return "the end of the test (other tasks still running)";
	}

private:
	const std::vector<std::unique_ptr<Task>> &tasks_;
	const Task *self_;
};

} // namespace

Scheduler::Scheduler(const shim_sched_params &p, std::unique_ptr<Strategy> s,
		     Path &path)
	: path_(path), strategy_(std::move(s)),
	  max_steps_(p.max_steps ? p.max_steps : SHIM_SCHED_DEFAULT_MAX_STEPS)
{
}

Task *Scheduler::add_task()
{
	auto t = std::make_unique<Task>();
	t->id = static_cast<unsigned>(tasks_.size());
	strategy_->task_created(t->id);
	tasks_.push_back(std::move(t));
	return tasks_.back().get();
}

void Scheduler::on_sync(Task *cur, enum shim_sync_op op,
			const volatile void *addr)
{
	account(cur, op, addr);
	reschedule(cur);
}

void Scheduler::block(Task *cur, const Waiter &w)
{
	cur->waiter = &w;
	reschedule(cur);
	if (model_)
		model_->resumed(*cur);
}

unsigned Scheduler::choose_value(Task &task, unsigned nr_values)
{
	ValueContext ctx{ step_, task.id, nr_values };
	return strategy_->pick_value(ctx);
}

void Scheduler::wait_until(Task *cur, const Waiter &w)
{
	while (!w.ready())
		block(cur, w);
}

void Scheduler::retire(Task *t)
{
	t->exited = true;
}

Task *Scheduler::retire_and_pick(Task *cur)
{
	retire(cur);
	return pick(cur);
}

void Scheduler::wait_for_others(Task *self)
{
	wait_until(self, OthersExited(tasks_, self));
}

std::vector<Task *> Scheduler::all_tasks() const
{
	std::vector<Task *> v;
	for (const auto &t : tasks_)
		v.push_back(t.get());
	return v;
}

Task *Scheduler::find(unsigned long pthread_id) const
{
	for (const auto &t : tasks_)
		if (t->pthread_id() == pthread_id)
			return t.get();
	return nullptr;
}

void Scheduler::fill(shim_sched_result *r) const
{
	r->steps = step_;
	r->trace_hash = path_.hash();
	r->nr_tasks = static_cast<unsigned>(tasks_.size());
	r->nr_choices = path_.nr_choices();
	r->choices_truncated = path_.choices_truncated();
	r->diverged = strategy_->diverged();
}

void Scheduler::account(Task *cur, enum shim_sync_op op,
			const volatile void *addr)
{
	step_++;
	cur->steps++;
	cur->last_op = op;
	now_ns_ += SHIM_SCHED_NS_PER_STEP;
	path_.step(step_, cur->id, op, addr);
	note_turn(cur, op);
	if (changes_state(op)) {
		cur->last_progress = step_;
		last_progress_ = step_;
	}
	strategy_->stepped(step_, cur->id);
	if (step_ > max_steps_ || livelocked())
		report(cur, false);
}

// Spinning and time slices: who may be picked next for fairness' sake.
void Scheduler::note_turn(Task *cur, enum shim_sync_op op)
{
	// A spinner may run again once another task did something other
	// than spin (two spinners must not just take turns).
	if (op != SHIM_SYNC_SPIN)
		for (const auto &t : tasks_)
			if (t.get() != cur)
				t->spinning = false;
	if (cur != last_runner_) {
		last_runner_ = cur;
		run_length_ = 0;
	}
	bool slice_over = ++run_length_ % kFairSteps == 0;
	if (slice_over)
		strategy_->slice_over(cur->id);
	cur->spinning = op == SHIM_SYNC_SPIN || slice_over;
}

void Scheduler::reschedule(Task *cur)
{
	Task *next = pick(cur);
	if (next != cur)
		handoff_.switch_to(cur, next);
}

Task *Scheduler::pick(Task *cur)
{
	std::vector<unsigned> &ids = ids_;
	runnable_ids(ids, cur);
	keep_if_any(ids, [this](unsigned id) { return !tasks_[id]->spinning; });
	bool cur_runnable = !cur->exited && cur->started && !cur->waiter &&
			    !cur->spinning &&
			    std::find(ids.begin(), ids.end(), cur->id) != ids.end();
	PickContext ctx{ step_, cur->id, cur_runnable, ids };
	Task *next = tasks_[strategy_->pick(ctx)].get();
	if (next->started)
		next->waiter = nullptr;
	return next;
}

bool Scheduler::runnable(const Task *t) const
{
	if (t->exited)
		return false;
	return !t->started || !t->waiter || t->waiter->ready();
}

void Scheduler::runnable_ids(std::vector<unsigned> &ids, Task *cur)
{
	for (;;) {
		ids.clear();
		for (const auto &t : tasks_)
			if (runnable(t.get()))
				ids.push_back(t->id);
		if (!ids.empty())
			return;
		uint64_t d = next_deadline();
		if (!d)
			report(cur, true);
		now_ns_ = std::max(now_ns_, d);
	}
}

// Nothing changed for a whole window and no timeout can change it: every
// task left spins on, or waits for, a condition that stays false. (With
// a step bound below the window, the bound is reached first.)
bool Scheduler::livelocked() const
{
	return step_ - last_progress_ > SHIM_SCHED_LIVELOCK_STEPS &&
	       !next_deadline();
}

// The earliest timeout of a blocked task, or 0.
uint64_t Scheduler::next_deadline() const
{
	uint64_t d = 0;
	for (const auto &t : tasks_) {
		uint64_t td = t->waiter ? t->waiter->deadline_ns() : 0;
		if (td && (!d || td < d))
			d = td;
	}
	return d;
}

void Scheduler::report(Task *cur, bool hung)
{
	std::vector<Task *> all = all_tasks();
	handoff_.collect_stacks(all, cur);
	if (hung)
		report_hung(all, step_);
	report_soft_lockup(all, step_, max_steps_, step_ <= max_steps_);
}

} // namespace shim::sched
