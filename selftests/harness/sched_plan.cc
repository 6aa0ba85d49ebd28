// SPDX-License-Identifier: GPL-2.0-only
#include "sched_plan.h"

#include <cctype>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>

#include "select.h"

namespace harness {
namespace {

std::optional<unsigned> parse_small(const std::string &s)
{
	if (s.empty() || s.size() > 4)
		return std::nullopt;
	for (char c : s)
		if (!std::isdigit(static_cast<unsigned char>(c)))
			return std::nullopt;
	return static_cast<unsigned>(std::stoul(s));
}

// Task ids as letters: a-z then A-Z.
char id_letter(uint8_t id)
{
	return id < 26 ? static_cast<char>('a' + id)
		       : static_cast<char>('A' + id - 26);
}

std::optional<uint8_t> letter_id(char c)
{
	if (c >= 'a' && c <= 'z')
		return static_cast<uint8_t>(c - 'a');
	if (c >= 'A' && c <= 'Z')
		return static_cast<uint8_t>(c - 'A' + 26);
	return std::nullopt;
}

} // namespace

std::optional<SchedSpec> parse_sched_spec(const std::string &s)
{
	SchedSpec spec;
	std::string name = s.substr(0, s.find(':'));
	std::string arg = s.find(':') == std::string::npos
				  ? ""
				  : s.substr(s.find(':') + 1);
	if (name == "off" && arg.empty()) {
		spec.strategy = SHIM_SCHED_OFF;
	} else if (name == "random" && arg.empty()) {
		spec.strategy = SHIM_SCHED_RANDOM;
	} else if (name == "pct") {
		spec.strategy = SHIM_SCHED_PCT;
		if (!arg.empty()) {
			std::optional<unsigned> d = parse_small(arg);
			if (!d || *d < 1 || *d > 64)
				return std::nullopt;
			spec.depth = *d;
		}
	} else if (name == "dfs") {
		spec.strategy = SHIM_SCHED_DFS;
		if (!arg.empty()) {
			std::optional<unsigned> k = parse_small(arg);
			if (!k || *k > 64)
				return std::nullopt;
			spec.preemptions = *k;
		}
	} else {
		return std::nullopt;
	}
	return spec;
}

std::string spec_name(const SchedSpec &s)
{
	switch (s.strategy) {
	case SHIM_SCHED_RANDOM:
		return "random";
	case SHIM_SCHED_PCT:
		return "pct:" + std::to_string(s.depth);
	case SHIM_SCHED_DFS:
		return "dfs:" + std::to_string(s.preemptions);
	default:
		return "off";
	}
}

std::optional<shim_memory_model> parse_memory_model(const std::string &s)
{
	if (s == "sc")
		return SHIM_MM_SC;
	if (s == "lkmm")
		return SHIM_MM_LKMM;
	return std::nullopt;
}

const char *memory_model_name(shim_memory_model m)
{
	return m == SHIM_MM_LKMM ? "lkmm" : "sc";
}

namespace {

constexpr char kLkmmMark[] = "+lkmm";

std::string model_mark(const Token &t)
{
	return t.spec.memory_model == SHIM_MM_LKMM ? kLkmmMark : "";
}

} // namespace

// The dfs prefix run-length encoded: "a12b3a" is twelve a's, three b's, a.
std::string encode_token(const Token &t)
{
	char buf[64];
	switch (t.spec.strategy) {
	case SHIM_SCHED_RANDOM:
		std::snprintf(buf, sizeof(buf), "random%s@%016" PRIx64,
			      model_mark(t).c_str(), t.seed);
		return buf;
	case SHIM_SCHED_PCT:
		std::snprintf(buf, sizeof(buf), "pct:%u:k%" PRIu64 "%s@%016" PRIx64,
			      t.spec.depth, t.pct_steps, model_mark(t).c_str(),
			      t.seed);
		return buf;
	default:
		break;
	}
	std::string s = "dfs" + model_mark(t) + "@";
	for (size_t i = 0; i < t.prefix.size();) {
		size_t j = i;
		while (j < t.prefix.size() && t.prefix[j] == t.prefix[i])
			j++;
		s += id_letter(t.prefix[i]);
		if (j - i > 1)
			s += std::to_string(j - i);
		i = j;
	}
	if (t.prefix.empty())
		s += "-";
	return s;
}

std::optional<Token> decode_token(const std::string &s)
{
	size_t at = s.find('@');
	if (at == std::string::npos)
		return std::nullopt;
	std::string head = s.substr(0, at), tail = s.substr(at + 1);
	Token t;
	t.spec.memory_model = SHIM_MM_SC;	// a token without a mark
	size_t mark = head.size() >= sizeof(kLkmmMark) - 1
			      ? head.size() - (sizeof(kLkmmMark) - 1)
			      : std::string::npos;
	if (mark != std::string::npos && head.compare(mark, std::string::npos,
						      kLkmmMark) == 0) {
		t.spec.memory_model = SHIM_MM_LKMM;
		head.resize(mark);
	}
	if (head == "dfs") {
		t.spec.strategy = SHIM_SCHED_DFS;
		if (tail == "-")
			return t;
		for (size_t i = 0; i < tail.size();) {
			std::optional<uint8_t> id = letter_id(tail[i++]);
			if (!id || *id >= SHIM_SCHED_MAX_TASKS)
				return std::nullopt;
			size_t n = 0, j = i;
			while (j < tail.size() &&
			       std::isdigit(static_cast<unsigned char>(tail[j])))
				n = n * 10 + (tail[j++] - '0');
			if (j - i > 7)
				return std::nullopt;
			t.prefix.insert(t.prefix.end(), j > i ? n : 1, *id);
			i = j;
		}
		return t.prefix.empty() ? std::nullopt : std::optional(t);
	}
	if (tail.size() != 16)
		return std::nullopt;
	char *end;
	t.seed = std::strtoull(tail.c_str(), &end, 16);
	if (*end)
		return std::nullopt;
	if (head == "random") {
		t.spec.strategy = SHIM_SCHED_RANDOM;
		return t;
	}
	unsigned depth;
	unsigned long long k;
	char extra;
	if (std::sscanf(head.c_str(), "pct:%u:k%llu%c", &depth, &k, &extra) != 2 ||
	    depth < 1 || depth > 64)
		return std::nullopt;
	t.spec.strategy = SHIM_SCHED_PCT;
	t.spec.depth = depth;
	t.pct_steps = k;
	return t;
}

Explorer::Explorer(const SchedSpec &spec, uint64_t test_seed, unsigned runs)
	: spec_(spec), test_seed_(test_seed), runs_(runs)
{
}

Explorer::Explorer(const Token &replay) : spec_(replay.spec), replay_(replay)
{
}

void apply_token(const Token &t, shim_sched_params &sp)
{
	sp.strategy = t.spec.strategy;
	sp.seed = t.seed;
	sp.pct_depth = t.spec.depth;
	sp.pct_steps = t.pct_steps;
	sp.prefix = t.prefix.data();
	sp.prefix_len = static_cast<unsigned>(t.prefix.size());
	sp.memory_model = t.spec.memory_model;
}

std::optional<Token> Explorer::next()
{
	if (replay_) {
		if (count_++)
			return std::nullopt;
		return replay_;
	}
	if (count_ >= runs_ || exhausted_)
		return std::nullopt;
	Token t;
	t.spec = spec_;
	t.seed = mix64(test_seed_ + 0x9e3779b97f4a7c15ULL * (count_ + 1));
	t.pct_steps = pct_steps_;
	t.prefix = prefix_;
	count_++;
	return t;
}

void Explorer::finished(uint64_t steps, const shim_sched_choice *choices,
			unsigned nr_choices, bool truncated)
{
	// PCT's k is the number of steps a run takes (Burckhardt et al.):
	// the change points are spread over the longest run of this test
	// seen so far. (A fixed guess is wrong both ways: too long and a
	// short test never reaches its change points, too short and a long
	// one has them all at its start.) The first schedule, with k = 0,
	// has no change point: it measures k.
	if (steps > pct_steps_)
		pct_steps_ = steps;
	if (spec_.strategy != SHIM_SCHED_DFS || replay_)
		return;
	if (truncated) {
		incomplete_ = true;
		exhausted_ = true;	// cannot enumerate what we cannot see
		return;
	}
	// Nodes of the forced prefix keep what was tried there; the rest
	// of the run is new.
	stack_.resize(std::min<size_t>(stack_.size(), prefix_.size()));
	for (unsigned i = stack_.size(); i < nr_choices; i++) {
		const shim_sched_choice &c = choices[i];
		unsigned before = 0;
		if (!stack_.empty()) {
			const Node &p = stack_.back();
			before = p.preemptions_before +
				 (p.chosen != p.running && p.running_runnable);
		}
		stack_.push_back({ c.enabled, 1ULL << c.chosen, c.running,
				   c.chosen, c.current_runnable != 0, before });
	}
	if (!backtrack())
		exhausted_ = true;
}

// The deepest choice point with an untried task within the preemption
// bound becomes the end of the next prefix.
bool Explorer::backtrack()
{
	while (!stack_.empty()) {
		Node &n = stack_.back();
		for (unsigned id = 0; id < 64; id++) {
			uint64_t bit = 1ULL << id;
			if (!(n.enabled & bit) || (n.done & bit))
				continue;
			bool preempts = id != n.running && n.running_runnable;
			if (n.preemptions_before + preempts > spec_.preemptions)
				continue;
			n.done |= bit;
			n.chosen = static_cast<uint8_t>(id);
			prefix_.clear();
			for (const Node &s : stack_)
				prefix_.push_back(s.chosen);
			return true;
		}
		stack_.pop_back();
	}
	return false;
}

} // namespace harness
