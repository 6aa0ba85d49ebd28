// SPDX-License-Identifier: GPL-2.0-only
//
// User-space only: the deterministic scheduler.
//
// Each task (a thread of the test) owns a hand-off word, its baton; a task
// runs only while it holds it. At every shim_sync_point() the running
// task counts a step, asks the strategy for the next task and, if that is
// another one, hands the baton over and parks until it gets it back. So
// exactly one task runs at a time and the order of synchronizing
// operations is a function of the seed.
//
// The hand-offs must not look like synchronization to ThreadSanitizer, or
// they would hide the races we are looking for: everything the scheduler
// does runs with TSan's memory accesses and synchronization ignored, and
// the baton is a relaxed atomic plus a futex, which TSan does not model.
//
// Blocking is modelled: a sleeping, joining or grace-period-waiting task
// is not runnable until what it waits for holds; when no task can run,
// virtual time jumps to the next timeout, and with none the test fails at
// once with a hung-task report. RCU grace periods and callbacks are
// scheduled like everything else (the callbacks run in a task of their
// own), never by liburcu's threads.
#include "core.h"

#include <dlfcn.h>
#include <execinfo.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <memory>

#include <linux/sched.h>
#include <signal.h>
#include <linux/vmstat.h>
#include <shim/sched.h>
#include <shim/sync.h>

#include "strategy.h"

extern "C" int __real_pthread_create(pthread_t *, const pthread_attr_t *,
				     void *(*)(void *), void *);
extern "C" int __real_pthread_join(pthread_t, void **);

#ifdef CONFIG_SHIM_TSAN
// TSan ignores the calling thread's memory accesses in between (without
// recording a stack per call, unlike the Annotate* forms).
extern "C" void __tsan_ignore_thread_begin(void);
extern "C" void __tsan_ignore_thread_end(void);
#endif

namespace shim::sched {

const char *wait_name(Wait w)
{
	switch (w) {
	case Wait::none: return "running";
	case Wait::not_started: return "not started";
	case Wait::sleep: return "schedule()";
	case Wait::join: return "pthread_join()";
	case Wait::join_all: return "the end of the test (other tasks still running)";
	case Wait::rcu_gp: return "synchronize_rcu() grace period";
	case Wait::rcu_barrier: return "rcu_barrier()";
	case Wait::rcu_idle: return "RCU callbacks";
	case Wait::rcu_drain:
		return "the end of the test (RCU callbacks waiting for a grace period)";
	case Wait::exited: return "exited";
	}
	return "?";
}

namespace {

constexpr uint32_t kWait = 0, kRun = 1, kDump = 2;
constexpr uint64_t kFnvOffset = 0xcbf29ce484222325ULL;
constexpr uint64_t kFnvPrime = 0x100000001b3ULL;
constexpr int kStackDepth = 48;
constexpr uint64_t kFairSteps = 10000;
constexpr int kSpins = 2000;

inline void cpu_pause()
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#endif
}

thread_local Task *tls_task;
thread_local int tls_in_sched;

// Scheduler code runs inside one of these: not a switch point itself,
// and invisible to TSan. Its memory accesses are ignored; it performs no
// synchronization TSan models (the baton is relaxed atomics and a futex,
// and TSan ignores fences), so none can leak into the program's.
class Enter {
public:
	Enter()
	{
		tls_in_sched++;
#ifdef CONFIG_SHIM_TSAN
		__tsan_ignore_thread_begin();
#endif
	}
	~Enter()
	{
#ifdef CONFIG_SHIM_TSAN
		__tsan_ignore_thread_end();
#endif
		tls_in_sched--;
	}
	Enter(const Enter &) = delete;
	Enter &operator=(const Enter &) = delete;
};

void futex_wait(std::atomic<uint32_t> *word, uint32_t val)
{
	syscall(SYS_futex, reinterpret_cast<uint32_t *>(word),
		FUTEX_WAIT_PRIVATE, val, nullptr, nullptr, 0);
}

void futex_wake(std::atomic<uint32_t> *word)
{
	syscall(SYS_futex, reinterpret_cast<uint32_t *>(word),
		FUTEX_WAKE_PRIVATE, 1, nullptr, nullptr, 0);
}

uint64_t monotonic_ns()
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return static_cast<uint64_t>(ts.tv_sec) * 1000000000ULL + ts.tv_nsec;
}

void sync_hook(enum shim_sync_op op, const volatile void *addr);

// signal_pending_state() without its READ_ONCE()s: the scheduler must not
// make marked accesses, which would enter the calling thread's fence
// bookkeeping (<shim/sync.h>) and push out the loads an acquire fence of
// the program is about to order.
bool signal_wakes(unsigned int state, const struct task_struct *ts)
{
	unsigned long pending = __atomic_load_n(&ts->pending_signals,
						__ATOMIC_RELAXED);

	if (!(state & (TASK_INTERRUPTIBLE | TASK_WAKEKILL)) || !pending)
		return false;
	return (state & TASK_INTERRUPTIBLE) ||
	       (pending & (1UL << (SIGKILL - 1)));
}

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

const char *op_name(enum shim_sync_op op)
{
	static const char *const names[] = {
		"load", "store", "rmw", "fence_rel", "fence_acq", "lock",
		"unlock", "rcu", "sleep", "wake", "spin", "task",
	};
	static_assert(sizeof(names) / sizeof(names[0]) == SHIM_SYNC_NR_OPS);
	return op < SHIM_SYNC_NR_OPS ? names[op] : "?";
}

class Scheduler {
public:
	explicit Scheduler(const shim_sched_params &p)
		: params_(p), strategy_(make_strategy(p)),
		  max_steps_(p.max_steps ? p.max_steps
					 : SHIM_SCHED_DEFAULT_MAX_STEPS)
	{
		// Where grace periods and callbacks fall: as early as
		// allowed, as late as allowed, or wherever the strategy
		// puts them; a function of the seed.
		if (p.strategy != SHIM_SCHED_DFS)
			rcu_mode_ = rcu_mode_of(p.seed);
	}

	Task *add_task()
	{
		live_tasks_++;
		auto t = std::make_unique<Task>();
		t->id = static_cast<unsigned>(tasks_.size());
		strategy_->task_created(t->id);
		tasks_.push_back(std::move(t));
		return tasks_.back().get();
	}

	void on_sync(Task *cur, enum shim_sync_op op, const volatile void *addr)
	{
		account(cur, op, addr);
		reschedule(cur);
	}

	// The calling task cannot go on until its wait holds.
	void block(Task *cur, Wait w)
	{
		cur->wait = w;
		reschedule(cur);
	}

	void reschedule(Task *cur)
	{
		Task *next = pick(cur);
		if (next != cur)
			switch_to(cur, next);
	}

	// @t will never run (again).
	void retire(Task *t)
	{
		live_tasks_--;
		t->wait = Wait::exited;
	}

	// The calling task is done: hand over for good.
	void exit(Task *cur)
	{
		retire(cur);
		Task *next = pick(cur);
		tls_task = nullptr;
		give(next, kRun);
	}

	// Parks until this task holds the baton (answering stack requests).
	void park(Task *t)
	{
		for (;;) {
			uint32_t v = wait_for_baton(t);
			if (v == kRun) {
				std::atomic_thread_fence(std::memory_order_seq_cst);
				return;
			}
			capture_stack(t);	// kDump
			t->baton.store(kWait, std::memory_order_relaxed);
			give(dump_requester_, kRun);
		}
	}

	void collect_stacks(const std::vector<Task *> &tasks)
	{
		Task *self = tls_task;
		for (Task *t : tasks) {
			if (t == self || t->wait == Wait::exited)
				continue;
			dump_requester_ = self;
			self->baton.store(kWait, std::memory_order_relaxed);
			give(t, kDump);
			park(self);
		}
		capture_stack(self);
	}

	std::vector<Task *> all_tasks() const
	{
		std::vector<Task *> v;
		for (const auto &t : tasks_)
			v.push_back(t.get());
		return v;
	}

	// Readers in a read-side section now, which a grace period starting
	// now must wait for.
	std::vector<std::pair<Task *, uint64_t>> rcu_readers(bool include_self)
	{
		std::vector<std::pair<Task *, uint64_t>> v;
		for (const auto &t : tasks_) {
			if (t->wait == Wait::exited || !t->ts)
				continue;
			if (t.get() == tls_task && !include_self)
				continue;
			if (t->ts->rcu_read_lock_nesting > 0)
				v.emplace_back(t.get(), t->rcu_qs);
		}
		return v;
	}

	void queue_callback(const RcuCallback &cb)
	{
		callbacks_.push_back({ cb, rcu_readers(true) });
		cb_queued_++;
	}

	std::optional<RcuCallback> next_callback(Task *cur)
	{
		for (;;) {
			if (!callbacks_.empty() &&
			    readers_left(callbacks_.front().readers)) {
				RcuCallback cb = callbacks_.front().cb;
				callbacks_.pop_front();
				return cb;
			}
			if (stopping_ && callbacks_.empty())
				return std::nullopt;
			block(cur, Wait::rcu_idle);
		}
	}

	void callback_done() { cb_done_++; }
	uint64_t callbacks_queued() const { return cb_queued_; }

	void start_rcu_task()
	{
		rcu_task_ = add_task();
		rcu_task_->daemon = true;
		pthread_t th;
		if (__real_pthread_create(&th, nullptr, rcu_task_main,
					  rcu_task_)) {
			std::perror("sched: cannot create the RCU task");
			std::abort();
		}
		rcu_task_->pthread_id = th;
	}

	// The end of the test: every other task runs to its end, then the
	// RCU task invokes what is left and exits.
	void finish(Task *main)
	{
		while (!all_others_exited(main))
			block(main, Wait::join_all);
		stopping_ = true;
		while (rcu_task_->wait != Wait::exited)
			block(main, Wait::rcu_drain);
		main->wait = Wait::none;
	}

	void fill(shim_sched_result *r) const
	{
		r->steps = step_;
		r->trace_hash = hash_;
		r->nr_tasks = static_cast<unsigned>(tasks_.size());
		r->nr_choices = nr_choices_;
		r->choices_truncated = nr_choices_ > params_.choices_cap;
		r->diverged = strategy_->diverged();
	}

	unsigned long rcu_pthread() const { return rcu_task_->pthread_id; }
	uint64_t now() const { return now_ns_; }
	void set_max_steps(uint64_t n) { max_steps_ = n; }

	// The newest task with this id: ids of joined threads are reused.
	Task *find(unsigned long pthread_id) const
	{
		for (auto it = tasks_.rbegin(); it != tasks_.rend(); ++it)
			if ((*it)->pthread_id == pthread_id)
				return it->get();
		return nullptr;
	}

private:
	enum class RcuMode { normal, early, late };

	// One seed in four each way; the other half, the strategy decides.
	static RcuMode rcu_mode_of(uint64_t seed)
	{
		switch (seed % 4) {
		case 0:
			return RcuMode::early;
		case 1:
			return RcuMode::late;
		default:
			return RcuMode::normal;
		}
	}
	struct QueuedCallback {
		RcuCallback cb;
		std::vector<std::pair<Task *, uint64_t>> readers;
	};

	static void *rcu_task_main(void *arg)
	{
		attach(static_cast<Task *>(arg));
		shim_rcu_callback_task();
		shim_task_exit();
		exit_current();
		return nullptr;
	}

public:
	// Callbacks queued after the RCU task left (its own task's free).
	std::deque<QueuedCallback> take_callbacks()
	{
		return std::move(callbacks_);
	}

private:

	void account(Task *cur, enum shim_sync_op op, const volatile void *addr)
	{
		step_++;
		cur->steps++;
		cur->last_op = op;
		now_ns_ += SHIM_SCHED_NS_PER_STEP;
		uint8_t bytes[2] = { static_cast<uint8_t>(cur->id),
				     static_cast<uint8_t>(op) };
		for (uint8_t b : bytes)
			hash_ = (hash_ ^ b) * kFnvPrime;
		// A spinner may run again once another task did something
		// other than spin (two spinners must not just take turns).
		if (op != SHIM_SYNC_SPIN)
			for (const auto &t : tasks_)
				if (t.get() != cur)
					t->spinning = false;
		if (cur != last_runner_) {
			last_runner_ = cur;
			run_length_ = 0;
		}
		// A task that ran kFairSteps steps in a row yields once, as a
		// kernel task would have been preempted long before: test
		// loops that wait without cpu_relax() cannot starve the
		// task they wait for.
		bool slice_over = ++run_length_ % kFairSteps == 0;
		if (slice_over)
			strategy_->slice_over(cur->id);
		cur->spinning = op == SHIM_SYNC_SPIN || slice_over;
		if (changes_state(op)) {
			cur->last_progress = step_;
			last_progress_ = step_;
		}
		if (params_.live_steps) {
			*params_.live_steps = step_;
			*params_.live_trace_hash = hash_;
		}
		if (params_.trace)
			std::fprintf(stderr, "sched: step %" PRIu64 " task %u op %s %p\n",
				     step_, cur->id, op_name(op),
				     const_cast<const void *>(addr));
		strategy_->stepped(step_, cur->id);
		if (step_ > max_steps_ || livelocked()) {
			std::vector<Task *> all = all_tasks();
			collect_stacks(all);
			report_soft_lockup(all, step_, max_steps_,
					   step_ <= max_steps_);
		}
	}

	static bool readers_left(
		const std::vector<std::pair<Task *, uint64_t>> &readers)
	{
		for (const auto &[t, qs] : readers)
			if (t->wait != Wait::exited && t->rcu_qs <= qs)
				return false;
		return true;
	}

	bool all_others_exited(const Task *self) const
	{
		for (const auto &t : tasks_)
			if (t.get() != self && !t->daemon &&
			    t->wait != Wait::exited)
				return false;
		return true;
	}

	bool sleep_over(const Task *t) const
	{
		unsigned int st = __atomic_load_n(&t->ts->__state,
						  __ATOMIC_RELAXED);
		if (st == TASK_RUNNING || signal_wakes(st, t->ts))
			return true;
		return t->deadline_ns && now_ns_ >= t->deadline_ns;
	}

	bool runnable(const Task *t) const
	{
		switch (t->wait) {
		case Wait::none:
		case Wait::not_started:
			return true;
		case Wait::sleep:
			return sleep_over(t);
		case Wait::join:
			return t->join_target->wait == Wait::exited;
		case Wait::join_all:
			return all_others_exited(t);
		case Wait::rcu_drain:
			return rcu_task_->wait == Wait::exited;
		case Wait::rcu_gp:
			return readers_left(t->gp_readers);
		case Wait::rcu_barrier:
			return cb_done_ >= t->barrier_target;
		case Wait::rcu_idle:
			// At the end too, a callback waits for its grace
			// period: a reader that never unlocks is a hang to
			// report, not a callback to run or a loop to spin in.
			if (callbacks_.empty())
				return stopping_;
			return readers_left(callbacks_.front().readers);
		case Wait::exited:
			return false;
		}
		return false;
	}

	bool is_rcu_work(const Task *t) const
	{
		return t == rcu_task_ || t->wait == Wait::rcu_gp;
	}

	// Nothing changed for a whole window and no timeout can change it:
	// every task left spins on, or waits for, a condition that stays false.
	// (With a step bound below the window, the bound is reached first.)
	bool livelocked() const
	{
		return step_ - last_progress_ > SHIM_SCHED_LIVELOCK_STEPS &&
		       !next_deadline();
	}

	// The earliest timeout of a sleeping task, or 0.
	uint64_t next_deadline() const
	{
		uint64_t d = 0;
		for (const auto &t : tasks_)
			if (t->wait == Wait::sleep && t->deadline_ns &&
			    (!d || t->deadline_ns < d))
				d = t->deadline_ns;
		return d;
	}

	void runnable_ids(std::vector<unsigned> &ids)
	{
		for (;;) {
			ids.clear();
			for (const auto &t : tasks_)
				if (runnable(t.get()))
					ids.push_back(t->id);
			if (!ids.empty())
				return;
			uint64_t d = next_deadline();
			if (!d) {
				std::vector<Task *> all = all_tasks();
				collect_stacks(all);
				report_hung(all, step_);
			}
			now_ns_ = std::max(now_ns_, d);
		}
	}

	// Narrows @ids to the tasks @keep accepts, unless that is none.
	template <typename Pred>
	void keep_if_any(std::vector<unsigned> &ids, Pred keep)
	{
		auto kept = [&](unsigned id) { return keep(tasks_[id].get()); };
		if (std::any_of(ids.begin(), ids.end(), kept))
			ids.erase(std::remove_if(ids.begin(), ids.end(),
						 [&](unsigned id) {
							 return !kept(id);
						 }),
				  ids.end());
	}

	Task *pick(Task *cur)
	{
		std::vector<unsigned> &ids = ids_;
		runnable_ids(ids);
		keep_if_any(ids, [](const Task *t) { return !t->spinning; });
		if (rcu_mode_ == RcuMode::early)
			keep_if_any(ids, [this](const Task *t) {
				return is_rcu_work(t);
			});
		else if (rcu_mode_ == RcuMode::late)
			keep_if_any(ids, [this](const Task *t) {
				return !is_rcu_work(t);
			});
		bool cur_runnable = cur->wait == Wait::none &&
				    !cur->spinning &&
				    std::find(ids.begin(), ids.end(), cur->id) !=
					    ids.end();
		PickContext ctx{ step_, cur->id, cur_runnable, ids };
		unsigned id = strategy_->pick(ctx);
		if (ids.size() >= 2)
			record_choice(ctx, id);
		Task *next = tasks_[id].get();
		if (next->wait != Wait::not_started)
			next->wait = Wait::none;
		return next;
	}

	void record_choice(const PickContext &ctx, unsigned chosen)
	{
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

	// Spins a little first: a hand-off is usually answered within
	// microseconds, and a futex round trip costs more than that.
	uint32_t wait_for_baton(Task *t)
	{
		// Spinning pays only while every parked task has a CPU.
		int spins = live_tasks_ <= cpus_ ? kSpins : 0;

		for (;;) {
			for (int i = 0;; i++) {
				uint32_t v = t->baton.load(std::memory_order_relaxed);
				if (v != kWait)
					return v;
				if (i >= spins)
					break;
				cpu_pause();
			}
			t->sleeping.store(true, std::memory_order_relaxed);
			std::atomic_thread_fence(std::memory_order_seq_cst);
			if (t->baton.load(std::memory_order_relaxed) == kWait)
				futex_wait(&t->baton, kWait);
			t->sleeping.store(false, std::memory_order_relaxed);
		}
	}

	// Pairs with wait_for_baton(): either the sleeper sees the new
	// value before it sleeps, or we see it sleeping and wake it.
	static void give(Task *t, uint32_t v)
	{
		std::atomic_thread_fence(std::memory_order_seq_cst);
		t->baton.store(v, std::memory_order_relaxed);
		std::atomic_thread_fence(std::memory_order_seq_cst);
		if (t->sleeping.load(std::memory_order_relaxed))
			futex_wake(&t->baton);
	}

	void switch_to(Task *cur, Task *next)
	{
		cur->baton.store(kWait, std::memory_order_relaxed);
		give(next, kRun);
		park(cur);
	}

	static void capture_stack(Task *t)
	{
		void *frames[kStackDepth];
		int n = backtrace(frames, kStackDepth);
		t->stack.assign(frames, frames + n);
	}

	shim_sched_params params_;
	std::unique_ptr<Strategy> strategy_;
	std::vector<std::unique_ptr<Task>> tasks_;
	std::vector<unsigned> ids_;
	uint64_t step_ = 0;
	uint64_t now_ns_ = 0;
	uint64_t last_progress_ = 0;	// step of the last state change
	uint64_t max_steps_;
	uint64_t hash_ = kFnvOffset;
	unsigned nr_choices_ = 0;
	RcuMode rcu_mode_ = RcuMode::normal;
	Task *dump_requester_ = nullptr;
	int live_tasks_ = 0;
	const int cpus_ = static_cast<int>(sysconf(_SC_NPROCESSORS_ONLN));
	Task *last_runner_ = nullptr;
	uint64_t run_length_ = 0;
	Task *rcu_task_ = nullptr;
	std::deque<QueuedCallback> callbacks_;
	uint64_t cb_queued_ = 0, cb_done_ = 0;
	bool stopping_ = false;
};

std::unique_ptr<Scheduler> g_sched;
pid_t saved_main_pid;

// Tasks show a virtual pid, the same in every run of a schedule.
void set_virtual_pid(Task *t)
{
	t->ts->pid = static_cast<pid_t>(1000 + t->id);
}

void sync_hook(enum shim_sync_op op, const volatile void *addr)
{
	Task *t = tls_task;
	if (!t || tls_in_sched)
		return;
	Enter enter;
	g_sched->on_sync(t, op, addr);
}

} // namespace

bool current_is_task()
{
	return tls_task != nullptr && !tls_in_sched;
}

uint64_t now_ns()
{
	return g_sched->now();
}

void sleep(struct task_struct *ts, uint64_t deadline_ns)
{
	Enter enter;
	Task *cur = tls_task;
	for (;;) {
		unsigned int st = __atomic_load_n(&ts->__state,
						  __ATOMIC_RELAXED);
		if (st == TASK_RUNNING)
			return;
		if (signal_wakes(st, ts) ||
		    (deadline_ns && g_sched->now() >= deadline_ns)) {
			__atomic_store_n(&ts->__state, TASK_RUNNING,
					 __ATOMIC_RELAXED);
			return;
		}
		cur->deadline_ns = deadline_ns;
		g_sched->block(cur, Wait::sleep);
	}
}

Task *spawn()
{
	Enter enter;
	return g_sched->add_task();
}

void set_pthread(Task *t, unsigned long pthread_id)
{
	Enter enter;
	t->pthread_id = pthread_id;
}

Task *find(unsigned long pthread_id)
{
	Enter enter;
	return g_sched->find(pthread_id);
}

void attach(Task *t)
{
	{
		Enter enter;
		tls_task = t;
		g_sched->park(t);
		t->wait = Wait::none;
	}
	struct task_struct *ts = current;
	Enter enter;
	t->ts = ts;
	set_virtual_pid(t);
}

void attach_failed(Task *t)
{
	Enter enter;
	g_sched->retire(t);
}

void forget_task_struct()
{
	Enter enter;
	tls_task->ts = nullptr;
}

void exit_current()
{
	Enter enter;
	g_sched->exit(tls_task);
}

void join(Task *target)
{
	Enter enter;
	Task *cur = tls_task;
	cur->join_target = target;
	while (target->wait != Wait::exited)
		g_sched->block(cur, Wait::join);
}

void rcu_quiescent()
{
	Enter enter;
	tls_task->rcu_qs++;
}

void synchronize_rcu()
{
	Enter enter;
	Task *cur = tls_task;
	cur->gp_readers = g_sched->rcu_readers(false);
	g_sched->block(cur, Wait::rcu_gp);
}

void call_rcu(const RcuCallback &cb)
{
	Enter enter;
	g_sched->queue_callback(cb);
}

void rcu_barrier()
{
	Enter enter;
	Task *cur = tls_task;
	cur->barrier_target = g_sched->callbacks_queued();
	g_sched->block(cur, Wait::rcu_barrier);
}

std::optional<RcuCallback> rcu_next_callback()
{
	Enter enter;
	return g_sched->next_callback(tls_task);
}

void rcu_callback_done()
{
	Enter enter;
	g_sched->callback_done();
}

} // namespace shim::sched

using namespace shim::sched;

extern "C" {

bool shim_sched_start(const struct shim_sched_params *params)
{
#ifndef CONFIG_SHIM_SYNC_HOOK
	(void)params;
	return false;
#else
	struct task_struct *ts = current;
	{
		Enter enter;
		g_sched = std::make_unique<Scheduler>(*params);
		Task *main = g_sched->add_task();
		main->wait = Wait::none;
		main->ts = ts;
		saved_main_pid = ts->pid;
		set_virtual_pid(main);
		tls_task = main;
		g_sched->start_rcu_task();
	}
	shim_sync_hook_t hook = sync_hook;
	__atomic_store_n(&shim_sync_hook, hook, __ATOMIC_RELAXED);
	return true;
#endif
}

void shim_sched_stop(struct shim_sched_result *result)
{
	if (!tls_task)
		return;
	unsigned long rcu_thread;
	{
		Enter enter;
		Task *main = tls_task;
		g_sched->finish(main);
		__atomic_store_n(&shim_sync_hook, nullptr, __ATOMIC_RELAXED);
		tls_task = nullptr;
		main->ts->pid = saved_main_pid;
		if (result)
			g_sched->fill(result);
		rcu_thread = g_sched->rcu_pthread();
	}
	__real_pthread_join(static_cast<pthread_t>(rcu_thread), nullptr);
	// Every reader is gone: what is still queued may run now.
	auto left = [] {
		Enter enter;
		return g_sched->take_callbacks();
	}();
	for (const auto &q : left)
		shim_rcu_invoke(q.cb);
	Enter enter;
	g_sched.reset();
}

bool shim_sched_active(void)
{
	return tls_task != nullptr;
}

void shim_sched_set_max_steps(uint64_t max_steps)
{
	if (!tls_task)
		return;
	Enter enter;
	g_sched->set_max_steps(max_steps);
}

uint64_t shim_sched_clock_ns(void)
{
	if (!tls_task)
		return monotonic_ns();
	Enter enter;
	return g_sched->now();
}

} // extern "C"
