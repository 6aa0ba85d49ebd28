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
// Waits for @pid at most @timeout_s; past it, writes a byte to @hang_fd
// (when >= 0: the child's request for a hang report) and gives the child
// @report_s more to print it and exit, then kills its process group.
WaitResult wait_for_child(pid_t pid, double timeout_s, int hang_fd = -1,
			  double report_s = 0);

} // namespace harness
