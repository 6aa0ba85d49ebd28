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
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "../kselftest.h"
#include "child.h"
#include "options.h"
#include "registry.h"
#include "report_scan.h"
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

uint64_t mix64(uint64_t z)
{
	z += 0x9e3779b97f4a7c15ULL;
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

// A test's seed depends only on the base seed and its name, so a failure
// reproduces with the same --seed whatever filters or shards select it.
uint64_t test_seed(uint64_t base, const std::string &name)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	for (unsigned char ch : name)
		h = (h ^ ch) * 0x100000001b3ULL;
	return mix64(base ^ h);
}

bool filter_matches(const Filter &f, const TestCase &c)
{
	switch (f.kind) {
	case 't': case 'T':
		return f.name == c.test->name;
	case 'f': case 'F':
		return f.name == c.fixture->name;
	case 'v': case 'V':
		return f.name == c.variant->name;
	default:
		return f.name == c.full_name;
	}
}

// kselftest's rule: the first matching filter decides; with no match a
// test runs unless some filter was an inclusion.
bool enabled(const std::vector<Filter> &filters, const TestCase &c)
{
	bool has_positive = false;
	for (const Filter &f : filters) {
		bool include = f.kind == 'r' || std::islower(f.kind);
		has_positive |= include;
		if (filter_matches(f, c))
			return include;
	}
	return !has_positive;
}

std::string signal_name(int sig)
{
	const char *abbrev = sigabbrev_np(sig);
	return abbrev ? std::string("SIG") + abbrev : std::to_string(sig);
}

std::string read_file(const std::string &path)
{
	std::ifstream in(path, std::ios::binary);
	std::ostringstream s;
	s << in.rdbuf();
	return s.str();
}

std::string default_log_dir(const std::string &argv0)
{
	if (const char *env = std::getenv("VMALOCK_LOG_DIR"))
		return env;
	const char *tmp = std::getenv("TMPDIR");
	std::string base = tmp && *tmp ? tmp : "/tmp";
	std::string prog = std::filesystem::path(argv0).filename();
	return base + "/vmalock-logs/" + prog + "." + std::to_string(getpid());
}

class Runner {
public:
	explicit Runner(const Options &o) : opts_(o) {}

	int run(std::vector<TestCase> cases);

private:
	bool run_one(const TestCase &c);
	std::string reproduce_command(const TestCase &c) const;

	const Options &opts_;
	uint64_t base_seed_ = 0;
	std::string log_dir_;
	SharedResults results_;
};

std::string Runner::reproduce_command(const TestCase &c) const
{
	std::string cmd = opts_.argv0 + " --seed " + std::to_string(base_seed_);
	if (opts_.duration_ms)
		cmd += " --duration " + std::to_string(*opts_.duration_ms) + "ms";
	if (opts_.iterations)
		cmd += " --iterations " + std::to_string(*opts_.iterations);
	return cmd + " -r " + c.full_name;
}

bool Runner::run_one(const TestCase &c)
{
	const std::string &name = c.full_name;
	const char *tname = c.test->name;
	uint64_t seed = test_seed(base_seed_, name);
	std::string log_path = log_dir_ + "/" + name + ".log";

	ksft_print_msg(" RUN           %s ...\n", name.c_str());
	std::fflush(stdout);
	std::fflush(stderr);

	results_.reset();
	int log_fd = open(log_path.c_str(),
			  O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (log_fd < 0) {
		ksft_print_msg("%s: cannot create %s: %s\n", tname,
			       log_path.c_str(), std::strerror(errno));
		ksft_test_result_code(KSFT_FAIL, name.c_str(), "%s",
				      "no log file");
		return false;
	}

	pid_t pid = fork();
	if (pid == 0) {
		run_child(c, results_.get(),
			  ChildParams{ seed,
				       opts_.duration_ms.value_or(0),
				       opts_.iterations.value_or(0), log_fd });
	}
	close(log_fd);
	if (pid < 0) {
		ksft_print_msg("ERROR SPAWNING TEST CHILD\n");
		ksft_test_result_code(KSFT_FAIL, name.c_str(), NULL);
		return false;
	}
	setpgid(pid, pid);

	double timeout_s = c.test->timeout * opts_.timeout_multiplier;
	WaitResult w = wait_for_child(pid, timeout_s);
	const __test_results *res = results_.get();

	std::string output = read_file(log_path);
	std::vector<Report> reports = scan_reports(output);

	// Replay what the test printed. With a report, only the harness's
	// own lines: the report itself stays in the log file.
	for (std::string_view line : split_lines(output)) {
		if (is_harness_line(line))
			std::printf("%.*s\n", (int)line.size(), line.data());
		else if (reports.empty())
			std::printf("# %.*s\n", (int)line.size(), line.data());
	}

	int code = KSFT_PASS;
	std::string note;	// diagnostic on the TAP line
	bool timeout_note = false;
	std::string status_diag;	// how the child ended, if notable
	auto diag = [&](const char *fmt, auto... args) {
		char buf[512];
		std::snprintf(buf, sizeof(buf), fmt, args...);
		status_diag = buf;
	};

	if (w.wait_failed) {
		code = KSFT_FAIL;
		diag("%s: Failed to wait for PID %d\n", tname, pid);
	} else if (w.timed_out) {
		code = KSFT_FAIL;
		char buf[64];
		std::snprintf(buf, sizeof(buf), "%gs", timeout_s);
		diag("%s: Test terminated by timeout after %s\n",
			       tname, buf);
		note = buf;
		timeout_note = true;
	} else if (WIFEXITED(w.status)) {
		int st = WEXITSTATUS(w.status);
		if (st == KSFT_SKIP || st == KSFT_XPASS || st == KSFT_XFAIL) {
			code = st;
		} else if (c.test->termsig != -1) {
			code = KSFT_FAIL;
			diag("%s: Test exited normally instead of by signal (code: %d)\n",
				       tname, st);
		} else if (st != KSFT_PASS) {
			code = KSFT_FAIL;
			diag("%s: Test failed\n", tname);
		}
	} else if (WIFSIGNALED(w.status)) {
		int sig = WTERMSIG(w.status);
		if (sig == SIGABRT && res->failed) {
			code = KSFT_FAIL;
			diag("%s: Test terminated by assertion\n",
				       tname);
		} else if (sig == c.test->termsig) {
			code = KSFT_PASS;
		} else {
			code = KSFT_FAIL;
			diag("%s: Test terminated unexpectedly by signal %d (%s)\n",
				       tname, sig, signal_name(sig).c_str());
			note = "killed by " + signal_name(sig);
		}
	}

	// A sanitizer that found something changes the exit status itself
	// (TSan exits 66, ASan 1): the report, not the status, is the news.
	bool status_from_report = !reports.empty() && !res->failed &&
				  WIFEXITED(w.status) && !w.timed_out;
	if (!status_diag.empty() && !status_from_report)
		std::printf("# %s", status_diag.c_str());

	if (res->nr_expected_reports) {
		bool all_seen = !reports.empty();
		for (unsigned i = 0; i < res->nr_expected_reports; i++) {
			const char *pat = res->expected_reports[i];
			if (output.find(pat) == std::string::npos) {
				all_seen = false;
				ksft_print_msg("%s: expected report '%s' did not appear\n",
					       tname, pat);
			}
		}
		if (!all_seen) {
			code = KSFT_FAIL;
			if (!timeout_note)
				note = "expected report missing";
		} else {
			ksft_print_msg("%s: expected report: %s\n", tname,
				       reports.front().headline.c_str());
			// Dying of the report (ASan aborts) is the point of
			// the test; a failed check or a hang is not.
			if (!res->failed && !w.timed_out && !w.wait_failed &&
			    code == KSFT_FAIL) {
				code = KSFT_PASS;
				note.clear();
			}
		}
	} else if (!reports.empty()) {
		code = KSFT_FAIL;
		for (const Report &r : reports) {
			ksft_print_msg("%s: %s\n", tname, r.headline.c_str());
			if (!r.detail.empty())
				ksft_print_msg("%s: %s\n", tname,
					       r.detail.c_str());
		}
		note = reports.front().headline;
		timeout_note = false;
	}
	if (!reports.empty())
		ksft_print_msg("%s: full report in %s\n", tname,
			       log_path.c_str());

	bool passed = code != KSFT_FAIL;
	ksft_print_msg("         %4s  %s\n", passed ? "OK" : "FAIL",
		       name.c_str());
	if (c.xfail)
		code = passed ? KSFT_XPASS : KSFT_XFAIL;
	if (code == KSFT_FAIL || code == KSFT_XPASS)
		ksft_print_msg("%s: seed %" PRIu64 "; reproduce with: %s\n",
			       tname, base_seed_,
			       reproduce_command(c).c_str());

	const char *reason = res->reason[0] ? res->reason : nullptr;
	if (timeout_note && code == KSFT_FAIL) {
		ksft_inc_fail_cnt();
		std::printf("not ok %u %s # TIMEOUT %s\n", ksft_test_num(),
			    name.c_str(), note.c_str());
	} else if (reason) {
		ksft_test_result_code(code, name.c_str(), "%s", reason);
	} else if (!note.empty() && code == KSFT_FAIL) {
		ksft_test_result_code(code, name.c_str(), "%s", note.c_str());
	} else if (code == KSFT_PASS || code == KSFT_FAIL) {
		ksft_test_result_code(code, name.c_str(), NULL);
	} else {
		ksft_test_result_code(code, name.c_str(), "%s", "unknown");
	}

	if (reports.empty() && passed)
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
	log_dir_ = opts_.log_dir.empty() ? default_log_dir(opts_.argv0)
					 : opts_.log_dir;
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

void print_listing()
{
	std::fprintf(stderr, "%-20s %-25s %s\n", "# FIXTURE", "VARIANT",
		     "TEST");
	bool first = true;
	for (const FixtureListing &f : listing()) {
		if (!first)
			std::fprintf(stderr, "%s\n", std::string(80, '-').c_str());
		first = false;
		size_t rows = std::max(f.variants.size(), f.tests.size());
		for (size_t i = 0; i < std::max<size_t>(rows, 1); i++)
			std::fprintf(stderr, "%-20s %-25s %s\n",
				     i == 0 ? f.fixture.c_str() : "",
				     i < f.variants.size() ? f.variants[i].c_str() : "",
				     i < f.tests.size() ? f.tests[i].c_str() : "");
	}
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
	if (opts->list) {
		print_listing();
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

	Runner runner(*opts);
	return runner.run(std::move(selected));
}
