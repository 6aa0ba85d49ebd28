// SPDX-License-Identifier: GPL-2.0-only
//
// User-space only: RCU under the deterministic scheduler (sched_rcu.h).
#include "sched_rcu.h"


#include "../sched/context.h"
#include "../sched/run.h"
#include "../sched/sched.h"

#include <linux/sched.h>
#include <shim/tsan.h>

namespace shim::sched::rcu {

namespace {

Hooks g_hooks;

void callback_task_main(void *arg)
{
	attach(static_cast<Task *>(arg));
	g_hooks.callback_task();
	exit_current(nullptr);
}

} // namespace

class ScheduledRcu::GracePeriod final : public Waiter {
public:
	GracePeriod(const ScheduledRcu &rcu, Readers readers)
		: rcu_(rcu), readers_(std::move(readers))
	{
	}
	bool ready() const override { return rcu_.readers_left(readers_); }
	const char *what() const override
	{
		return "synchronize_rcu() grace period";
	}

private:
	const ScheduledRcu &rcu_;
	const Readers readers_;
};

class ScheduledRcu::Barrier final : public Waiter {
public:
	Barrier(const ScheduledRcu &rcu, uint64_t target)
		: rcu_(rcu), target_(target)
	{
	}
	bool ready() const override { return rcu_.cb_done_ >= target_; }
	const char *what() const override { return "rcu_barrier()"; }

private:
	const ScheduledRcu &rcu_;
	const uint64_t target_;
};

class ScheduledRcu::Idle final : public Waiter {
public:
	explicit Idle(const ScheduledRcu &rcu) : rcu_(rcu) {}
	bool ready() const override { return rcu_.callback_ready(); }
	const char *what() const override { return "RCU callbacks"; }
	bool idle() const override { return true; }

private:
	const ScheduledRcu &rcu_;
};

class ScheduledRcu::Drained final : public Waiter {
public:
	explicit Drained(const Task *task) : task_(task) {}
	bool ready() const override { return task_->exited; }
	const char *what() const override
	{
		return "the end of the test (RCU callbacks waiting for a grace period)";
	}

private:
	const Task *task_;
};

void set_hooks(const Hooks &hooks)
{
	g_hooks = hooks;
}

void ScheduledRcu::start(Scheduler &s)
{
	sched_ = &s;
	task_ = s.add_task();
	task_->daemon = true;
	start_task(task_, callback_task_main, task_, 0);
}

void ScheduledRcu::drain(Task *main)
{
	stopping_ = true;
	sched_->wait_until(main, Drained(task_));
	// As a join of its thread would: what the callbacks did happens
	// before what the end of the test does.
	shim_tsan_acquire(task_);
}

void ScheduledRcu::invoke_leftovers()
{
	std::deque<Queued> left = [this] {
		Enter enter;
		return std::move(callbacks_);
	}();
	for (const Queued &q : left)
		g_hooks.invoke(q.cb);
}

uint64_t &ScheduledRcu::qs(const Task *t)
{
	if (qs_.size() <= t->id)
		qs_.resize(t->id + 1);
	return qs_[t->id];
}

uint64_t ScheduledRcu::qs(const Task *t) const
{
	return t->id < qs_.size() ? qs_[t->id] : 0;
}

// Readers in a read-side section now, which a grace period starting now
// must wait for.
ScheduledRcu::Readers ScheduledRcu::readers(const Task *self,
					    bool include_self) const
{
	Readers v;
	for (const Task *t : sched_->all_tasks()) {
		if (t->exited || !t->ts)
			continue;
		if (t == self && !include_self)
			continue;
		if (t->ts->rcu_read_lock_nesting > 0)
			v.emplace_back(t, qs(t));
	}
	return v;
}

bool ScheduledRcu::readers_left(const Readers &readers) const
{
	for (const auto &[t, seen] : readers)
		if (!t->exited && qs(t) <= seen)
			return false;
	return true;
}

// At the end too, a callback waits for its grace period: a reader that
// never unlocks is a hang to report, not a callback to run or a loop to
// spin in.
bool ScheduledRcu::callback_ready() const
{
	if (callbacks_.empty())
		return stopping_;
	return readers_left(callbacks_.front().readers);
}

bool ScheduledRcu::is_rcu_work(const Task *t) const
{
	return t == task_ || dynamic_cast<const GracePeriod *>(t->waiter);
}

void ScheduledRcu::quiescent(Task *t)
{
	qs(t)++;
}

void ScheduledRcu::synchronize(Task *cur)
{
	GracePeriod w(*this, readers(cur, false));
	sched_->block(cur, w);
}

void ScheduledRcu::queue(const Callback &cb)
{
	callbacks_.push_back({ cb, readers(running_task(), true) });
	cb_queued_++;
}

void ScheduledRcu::wait_for_callbacks(Task *cur)
{
	Barrier w(*this, cb_queued_);
	sched_->block(cur, w);
}

std::optional<Callback> ScheduledRcu::next_callback(Task *cur)
{
	Idle w(*this);
	for (;;) {
		if (!callbacks_.empty() &&
		    readers_left(callbacks_.front().readers)) {
			Callback cb = callbacks_.front().cb;
			callbacks_.pop_front();
			return cb;
		}
		if (stopping_ && callbacks_.empty())
			return std::nullopt;
		sched_->block(cur, w);
	}
}

void quiescent()
{
	Enter enter;
	current_run().rcu.quiescent(running_task());
}

void synchronize()
{
	Enter enter;
	current_run().rcu.synchronize(running_task());
}

void call(const Callback &cb)
{
	Enter enter;
	current_run().rcu.queue(cb);
}

void wait_for_callbacks()
{
	Enter enter;
	current_run().rcu.wait_for_callbacks(running_task());
}

std::optional<Callback> next_callback()
{
	Enter enter;
	return current_run().rcu.next_callback(running_task());
}

void callback_done()
{
	Enter enter;
	current_run().rcu.callback_done();
}

} // namespace shim::sched::rcu
