// SPDX-License-Identifier: GPL-2.0-only
//
// User-space only: the word a task's thread parks on until the scheduler
// hands it the right to run (or asks it for its stack).
//
// The hand-off must not look like synchronization to ThreadSanitizer, or
// it would hide the races we look for: the word is a relaxed atomic plus
// seq_cst fences (which TSan ignores) and a futex (which it cannot see).
#pragma once

#include <atomic>
#include <cstdint>

namespace shim::sched {

class Baton {
public:
	enum Value : uint32_t { kWait = 0, kRun = 1, kDump = 2 };

	// Until the word is not kWait; returns it. Spins first when
	// @may_spin (every parked thread has a CPU of its own).
	Value wait(bool may_spin);
	// Sets the word and wakes the thread parked on it.
	void give(Value v);
	// Back to kWait before handing over.
	void drop() { word_.store(kWait, std::memory_order_relaxed); }

private:
	std::atomic<uint32_t> word_{ kWait };
	std::atomic<bool> sleeping_{ false };	// on the futex: wake it
};

} // namespace shim::sched
