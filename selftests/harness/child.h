// SPDX-License-Identifier: GPL-2.0-only
//
// What runs inside the forked test child.
#pragma once

#include <cstdint>

#include <shim/sched.h>

#include "registry.h"

namespace harness {

struct ChildParams {
	uint64_t seed;
	uint64_t duration_ms;	// 0: the test's own default
	uint64_t iterations;	// 0: the test's own default
	int log_fd;		// becomes the child's stdout and stderr
	// The schedule to run the test under, or nullptr: free-running.
	const shim_sched_params *sched = nullptr;
	// Free-running: a byte here asks for a hang report (the test
	// outlived timeout_s); -1: none.
	int hang_fd = -1;
	double timeout_s = 0;
};

// The program is linked with the kernel shim, so it has the scheduler.
bool scheduler_available();
// The program links the kernel shim's hang report (shim_hang_watch).
bool hang_report_available();

[[noreturn]] void run_child(const TestCase &c, __test_results *results,
			    const ChildParams &p);

} // namespace harness
