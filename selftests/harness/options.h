// SPDX-License-Identifier: GPL-2.0-only
//
// The runner's command line: kselftest's filters plus seeds, stress-test
// knobs, timeouts and shards.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sched_plan.h"

namespace harness {

struct Filter {
	char kind;		// one of f F v V t T r, as on the command line
	std::string name;
	bool matched = false;
};

struct Options {
	bool list = false;
	bool help = false;
	std::vector<Filter> filters;
	std::optional<uint64_t> seed;
	std::optional<uint64_t> duration_ms;
	std::optional<uint64_t> iterations;
	double timeout_multiplier = 1.0;
	unsigned shard_index = 0;	// 0-based
	unsigned shard_count = 1;
	std::string log_dir;
	std::string argv0;
	// The deterministic scheduler: strategy, schedules per test, a
	// schedule to replay, the step bound.
	SchedSpec sched;
	std::optional<unsigned> sched_runs;
	std::optional<Token> sched_replay;
	uint64_t sched_max_steps = 0;
	bool sched_trace = false;
	// --memory-model: what a marked load may return under --sched.
	std::optional<shim_memory_model> memory_model;
};

// Parses argv; on a bad argument prints the reason and the usage to
// stderr and returns nothing.
std::optional<Options> parse_options(int argc, char **argv);

void print_usage(const char *argv0);

} // namespace harness
