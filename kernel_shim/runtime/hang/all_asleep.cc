// SPDX-License-Identifier: GPL-2.0-only
//
// User space only: see all_asleep.h. Everything is under one spinlock of
// plain atomics (this file is not instrumented, so TSan sees none of it),
// in fixed tables: no allocation on the sleep path.
#include "all_asleep.h"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>

#include <linux/sched.h>

namespace shim::sched::all_asleep {
namespace {

constexpr size_t kMax = 256;

template <typename T> struct Table {
	std::array<T, kMax> slot{};
	size_t n = 0;

	bool has(T v) const
	{
		return std::find(slot.begin(), slot.begin() + n, v) !=
		       slot.begin() + n;
	}
	void add(T v)
	{
		if (n < kMax && !has(v))
			slot[n++] = v;
	}
	bool remove(T v)
	{
		auto end = slot.begin() + n;
		auto it = std::find(slot.begin(), end, v);
		if (it == end)
			return false;
		*it = slot[--n];
		return true;
	}
};

struct State {
	int trigger_fd = -1;
	size_t reserved = 0;			// started, not yet running
	Table<pthread_t> live;			// counted threads
	Table<struct task_struct *> sleepers;	// in schedule(), no timeout
	Table<pthread_t> joined;		// targets of a waiting join
	size_t overflow = 0;			// a table was full: give up
};

std::atomic_flag lock_word = ATOMIC_FLAG_INIT;
State state;

class Locked {
public:
	Locked()
	{
		while (lock_word.test_and_set(std::memory_order_acquire))
			;
	}
	~Locked() { lock_word.clear(std::memory_order_release); }
	Locked(const Locked &) = delete;
	Locked &operator=(const Locked &) = delete;
};

bool hung_locked()
{
	size_t live = state.live.n + state.reserved;
	size_t asleep = state.sleepers.n + state.joined.n;
	if (state.trigger_fd < 0 || state.overflow || !live || asleep < live)
		return false;
	// A sleeper a waker has set running, but that has not run yet, is
	// awake: its wake-up is in flight.
	for (size_t i = 0; i < state.sleepers.n; i++)
		if (__atomic_load_n(&state.sleepers.slot[i]->__state,
				    __ATOMIC_ACQUIRE) == TASK_RUNNING)
			return false;
	return true;
}

void count_self()
{
	if (state.live.n == kMax)
		state.overflow++;
	state.live.add(pthread_self());
}

// Called with the lock held, after a task went to sleep.
void maybe_trigger()
{

	if (!hung_locked())
		return;
	char byte = 1;
	ssize_t r = write(state.trigger_fd, &byte, 1);
	(void)r;
}

// A thread's exit: it no longer counts, and whoever joins it is awake.
struct Exit {
	bool counted = false;
	~Exit()
	{
		if (!counted)
			return;
		Locked l;
		pthread_t self = pthread_self();
		state.live.remove(self);
		state.joined.remove(self);
	}
};
thread_local Exit exit_hook;

} // namespace

void watch(int trigger_fd)
{
	Locked l;
	state.trigger_fd = trigger_fd;
}

bool hung()
{
	Locked l;
	return hung_locked();
}

void thread_reserved()
{
	Locked l;
	count_self();
	state.reserved++;
}

void thread_reservation_failed()
{
	Locked l;
	state.reserved--;
}

void thread_started()
{
	exit_hook.counted = true;
	Locked l;
	state.reserved--;
	count_self();
}

void sleep_begin(struct task_struct *t)
{
	Locked l;
	count_self();
	state.sleepers.add(t);
	maybe_trigger();
}

void sleep_end(struct task_struct *t)
{
	Locked l;
	state.sleepers.remove(t);
}

void join_begin(pthread_t target)
{
	Locked l;
	count_self();
	// Not ours, or gone already: no wait. (A thread just started may
	// not have counted itself yet: while it has not, it counts as awake,
	// so counting this join early cannot make a hang of nothing.)
	if (!state.live.has(target) && !state.reserved)
		return;
	state.joined.add(target);
	maybe_trigger();
}

void join_end(pthread_t target)
{
	Locked l;
	state.joined.remove(target);
}

} // namespace shim::sched::all_asleep
