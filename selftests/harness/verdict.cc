// SPDX-License-Identifier: GPL-2.0-only
#include "verdict.h"

#include <sys/wait.h>

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <cstring>

#include "../kselftest.h"
#include "report_scan.h"

namespace harness {
namespace {

std::string signal_name(int sig)
{
	const char *abbrev = sigabbrev_np(sig);
	return abbrev ? std::string("SIG") + abbrev : std::to_string(sig);
}

// A kselftest diagnostic line ("# " + message, without its newline).
__attribute__((format(printf, 2, 3))) void msg(Verdict &v, const char *fmt,
						 ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	std::vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	std::string line = std::string("# ") + buf;
	while (!line.empty() && line.back() == '\n')
		line.pop_back();
	v.lines.push_back(line);
}

// What the child printed: the harness's own lines always, everything
// else only when no report is in it (the report stays in the log file).
void replay_output(Verdict &v, const std::string &output, bool has_reports)
{
	for (std::string_view line : split_lines(output)) {
		if (is_harness_line(line))
			v.lines.emplace_back(line);
		else if (!has_reports)
			v.lines.push_back("# " + std::string(line));
	}
}

// How the child ended, before reports are looked at.
void judge_exit(const TestCase &c, const Execution &e, Verdict &v,
		std::string &status_diag)
{
	const char *tname = c.test->name;
	const WaitResult &w = e.wait;
	char buf[512];

	if (w.wait_failed) {
		v.code = KSFT_FAIL;
		std::snprintf(buf, sizeof(buf), "%s: Failed to wait for child\n",
			      tname);
		status_diag = buf;
	} else if (w.timed_out) {
		v.code = KSFT_FAIL;
		char t[64];
		std::snprintf(t, sizeof(t), "%gs", e.timeout_s);
		std::snprintf(buf, sizeof(buf),
			      "%s: Test terminated by timeout after %s\n", tname, t);
		status_diag = buf;
		v.note = t;
		v.timeout = true;
	} else if (WIFEXITED(w.status)) {
		int st = WEXITSTATUS(w.status);
		if (st == KSFT_SKIP || st == KSFT_XPASS || st == KSFT_XFAIL) {
			v.code = st;
		} else if (c.test->termsig != -1) {
			v.code = KSFT_FAIL;
			std::snprintf(buf, sizeof(buf),
				      "%s: Test exited normally instead of by signal (code: %d)\n",
				      tname, st);
			status_diag = buf;
		} else if (st != KSFT_PASS) {
			v.code = KSFT_FAIL;
			std::snprintf(buf, sizeof(buf), "%s: Test failed\n", tname);
			status_diag = buf;
		}
	} else if (WIFSIGNALED(w.status)) {
		int sig = WTERMSIG(w.status);
		if (sig == SIGABRT && e.results.failed) {
			v.code = KSFT_FAIL;
			std::snprintf(buf, sizeof(buf),
				      "%s: Test terminated by assertion\n", tname);
			status_diag = buf;
		} else if (sig == c.test->termsig) {
			v.code = KSFT_PASS;
		} else {
			v.code = KSFT_FAIL;
			std::snprintf(buf, sizeof(buf),
				      "%s: Test terminated unexpectedly by signal %d (%s)\n",
				      tname, sig, signal_name(sig).c_str());
			status_diag = buf;
			v.note = "killed by " + signal_name(sig);
		}
	}
}

void judge_reports(const TestCase &c, const Execution &e, Verdict &v,
		   const std::vector<Report> &reports)
{
	const char *tname = c.test->name;
	const __test_results &res = e.results;
	const WaitResult &w = e.wait;

	if (res.nr_expected_reports) {
		bool all_seen = !reports.empty();
		for (unsigned i = 0; i < res.nr_expected_reports; i++) {
			const char *pat = res.expected_reports[i];
			if (e.output.find(pat) == std::string::npos) {
				all_seen = false;
				msg(v, "%s: expected report '%s' did not appear\n",
				    tname, pat);
			}
		}
		if (!all_seen) {
			v.code = KSFT_FAIL;
			if (!v.timeout)
				v.note = "expected report missing";
		} else {
			msg(v, "%s: expected report: %s\n", tname,
			    reports.front().headline.c_str());
			// Dying of the report (ASan aborts) is the point of
			// the test; a failed check or a hang is not.
			if (!res.failed && !w.timed_out && !w.wait_failed &&
			    v.code == KSFT_FAIL) {
				v.code = KSFT_PASS;
				v.note.clear();
			}
		}
	} else if (!reports.empty()) {
		v.code = KSFT_FAIL;
		for (const Report &r : reports) {
			msg(v, "%s: %s\n", tname, r.headline.c_str());
			if (!r.detail.empty())
				msg(v, "%s: %s\n", tname, r.detail.c_str());
		}
		v.note = reports.front().headline;
		v.timeout = false;
	}
	// A passing test's log is removed: name it only when it stays.
	if (!reports.empty() && !v.passed())
		msg(v, "%s: full report in %s\n", tname, e.log_path.c_str());
}

// The hang report a timed-out child printed before the kill (the
// kernel's hung-task shape, "INFO: task ..."): it explains the timeout
// rather than being a finding of its own. Its first lines go to the
// diagnostics, the whole of it stays in the log.
constexpr size_t kHangReportLines = 12;

bool is_hang_report(const Report &r)
{
	return r.headline.rfind("INFO: task ", 0) == 0;
}

void show_hang_report(const TestCase &c, const Execution &e, Verdict &v)
{
	size_t at = e.output.find("INFO: task ");
	if (at == std::string::npos) {
		// Why there may be none: nothing in the program answers the
		// harness's request, or under the scheduler a task loops
		// without a synchronization point and never hands back.
		msg(v, "%s: no hang report: the test printed none before the "
		    "kill (a program without the kernel shim has no hang "
		    "watcher; under --sched, a loop with no synchronization "
		    "point, such as a spin on a plain load without READ_ONCE() "
		    "or cpu_relax(), never returns control to the scheduler)\n",
		    c.test->name);
		return;
	}
	std::vector<std::string_view> lines =
		split_lines(std::string_view(e.output).substr(at));
	for (size_t i = 0; i < lines.size() && i < kHangReportLines; i++)
		v.lines.push_back("# " + std::string(lines[i]));
	msg(v, "%s: full hang report in %s\n", c.test->name,
	    e.log_path.c_str());
}

} // namespace

bool Verdict::passed() const
{
	return code != KSFT_FAIL;
}

Verdict judge(const TestCase &c, const Execution &e)
{
	Verdict v{ KSFT_PASS, "", false, false, {} };
	std::vector<Report> reports = scan_reports(e.output);
	bool hang_reported = false;
	if (e.wait.timed_out) {
		auto hang = std::remove_if(reports.begin(), reports.end(),
					   is_hang_report);
		hang_reported = hang != reports.end();
		reports.erase(hang, reports.end());
	}
	v.has_reports = !reports.empty() || hang_reported;
	replay_output(v, e.output, v.has_reports);

	std::string status_diag;
	judge_exit(c, e, v, status_diag);

	// A sanitizer that found something changes the exit status itself
	// (TSan exits 66, ASan 1): the report, not the status, is the news.
	bool status_from_report = !reports.empty() && !e.results.failed &&
				  WIFEXITED(e.wait.status) && !e.wait.timed_out;
	if (!status_diag.empty() && !status_from_report)
		msg(v, "%s", status_diag.c_str());

	if (e.wait.timed_out && !e.wait.wait_failed)
		show_hang_report(c, e, v);
	judge_reports(c, e, v, reports);
	return v;
}

} // namespace harness
