// SPDX-License-Identifier: GPL-2.0-only
//
// The kernel's RCU API on liburcu-memb: read-side sections with automatic
// thread registration, grace periods, and call_rcu/rcu_barrier on a
// worker thread of our own, all made visible to ThreadSanitizer.
// Under the deterministic scheduler liburcu is not used at all: grace
// periods and callbacks are scheduled like everything else
// (runtime/rcu/sched_rcu.cc), so that no thread outside the schedule
// decides when they happen.
#include "../../runtime/rcu/urcu_glue.h"

#include <condition_variable>
#include <cstdint>
#include <cstdlib>
#include <mutex>
#include <thread>
#include <vector>

#include <linux/lockdep.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <shim/tsan.h>

#include "../../runtime/rcu/sched_rcu.h"
#include "../../runtime/sched/sched.h"

#ifdef CONFIG_LOCKDEP
// rcu_read_lock() is a recursive read lock for lockdep (check=0: no
// dependencies), so a section left open shows among the held locks.
struct lockdep_map rcu_lock_map;
static struct lock_class_key rcu_lock_key;
static const bool rcu_lock_map_ready =
	(lockdep_init_map(&rcu_lock_map, "rcu_read_lock", &rcu_lock_key, 0),
	 true);
#endif

namespace {

void invoke_callback(const shim::sched::rcu::Callback &cb)
{
	if (cb.func)
		cb.func(cb.head);
	else
		kfree(cb.ptr);
}

// The object every reader releases and every grace period acquires.
char rcu_gp_sync;
// The object every invoked callback releases and rcu_barrier() acquires.
char rcu_barrier_sync;

struct Registration {
	bool registered = false;

	void ensure()
	{
		if (!registered) {
			shim::urcu::register_thread();
			registered = true;
		}
	}
	~Registration()
	{
		if (registered)
			shim::urcu::unregister_thread();
	}
};

thread_local Registration registration;

// call_rcu() callbacks: queued under a mutex, run by one worker thread
// after a grace period that began after they were queued.
class CallbackQueue {
public:
	using Callback = shim::sched::rcu::Callback;

	void enqueue(const Callback &cb)
	{
		std::lock_guard<std::mutex> lock(mutex_);
		queue_.push_back(cb);
		queued_++;
		if (!worker_.joinable() && !stopping_)
			worker_ = std::thread([this] { run(); });
		work_cv_.notify_one();
	}

	// Queued or running: a callback may yet wake a task.
	bool pending()
	{
		std::lock_guard<std::mutex> lock(mutex_);
		return completed_ < queued_;
	}

	void wait_for_all()
	{
		std::unique_lock<std::mutex> lock(mutex_);
		uint64_t target = queued_;
		done_cv_.wait(lock, [&] { return completed_ >= target; });
	}

	~CallbackQueue()
	{
		{
			std::lock_guard<std::mutex> lock(mutex_);
			stopping_ = true;
			work_cv_.notify_one();
		}
		if (worker_.joinable())
			worker_.join();
		// What was queued as threads exited (the worker's own task,
		// the main thread's) still gets a grace period and its call.
		for (;;) {
			std::vector<Callback> batch;
			{
				std::lock_guard<std::mutex> lock(mutex_);
				batch.swap(queue_);
			}
			if (batch.empty())
				break;
			invoke(batch);
		}
	}

private:
	static void invoke(const std::vector<Callback> &batch)
	{
		synchronize_rcu();
		for (const Callback &cb : batch)
			invoke_callback(cb);
	}

	void run()
	{
		set_task_comm(current, "rcu_callbacks");
		std::unique_lock<std::mutex> lock(mutex_);
		for (;;) {
			work_cv_.wait(lock, [&] {
				return stopping_ || !queue_.empty();
			});
			if (queue_.empty())
				return;
			std::vector<Callback> batch;
			batch.swap(queue_);
			lock.unlock();
			invoke(batch);
			lock.lock();
			completed_ += batch.size();
			done_cv_.notify_all();
		}
	}

	std::mutex mutex_;
	std::condition_variable work_cv_, done_cv_;
	std::vector<Callback> queue_;
	uint64_t queued_ = 0, completed_ = 0;
	bool stopping_ = false;
	std::thread worker_;
};

CallbackQueue &callbacks()
{
	static CallbackQueue q;
	return q;
}

} // namespace

// The scheduler's callback queue is invisible to TSan (the free-running
// one is a mutex-protected queue, which TSan sees): the caller's accesses
// before call_rcu() are published to the callback explicitly.
static void sched_call_rcu(const shim::sched::rcu::Callback &cb)
{
	shim_tsan_release(cb.head);
	if (shim_lkmm_on())
		shim_lkmm_event(SHIM_LKMM_RCU_GP_START, &rcu_gp_sync);
	shim::sched::rcu::call(cb);
}

// The body of the scheduler's RCU callback task (runtime/rcu/
// sched_rcu.h): it leaves its thread's task when the queue is done.
static void sched_callback_task()
{
	set_task_comm(current, "rcu_callbacks");
	while (auto cb = shim::sched::rcu::next_callback()) {
		shim_tsan_acquire(&rcu_gp_sync);
		if (shim_lkmm_on())
			shim_lkmm_event(SHIM_LKMM_RCU_GP_DONE, &rcu_gp_sync);
		// Pairs with sched_call_rcu(): the callback runs after what its
		// caller did before queueing it.
		shim_tsan_acquire(cb->head);
		invoke_callback(*cb);
		// Pairs with rcu_barrier(): what a callback did happens
		// before the barrier that waited for it returns.
		shim_tsan_release(&rcu_barrier_sync);
		shim::sched::rcu::callback_done();
	}
	shim_task_exit();
}

// The runtime runs them; it never calls up into this file by name.
[[maybe_unused]] static const bool sched_hooks_set =
	(shim::sched::rcu::set_hooks({ sched_callback_task, invoke_callback }),
	 true);

extern "C" {

bool shim_rcu_callbacks_pending(void)
{
	return callbacks().pending();
}

void rcu_read_lock(void)
{
	struct task_struct *t = current;
	bool scheduled = shim::sched::current_is_task();

	if (!scheduled)
		registration.ensure();
	shim_sync_point(SHIM_SYNC_RCU, &rcu_gp_sync);
	if (shim_lkmm_on())
		shim_lkmm_event(SHIM_LKMM_RCU_LOCK, &rcu_gp_sync);
	if (!scheduled)
		shim::urcu::read_lock();
	t->rcu_read_lock_nesting++;
	lock_acquire(&rcu_lock_map, 0, 0, 2, 0, NULL, _RET_IP_);
}

void rcu_read_unlock(void)
{
	struct task_struct *t = current;

	if (t->rcu_read_lock_nesting <= 0) {
		lockdep_rcu_suspicious(__FILE__, __LINE__,
				       "rcu_read_unlock() without rcu_read_lock()");
		return;
	}
	t->rcu_read_lock_nesting--;
	lock_release(&rcu_lock_map, _RET_IP_);
	shim_tsan_release(&rcu_gp_sync);
	if (shim_lkmm_on())
		shim_lkmm_event(SHIM_LKMM_RCU_UNLOCK, &rcu_gp_sync);
	if (shim::sched::current_is_task()) {
		if (!t->rcu_read_lock_nesting)
			shim::sched::rcu::quiescent();
	} else {
		shim::urcu::read_unlock();
	}
	shim_sync_point(SHIM_SYNC_RCU, &rcu_gp_sync);
}

int rcu_read_lock_held(void)
{
	return current->rcu_read_lock_nesting > 0;
}

void synchronize_rcu(void)
{
	// liburcu would wait for this very reader forever: report instead.
	// (Reported even without CONFIG_PROVE_RCU: the alternative is a hang.)
	if (rcu_read_lock_held()) {
		lockdep_rcu_suspicious(__FILE__, __LINE__,
				       "Illegal synchronize_rcu() in RCU read-side critical section");
		return;
	}
	might_sleep();
	shim_sync_point(SHIM_SYNC_RCU, &rcu_gp_sync);
	if (shim_lkmm_on())
		shim_lkmm_event(SHIM_LKMM_RCU_GP_START, &rcu_gp_sync);
	if (shim::sched::current_is_task())
		shim::sched::rcu::synchronize();
	else
		shim::urcu::synchronize();
	shim_tsan_acquire(&rcu_gp_sync);
	if (shim_lkmm_on())
		shim_lkmm_event(SHIM_LKMM_RCU_GP_DONE, &rcu_gp_sync);
}

void call_rcu(struct rcu_head *head, rcu_callback_t func)
{
	shim_sync_point(SHIM_SYNC_RCU, head);
	if (shim::sched::current_is_task())
		sched_call_rcu({ head, func, nullptr });
	else
		callbacks().enqueue({ head, func, nullptr });
}

void kvfree_call_rcu(struct rcu_head *head, void *ptr)
{
	shim_sync_point(SHIM_SYNC_RCU, head);
	if (shim::sched::current_is_task())
		sched_call_rcu({ head, nullptr, ptr });
	else
		callbacks().enqueue({ head, nullptr, ptr });
}

void rcu_barrier(void)
{
	might_sleep();
	if (shim::sched::current_is_task()) {
		shim::sched::rcu::wait_for_callbacks();
		shim_tsan_acquire(&rcu_barrier_sync);
	} else
		callbacks().wait_for_all();
}

} // extern "C"
