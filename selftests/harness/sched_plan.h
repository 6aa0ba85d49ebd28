// SPDX-License-Identifier: GPL-2.0-only
//
// Which schedules the runner asks the deterministic scheduler for: the
// strategy given with --sched, the replay tokens that name one schedule,
// and the enumeration of schedules for dfs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <shim/sched.h>

namespace harness {

struct SchedSpec {
	shim_sched_strategy strategy = SHIM_SCHED_OFF;
	unsigned depth = 3;		// pct:D
	unsigned preemptions = 2;	// dfs:K
	shim_memory_model memory_model = SHIM_MM_LKMM;	// --memory-model
};

std::optional<SchedSpec> parse_sched_spec(const std::string &s);
std::string spec_name(const SchedSpec &s);
std::optional<shim_memory_model> parse_memory_model(const std::string &s);
const char *memory_model_name(shim_memory_model m);

// One schedule: "random@SEED", "pct:D:kSTEPS@SEED" or "dfs@CHOICES";
// under the lkmm memory model (the default) the head ends in "+lkmm"
// ("dfs+lkmm@ab"); a token without it names an sc schedule, as every
// token did before the model existed.
struct Token {
	SchedSpec spec;
	uint64_t seed = 0;
	uint64_t pct_steps = 0;
	std::vector<uint8_t> prefix;	// dfs: forced choices
};

std::string encode_token(const Token &t);
// Sets the fields of @sp that name @t's schedule (where its choices and
// live counts go is the caller's); @sp points into @t, which must outlive
// its use.
void apply_token(const Token &t, shim_sched_params &sp);
std::optional<Token> decode_token(const std::string &s);

// The schedules of one test, one after the other.
class Explorer {
public:
	// @runs schedules from @test_seed (dfs: at most @runs).
	Explorer(const SchedSpec &spec, uint64_t test_seed, unsigned runs);
	// Exactly the one schedule @replay names.
	explicit Explorer(const Token &replay);

	std::optional<Token> next();
	// What the last schedule did: its steps and choice points.
	void finished(uint64_t steps, const shim_sched_choice *choices,
		      unsigned nr_choices, bool truncated);

	unsigned count() const { return count_; }
	// dfs: every schedule within the bound was run.
	bool exhausted() const { return exhausted_; }
	// dfs: a schedule had more choice points than could be recorded.
	bool incomplete() const { return incomplete_; }

private:
	struct Node {
		uint64_t enabled;
		uint64_t done;
		uint8_t running;
		uint8_t chosen;
		bool running_runnable;
		unsigned preemptions_before;
	};

	bool backtrack();

	SchedSpec spec_;
	uint64_t test_seed_ = 0;
	unsigned runs_ = 1;
	unsigned count_ = 0;
	// PCT's k: the longest run of this test so far (0 before the first).
	uint64_t pct_steps_ = 0;
	std::optional<Token> replay_;
	std::vector<Node> stack_;
	std::vector<uint8_t> prefix_;
	bool exhausted_ = false;
	bool incomplete_ = false;
};

} // namespace harness
