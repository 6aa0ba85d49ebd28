// SPDX-License-Identifier: GPL-2.0-only
/*
 * The deterministic scheduler's cost: schedules per second and steps per
 * second for a 2-task rwsem reader/writer and for a fault/mprotect stress
 * (2 faulting tasks, 2 mprotect writers, 2 mms), each against the same
 * workload on free-running threads, as a ratio of wall time per run taken
 * in one run; and every dfs:3 schedule of sched_test's dfs_two_tasks,
 * enumerated by the runner's own explorer, in this process (the runner
 * forks a child per schedule, which costs more than the schedule). Needs
 * the sync hook: run it from build/ (run_benchmarks.sh does), not from
 * the hook-less build-bench/.
 */
#include <getopt.h>
#include <pthread.h>

#include <linux/mm.h>
#include <linux/rwsem.h>
#include <linux/sched/mm.h>
#include <shim/sched.h>

#include "bench.h"
#include "harness/sched_explore.h"

#define P PAGE_SIZE

static uint64_t ops = 2000;

/* ---- 2 tasks, one rwsem ------------------------------------------------ */

static DECLARE_RWSEM(rw_sem);
static long rw_data;

static void *rw_reader(void *arg)
{
	uint64_t i;
	long sum = 0;

	for (i = 0; i < ops; i++) {
		down_read(&rw_sem);
		sum += READ_ONCE(rw_data);
		up_read(&rw_sem);
	}
	return (void *)sum;
}

static void *rw_writer(void *arg)
{
	uint64_t i;

	for (i = 0; i < ops; i++) {
		down_write(&rw_sem);
		WRITE_ONCE(rw_data, rw_data + 1);
		up_write(&rw_sem);
	}
	return arg;
}

static void rw_workload(void)
{
	pthread_t r, w;

	pthread_create(&r, NULL, rw_reader, NULL);
	pthread_create(&w, NULL, rw_writer, NULL);
	pthread_join(r, NULL);
	pthread_join(w, NULL);
}

/* ---- faults against mprotect on two mms --------------------------------- */

struct mm_pair {
	struct mm_struct *mm[2];
	unsigned long base[2];
};

static struct mm_pair stress_mms;

static void *stress_faulter(void *arg)
{
	long id = (long)arg;
	uint64_t i;

	for (i = 0; i < ops; i++) {
		int m = (i + id) % 2;

		do_user_addr_fault(stress_mms.mm[m],
				   stress_mms.base[m] + (i % 64) * P,
				   FAULT_FLAG_USER | (i % 2 ? FAULT_FLAG_WRITE : 0));
	}
	return NULL;
}

static void *stress_writer(void *arg)
{
	long m = (long)arg;
	uint64_t i;

	for (i = 0; i < ops / 8; i++)
		do_mprotect(stress_mms.mm[m], stress_mms.base[m] + (i % 60) * P,
			    4 * P, i % 2 ? VM_READ : VM_READ | VM_WRITE);
	return NULL;
}

static void stress_workload(void)
{
	pthread_t t[4];
	long i;

	for (i = 0; i < 2; i++) {
		stress_mms.mm[i] = mm_alloc();
		stress_mms.base[i] = vm_mmap(stress_mms.mm[i], 0, 64 * P,
					     VM_READ | VM_WRITE);
	}
	for (i = 0; i < 2; i++) {
		pthread_create(&t[i], NULL, stress_faulter, (void *)i);
		pthread_create(&t[2 + i], NULL, stress_writer, (void *)i);
	}
	for (i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	for (i = 0; i < 2; i++)
		mmput(stress_mms.mm[i]);
}

/* ---- sched_test's dfs_two_tasks ------------------------------------------ */

static int dfs_x[2];

static void *dfs_two_stores(void *arg)
{
	WRITE_ONCE(dfs_x[0], 1);
	WRITE_ONCE(dfs_x[1], 1);
	return arg;
}

static void dfs_workload(void)
{
	pthread_t t;

	dfs_x[0] = dfs_x[1] = 0;
	pthread_create(&t, NULL, dfs_two_stores, NULL);
	WRITE_ONCE(dfs_x[0], 2);
	pthread_join(t, NULL);
	if (dfs_x[1] != 1) {
		fprintf(stderr, "sched_bench: dfs_two_tasks went wrong\n");
		exit(1);
	}
}

/* ---- timing -------------------------------------------------------------- */

struct timing {
	double ms_per_run;
	double steps_per_run;
};

static void call_workload(void *workload)
{
	((void (*)(void))workload)();
}

static void run_scheduled(const struct shim_sched_params *p,
			  void (*workload)(void), struct shim_sched_result *res)
{
	if (!shim_sched_run(p, call_workload, (void *)workload, res)) {
		fprintf(stderr, "sched_bench: built without the sync hook\n");
		exit(2);
	}
}

static struct timing run(void (*workload)(void), int strategy, int runs)
{
	struct timing t = { 0, 0 };
	uint64_t t0 = bench_now_ns(), steps = 0;
	int r;

	for (r = 0; r < runs; r++) {
		struct shim_sched_params p = {
			.strategy = strategy,
			.seed = 1 + r,
			.pct_depth = 3,
			.pct_steps = 10000,
		};
		struct shim_sched_result res = { 0 };

		if (strategy == SHIM_SCHED_OFF) {
			workload();
			continue;
		}
		run_scheduled(&p, workload, &res);
		steps += res.steps;
	}
	t.ms_per_run = (bench_now_ns() - t0) / 1e6 / runs;
	t.steps_per_run = (double)steps / runs;
	return t;
}

static void compare(const char *name, void (*workload)(void), int runs)
{
	static const struct {
		const char *name;
		int strategy;
	} modes[] = { { "random", SHIM_SCHED_RANDOM }, { "pct:3", SHIM_SCHED_PCT } };
	struct timing free_run = run(workload, SHIM_SCHED_OFF, runs);
	unsigned int i;

	printf("%-8s %-8s %10.3f %10s %12s %10.1f %8s\n", name, "free",
	       free_run.ms_per_run, "-", "-", 1000 / free_run.ms_per_run, "1.00x");
	for (i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
		struct timing s = run(workload, modes[i].strategy, runs);

		printf("%-8s %-8s %10.3f %10.0f %12.0f %10.1f %7.2fx\n", name,
		       modes[i].name, s.ms_per_run, s.steps_per_run,
		       s.steps_per_run / s.ms_per_run * 1000,
		       1000 / s.ms_per_run, s.ms_per_run / free_run.ms_per_run);
	}
}

/* Every dfs:@bound schedule of @workload, @rounds times over. */
static void compare_dfs(const char *name, void (*workload)(void),
			const char *bound, int rounds)
{
	struct timing free_run = run(workload, SHIM_SCHED_OFF, rounds);
	uint64_t t0 = bench_now_ns(), steps = 0, schedules = 0;
	double total_ms, ms;
	int r;

	for (r = 0; r < rounds; r++) {
		struct harness_explorer *e = harness_explorer_new(bound, 1, ~0u);
		struct shim_sched_params p;

		while (harness_explorer_next(e, &p)) {
			struct shim_sched_result res = { 0 };

			run_scheduled(&p, workload, &res);
			harness_explorer_finished(e, &res);
			steps += res.steps;
		}
		schedules += harness_explorer_count(e);
		harness_explorer_free(e);
	}
	total_ms = (bench_now_ns() - t0) / 1e6;
	ms = total_ms / schedules;
	printf("%-8s %-8s %10.3f %10s %12s %10.1f %8s\n", name, "free",
	       free_run.ms_per_run, "-", "-", 1000 / free_run.ms_per_run, "1.00x");
	printf("%-8s %-8s %10.3f %10.0f %12.0f %10.1f %7.2fx\n", name, bound, ms,
	       (double)steps / schedules, steps / total_ms * 1000,
	       1000 / ms, ms / free_run.ms_per_run);
}

static void usage(const char *argv0, int code)
{
	fprintf(stderr,
		"Usage: %s [--ops N] [--runs N]\n"
		"  --ops N    operations per task per run (default 2000)\n"
		"  --runs N   runs of each workload in each mode (default 20)\n",
		argv0);
	exit(code);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "ops", required_argument, NULL, 'o' },
		{ "runs", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	uint64_t runs = 20;
	int c;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'o':
			if (!bench_parse_count(optarg, &ops))
				usage(argv[0], 2);
			break;
		case 'r':
			if (!bench_parse_count(optarg, &runs))
				usage(argv[0], 2);
			break;
		case 'h':
			usage(argv[0], 0);
			break;
		default:
			usage(argv[0], 2);
		}
	}
	if (optind < argc)
		usage(argv[0], 2);

	printf("# the same workload free-running and under the scheduler; 'vs free' is wall time per run\n");
	printf("%-8s %-8s %10s %10s %12s %10s %8s\n", "workload", "mode",
	       "ms/run", "steps/run", "steps/s", "runs/s", "vs free");
	compare("rw2", rw_workload, (int)runs);
	compare("stress", stress_workload, (int)runs);
	compare_dfs("dfs2", dfs_workload, "dfs:3", (int)runs);
	return 0;
}
