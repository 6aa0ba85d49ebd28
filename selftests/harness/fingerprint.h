// SPDX-License-Identifier: GPL-2.0-only
//
// The "# fingerprint:" line a test prints after its schedules.
#pragma once

#include <cinttypes>
#include <cstdio>
#include <string>

#include "harness_abi.h"
#include "sched_plan.h"

namespace harness {

// "# fingerprint:" of a test under the scheduler: its schedules' VMA
// lock counters and a hash of their sync-event traces.
class Fingerprint {
public:
	void add(const __test_results &r)
	{
		// A schedule that failed counts up to where it stopped.
		if (!r.sched_done)
			complete_ = false;
		schedules_++;
		steps_ += r.sched_steps;
		hash_ = (hash_ ^ r.sched_trace_hash) * 0x100000001b3ULL;
		for (int i = 0; i < 4; i++)
			vma_lock_[i] += r.vma_lock_events[i];
	}

	std::string line(const std::string &name, const Explorer &ex,
			 uint64_t base_seed) const
	{
		char buf[512];
		std::snprintf(buf, sizeof(buf),
			      "# fingerprint: %s seed=%" PRIu64 " schedules=%u%s steps=%" PRIu64
			      " trace=%016" PRIx64 " vma_lock_success=%lu vma_lock_abort=%lu"
			      " vma_lock_retry=%lu vma_lock_miss=%lu\n",
			      name.c_str(), base_seed, schedules_,
			      complete_ ? "" : " (the last one did not finish)", steps_, hash_,
			      vma_lock_[0], vma_lock_[1], vma_lock_[2],
			      vma_lock_[3]);
		std::string s = buf;
		if (ex.exhausted() && !ex.incomplete())
			s += "# dfs: the schedule space is exhausted after " +
			     std::to_string(ex.count()) + " schedules\n";
		else if (ex.incomplete())
			s += "# dfs: a schedule had more choice points than can be recorded; exploration stopped\n";
		return s;
	}

private:
	unsigned schedules_ = 0;
	bool complete_ = true;
	uint64_t steps_ = 0;
	uint64_t hash_ = 0xcbf29ce484222325ULL;
	unsigned long vma_lock_[4] = {};
};

} // namespace harness
