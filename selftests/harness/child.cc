// SPDX-License-Identifier: GPL-2.0-only
#include "child.h"

#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include <linux/vm_event_item.h>

#include "../kselftest.h"

// The kernel shim's, when the program links it (the harness self-test
// does not): weak, so that the harness links either way.
#pragma weak shim_sched_run
#pragma weak shim_hang_watch
extern "C" void all_vm_events(unsigned long *ret) __attribute__((weak));
// Lockdep's, when built with it: the test's task ends here, and as the
// kernel's do_exit() does, the end of a task checks it holds no lock.
extern "C" void debug_check_no_locks_held(void) __attribute__((weak));

namespace harness {
namespace {

ChildParams current;

struct Invocation {
	__test_metadata *test;
	__fixture_variant_metadata *variant;
};

void invoke(void *arg)
{
	auto *i = static_cast<Invocation *>(arg);
	i->test->fn(i->test, i->variant);
}

// The test as task 0 of a schedule; the run's figures into @r.
void run_scheduled(const TestCase &c, __test_results *r,
		   const shim_sched_params *params)
{
	Invocation inv{ c.test, c.variant };
	shim_sched_result s{};
	if (!shim_sched_run(params, invoke, &inv, &s)) {
		std::fprintf(stderr, "# the scheduler needs the sync hook: configure with -Dsync_hook=true\n");
		_exit(KSFT_FAIL);
	}
	r->sched_done = 1;
	r->sched_diverged = s.diverged;
	r->sched_choices_truncated = s.choices_truncated;
	r->sched_nr_choices = s.nr_choices;
	r->sched_steps = s.steps;
	r->sched_trace_hash = s.trace_hash;
	if (all_vm_events) {
		unsigned long ev[NR_VM_EVENT_ITEMS];
		all_vm_events(ev);
		r->vma_lock_events[0] = ev[VMA_LOCK_SUCCESS];
		r->vma_lock_events[1] = ev[VMA_LOCK_ABORT];
		r->vma_lock_events[2] = ev[VMA_LOCK_RETRY];
		r->vma_lock_events[3] = ev[VMA_LOCK_MISS];
	}
}

std::vector<void (*)(void)> &exit_checks()
{
	static std::vector<void (*)(void)> checks;
	return checks;
}

} // namespace

bool scheduler_available()
{
	return shim_sched_run != nullptr;
}

bool hang_report_available()
{
	return shim_hang_watch != nullptr;
}

void run_child(const TestCase &c, __test_results *results,
	       const ChildParams &p)
{
	current = p;

	// Its own process group, so a timeout kills every helper it forked.
	setpgid(0, 0);
	// An aborting test must not spend seconds writing a core file.
	struct rlimit no_core = { 0, 0 };
	setrlimit(RLIMIT_CORE, &no_core);

	dup2(p.log_fd, STDOUT_FILENO);
	dup2(p.log_fd, STDERR_FILENO);
	close(p.log_fd);
	std::setvbuf(stdout, nullptr, _IONBF, 0);

	__test_metadata *t = c.test;
	t->results = results;
	t->exit_code = KSFT_PASS;
	t->trigger = 0;
	t->aborted = false;
	t->no_teardown = true;

	if (!p.sched && p.hang_fd >= 0 && shim_hang_watch)
		shim_hang_watch(p.hang_fd, p.timeout_s);
	if (p.sched)
		run_scheduled(c, results, p.sched);
	else
		t->fn(t, c.variant);

	if (debug_check_no_locks_held)
		debug_check_no_locks_held();
	for (auto check : exit_checks())
		check();

	std::fflush(nullptr);
	_exit(t->exit_code);
}

} // namespace harness

extern "C" {

void __harness_mark_failed(struct __test_metadata *t)
{
	t->exit_code = KSFT_FAIL;
	t->results->failed = 1;
}

void __harness_bail(struct __test_metadata *t)
{
	t->aborted = true;
	if (t->teardown_fn)
		t->teardown_fn(false, t, t->self, t->variant);
	std::fflush(nullptr);
	std::abort();
}

void __harness_expect_report(struct __test_metadata *t, const char *pattern)
{
	__test_results *r = t->results;
	if (r->nr_expected_reports == HARNESS_MAX_EXPECTED_REPORTS) {
		std::fprintf(stderr, "# %s: too many EXPECT_REPORT()s\n",
			     t->name);
		__harness_mark_failed(t);
		return;
	}
	std::snprintf(r->expected_reports[r->nr_expected_reports++],
		      HARNESS_PATTERN_LEN, "%s", pattern);
}

uint64_t harness_seed(void)
{
	return harness::current.seed;
}

uint64_t harness_duration_ms(uint64_t default_ms)
{
	return harness::current.duration_ms ? harness::current.duration_ms
					    : default_ms;
}

uint64_t harness_iterations(uint64_t default_iterations)
{
	return harness::current.iterations ? harness::current.iterations
					   : default_iterations;
}

void harness_register_exit_check(void (*check)(void))
{
	harness::exit_checks().push_back(check);
}

} // extern "C"
