// SPDX-License-Identifier: GPL-2.0-only
//
// Judging one run of a test child: how it ended, what it printed, which
// reports it raised or was expected to raise. Nothing is printed here:
// the verdict carries the diagnostic lines, so that the runner can run a
// test under many schedules and show only the one that decides.
#pragma once

#include <string>
#include <vector>

#include "harness_abi.h"
#include "registry.h"
#include "wait.h"

namespace harness {

struct Execution {
	WaitResult wait;
	std::string output;	// what the child wrote to its log
	__test_results results;	// copied from the shared page
	double timeout_s = 0;
	std::string log_path;
};

struct Verdict {
	int code;			// KSFT_*
	std::string note;		// for the TAP line
	bool timeout = false;		// "# TIMEOUT" directive
	bool has_reports = false;
	std::vector<std::string> lines;	// "# ..." diagnostics, in order

	bool passed() const;
};

Verdict judge(const TestCase &c, const Execution &e);

} // namespace harness
