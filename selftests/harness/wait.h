// SPDX-License-Identifier: GPL-2.0-only
//
// Waiting for a test child, with a timeout that kills its process group.
#pragma once

#include <sys/types.h>

namespace harness {

struct WaitResult {
	int status = 0;
	bool timed_out = false;
	bool wait_failed = false;
};

// Waits up to @timeout_s for @pid; on expiry kills its whole process
// group. Either way leaves no helper of the test behind.
WaitResult wait_for_child(pid_t pid, double timeout_s);

} // namespace harness
