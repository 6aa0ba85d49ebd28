// SPDX-License-Identifier: GPL-2.0-only
//
// test_harness_run(): selects the tests, runs each in a forked child,
// judges the outcome and prints kselftest's TAP.
#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "../kselftest.h"
#include "child.h"
#include "fingerprint.h"
#include "logs.h"
#include "options.h"
#include "registry.h"
#include "report_scan.h"
#include "select.h"
#include "sched_plan.h"
#include "verdict.h"
#include "wait.h"

namespace harness {
namespace {

// One shared page per run: the child writes, the parent reads.
class SharedResults {
public:
	SharedResults()
	{
		void *p = mmap(nullptr, sizeof(__test_results),
			       PROT_READ | PROT_WRITE,
			       MAP_SHARED | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED) {
			std::perror("mmap");
			std::exit(KSFT_FAIL);
		}
		results_ = static_cast<__test_results *>(p);
	}
	~SharedResults() { munmap(results_, sizeof(__test_results)); }
	SharedResults(const SharedResults &) = delete;
	SharedResults &operator=(const SharedResults &) = delete;

	__test_results *get() { return results_; }
	void reset() { std::memset(results_, 0, sizeof(*results_)); }

private:
	__test_results *results_;
};

// Where a scheduled child writes its choice points (dfs reads them).
class SharedChoices {
public:
	static constexpr unsigned kCapacity = 1u << 18;

	SharedChoices()
	{
		void *p = mmap(nullptr, bytes(), PROT_READ | PROT_WRITE,
			       MAP_SHARED | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
		if (p == MAP_FAILED) {
			std::perror("mmap");
			std::exit(KSFT_FAIL);
		}
		choices_ = static_cast<shim_sched_choice *>(p);
	}
	~SharedChoices() { munmap(choices_, bytes()); }
	SharedChoices(const SharedChoices &) = delete;
	SharedChoices &operator=(const SharedChoices &) = delete;

	shim_sched_choice *get() { return choices_; }
	unsigned capacity() const { return kCapacity; }

private:
	static size_t bytes() { return sizeof(shim_sched_choice) * kCapacity; }
	shim_sched_choice *choices_;
};

// The test's TAP line, with the directive and note its verdict calls for.
void print_tap_result(const TestCase &c, const Execution &e,
		      const Verdict &v, int code)
{
	const char *name = c.full_name.c_str();
	const char *reason = e.results.reason[0] ? e.results.reason : nullptr;
	if (v.timeout && code == KSFT_FAIL) {
		ksft_inc_fail_cnt();
		std::printf("not ok %u %s # TIMEOUT %s\n", ksft_test_num(), name,
			    v.note.c_str());
	} else if (reason) {
		ksft_test_result_code(code, name, "%s", reason);
	} else if (!v.note.empty() && code == KSFT_FAIL) {
		ksft_test_result_code(code, name, "%s", v.note.c_str());
	} else if (code == KSFT_PASS || code == KSFT_FAIL) {
		ksft_test_result_code(code, name, NULL);
	} else {
		ksft_test_result_code(code, name, "%s", "unknown");
	}
}

// Free-running, a byte down this pipe asks the child for a hang report
// before its timeout kills it (shim_hang_watch). The child keeps the read
// end, the parent the write end; both close with the object.
class HangPipe {
public:
	explicit HangPipe(bool wanted)
	{
		if (!wanted || pipe2(fds_, O_CLOEXEC))
			fds_[0] = fds_[1] = -1;
	}
	~HangPipe()
	{
		for (int fd : fds_)
			if (fd >= 0)
				close(fd);
	}
	HangPipe(const HangPipe &) = delete;
	HangPipe &operator=(const HangPipe &) = delete;

	// In the child: the read end (and the write end is not its own).
	int child_end()
	{
		close_end(1);
		return fds_[0];
	}
	// In the parent, after the fork.
	void parent_side() { close_end(0); }
	int parent_end() const { return fds_[1]; }

private:
	void close_end(int i)
	{
		if (fds_[i] >= 0)
			close(fds_[i]);
		fds_[i] = -1;
	}
	int fds_[2];
};

// How long a timed-out child gets to print its hang report (symbolizing
// every thread's stack takes a while under a sanitizer) before the kill.
constexpr double kHangReportSeconds = 20;

class Runner {
public:
	explicit Runner(const Options &o) : opts_(o) {}

	int run(std::vector<TestCase> cases);

private:
	bool run_one(const TestCase &c);
	Execution run_test(const TestCase &c, const std::string &log_path,
			   std::string &failing_token);
	void print_reproduce(const TestCase &c, const Verdict &v, int code,
			     const std::string &failing_token) const;
	Execution execute(const TestCase &c, const ChildParams &params,
			  const std::string &log_path);
	Execution run_schedules(const TestCase &c, const ChildParams &base,
				const std::string &log_path, Explorer &explorer,
				std::string &failing_token);
	std::string reproduce_command(const TestCase &c, bool timed_out) const;

	const Options &opts_;
	uint64_t base_seed_ = 0;
	std::string log_dir_;
	SharedResults results_;
	SharedChoices choices_;
};

std::string Runner::reproduce_command(const TestCase &c, bool timed_out) const
{
	std::string cmd = opts_.argv0 + " --seed " + std::to_string(base_seed_);
	if (opts_.sched.strategy != SHIM_SCHED_OFF)
		cmd += " --sched " + spec_name(opts_.sched);
	if (opts_.memory_model)
		cmd += std::string(" --memory-model ") +
		       memory_model_name(*opts_.memory_model);
	if (opts_.sched_replay)
		cmd += " --sched-replay " + encode_token(*opts_.sched_replay);
	if (opts_.duration_ms)
		cmd += " --duration " + std::to_string(*opts_.duration_ms) + "ms";
	if (opts_.iterations)
		cmd += " --iterations " + std::to_string(*opts_.iterations);
	// A timeout depends on the multiplier that was in force (the
	// environment's, or a sanitizer build's default).
	if (timed_out) {
		char m[32];
		std::snprintf(m, sizeof(m), "%g", opts_.timeout_multiplier);
		cmd += std::string(" --timeout-multiplier ") + m;
	}
	return cmd + " -r " + c.full_name;
}

Execution Runner::execute(const TestCase &c, const ChildParams &params,
			   const std::string &log_path)
{
	Execution e;
	e.log_path = log_path;
	// A --duration asks the test to run that long: it comes on top.
	e.timeout_s = c.test->timeout * opts_.timeout_multiplier +
		      static_cast<double>(params.duration_ms) / 1000;
	results_.reset();
	int log_fd = open(log_path.c_str(),
			  O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (log_fd < 0) {
		e.output = "# " + std::string(c.test->name) + ": cannot create " +
			   log_path + ": " + std::strerror(errno) + "\n";
		e.wait.wait_failed = true;
		return e;
	}

	// Only a program with the shim can answer; the others are not waited for.
	HangPipe hang(!params.sched && hang_report_available());
	std::fflush(stdout);
	std::fflush(stderr);
	pid_t pid = fork();
	if (pid == 0) {
		ChildParams p = params;
		p.log_fd = log_fd;
		p.hang_fd = hang.child_end();
		p.timeout_s = e.timeout_s;
		run_child(c, results_.get(), p);
	}
	close(log_fd);
	hang.parent_side();
	if (pid < 0) {
		e.output = "# ERROR SPAWNING TEST CHILD\n";
		e.wait.wait_failed = true;
		return e;
	}
	setpgid(pid, pid);
	e.wait = wait_for_child(pid, e.timeout_s, hang.parent_end(),
				kHangReportSeconds * opts_.timeout_multiplier);
	e.results = *results_.get();
	e.output = read_file(log_path);
	return e;
}

// Runs the test under every schedule the explorer names, until one fails.
Execution Runner::run_schedules(const TestCase &c, const ChildParams &base,
				const std::string &log_path, Explorer &explorer,
				std::string &failing_token)
{
	Execution last;
	Fingerprint fp;
	shim_sched_params sp{};
	while (std::optional<Token> t = explorer.next()) {
		apply_token(*t, sp);
		sp.max_steps = opts_.sched_max_steps;
		sp.choices = choices_.get();
		sp.choices_cap = choices_.capacity();
		sp.live_steps = &results_.get()->sched_steps;
		sp.live_trace_hash = &results_.get()->sched_trace_hash;
		sp.trace = opts_.sched_trace;
		ChildParams p = base;
		p.sched = &sp;
		last = execute(c, p, log_path);
		const __test_results &r = last.results;
		fp.add(r);
		if (r.sched_diverged)
			last.output += "# " + std::string(c.test->name) +
				       ": the schedule diverged from the replay token (a different program or test?)\n";
		Verdict v = judge(c, last);
		// A detector test passes when some schedule raises its
		// report; a schedule that ends cleanly without it is not the
		// one, and the next one is tried.
		bool expects = r.nr_expected_reports > 0;
		bool clean = !v.has_reports && !r.failed && r.sched_done &&
			     WIFEXITED(last.wait.status) &&
			     WEXITSTATUS(last.wait.status) == KSFT_PASS;
		if (expects && v.passed()) {
			last.output += "# " + std::string(c.test->name) +
				       ": schedule " + std::to_string(explorer.count()) +
				       " (" + encode_token(*t) +
				       ") raised the expected report\n";
			break;
		}
		if (!(expects && clean) && (!v.passed() || !r.sched_done)) {
			failing_token = encode_token(*t);
			break;
		}
		explorer.finished(r.sched_steps, choices_.get(),
				  r.sched_nr_choices,
				  r.sched_choices_truncated);
	}
	last.output += fp.line(c.full_name, explorer, base_seed_);
	return last;
}

// Free-running, under the schedules an explorer names, or one replayed
// schedule; @failing_token names the schedule that failed, if one did.
Execution Runner::run_test(const TestCase &c, const std::string &log_path,
			   std::string &failing_token)
{
	uint64_t seed = test_seed(base_seed_, c.full_name);
	ChildParams params{ seed, opts_.duration_ms.value_or(0),
			    opts_.iterations.value_or(0), -1, nullptr };
	if (opts_.sched_replay) {
		Explorer explorer(*opts_.sched_replay);
		return run_schedules(c, params, log_path, explorer,
				     failing_token);
	}
	if (opts_.sched.strategy != SHIM_SCHED_OFF) {
		unsigned runs = opts_.sched_runs.value_or(
			opts_.sched.strategy == SHIM_SCHED_DFS ? 1000 : 20);
		Explorer explorer(opts_.sched, seed, runs);
		return run_schedules(c, params, log_path, explorer,
				     failing_token);
	}
	return execute(c, params, log_path);
}

// What a failed test prints so that it can be run again: the failing
// schedule's replay, and the whole command.
void Runner::print_reproduce(const TestCase &c, const Verdict &v, int code,
			     const std::string &failing_token) const
{
	const char *tname = c.test->name;
	if (!failing_token.empty() && code == KSFT_FAIL)
		ksft_print_msg("%s: failing schedule %s; replay with: %s --sched-replay %s -r %s\n",
			       tname, failing_token.c_str(),
			       opts_.argv0.c_str(), failing_token.c_str(),
			       c.full_name.c_str());
	if (code == KSFT_FAIL || code == KSFT_XPASS)
		ksft_print_msg("%s: seed %" PRIu64 "; reproduce with: %s\n",
			       tname, base_seed_,
			       reproduce_command(c, v.timeout).c_str());
}

bool Runner::run_one(const TestCase &c)
{
	const std::string &name = c.full_name;
	std::string log_path = log_dir_ + "/" + name + ".log";

	ksft_print_msg(" RUN           %s ...\n", name.c_str());
	std::string failing_token;
	Execution e = run_test(c, log_path, failing_token);
	Verdict v = judge(c, e);
	for (const std::string &line : v.lines)
		std::printf("%s\n", line.c_str());
	bool passed = v.passed();
	ksft_print_msg("         %4s  %s\n", passed ? "OK" : "FAIL",
		       name.c_str());
	int code = c.xfail ? (passed ? KSFT_XPASS : KSFT_XFAIL) : v.code;
	print_reproduce(c, v, code, failing_token);
	print_tap_result(c, e, v, code);

	// A passing test's log says nothing a reader needs, even when the
	// test expected a report.
	if (passed)
		unlink(log_path.c_str());
	std::fflush(stdout);
	return code != KSFT_FAIL && code != KSFT_XPASS;
}

int Runner::run(std::vector<TestCase> cases)
{
	if (opts_.seed) {
		base_seed_ = *opts_.seed;
	} else {
		std::random_device rd;
		base_seed_ = (static_cast<uint64_t>(rd()) << 32) ^ rd();
	}
	log_dir_ = choose_log_dir(opts_);
	std::error_code ec;
	std::filesystem::create_directories(log_dir_, ec);
	if (ec) {
		std::fprintf(stderr, "%s: cannot create log directory %s: %s\n",
			     opts_.argv0.c_str(), log_dir_.c_str(),
			     ec.message().c_str());
		return KSFT_FAIL;
	}

	std::set<std::pair<const void *, const void *>> case_keys;
	for (const TestCase &c : cases)
		case_keys.insert({ c.fixture, c.variant });

	ksft_print_header();
	ksft_set_plan(static_cast<unsigned>(cases.size()));
	ksft_print_msg("Starting %zu tests from %zu test cases.\n",
		       cases.size(), case_keys.size());
	ksft_print_msg("Seed %" PRIu64 "\n", base_seed_);

	unsigned pass_count = 0;
	bool failed = false;
	for (const TestCase &c : cases) {
		if (run_one(c))
			pass_count++;
		else
			failed = true;
	}

	ksft_print_msg("%s: %u / %zu tests passed.\n",
		       failed ? "FAILED" : "PASSED", pass_count, cases.size());
	ksft_print_cnts();
	std::fflush(stdout);
	std::filesystem::remove(log_dir_, ec);	// only if empty
	return failed ? KSFT_FAIL : KSFT_PASS;
}

// -l: the tests the filters select, one per line, by the name -r takes.
void print_listing(const std::vector<TestCase> &selected)
{
	for (const TestCase &c : selected)
		std::printf("%s\n", c.full_name.c_str());
}

} // namespace
} // namespace harness

extern "C" int test_harness_run(int argc, char **argv)
{
	using namespace harness;

	std::optional<Options> opts = parse_options(argc, argv);
	if (!opts)
		return KSFT_FAIL;
	if (opts->help) {
		print_usage(argv[0]);
		return KSFT_PASS;
	}
	std::vector<TestCase> all = all_cases();
	for (Filter &f : opts->filters) {
		for (const TestCase &c : all)
			f.matched |= filter_matches(f, c);
		if (!f.matched) {
			std::fprintf(stderr, "%s: filter '-%c %s' matches no test\n",
				     argv[0], f.kind, f.name.c_str());
			print_usage(argv[0]);
			return KSFT_FAIL;
		}
	}

	std::vector<TestCase> selected;
	unsigned index = 0;
	for (const TestCase &c : all) {
		if (!enabled(opts->filters, c))
			continue;
		if (index++ % opts->shard_count == opts->shard_index)
			selected.push_back(c);
	}
	if (opts->list) {
		print_listing(selected);
		return KSFT_PASS;
	}

	if ((opts->sched.strategy != SHIM_SCHED_OFF || opts->sched_replay) &&
	    !scheduler_available()) {
		std::fprintf(stderr, "%s: --sched needs a program linked with the kernel shim\n",
			     argv[0]);
		return KSFT_FAIL;
	}
	Runner runner(*opts);
	return runner.run(std::move(selected));
}
