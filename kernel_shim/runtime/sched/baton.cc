// SPDX-License-Identifier: GPL-2.0-only
//
// User-space only: the baton's futex protocol (baton.h).
#include "baton.h"

#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace shim::sched {

namespace {

// A hand-off is usually answered within microseconds, and a futex round
// trip costs more than that: spin this many times first.
constexpr int kSpins = 2000;

inline void cpu_pause()
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#endif
}

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

} // namespace

Baton::Value Baton::wait(bool may_spin)
{
	int spins = may_spin ? kSpins : 0;

	for (;;) {
		for (int i = 0;; i++) {
			uint32_t v = word_.load(std::memory_order_relaxed);
			if (v != kWait)
				return static_cast<Value>(v);
			if (i >= spins)
				break;
			cpu_pause();
		}
		sleeping_.store(true, std::memory_order_relaxed);
		std::atomic_thread_fence(std::memory_order_seq_cst);
		if (word_.load(std::memory_order_relaxed) == kWait)
			futex_wait(&word_, kWait);
		sleeping_.store(false, std::memory_order_relaxed);
	}
}

// Pairs with wait(): either the sleeper sees the new value before it
// sleeps, or we see it sleeping and wake it.
void Baton::give(Value v)
{
	std::atomic_thread_fence(std::memory_order_seq_cst);
	word_.store(v, std::memory_order_relaxed);
	std::atomic_thread_fence(std::memory_order_seq_cst);
	if (sleeping_.load(std::memory_order_relaxed))
		futex_wake(&word_);
}

} // namespace shim::sched
