// SPDX-License-Identifier: GPL-2.0-only
/*
 * User-space only: runs translated litmus tests (litmus.h) under the
 * deterministic scheduler, every dfs schedule up to a cap, and prints
 * per test one JSON line: the final states seen and how often, how many
 * satisfy the proposition, the schedule count and whether dfs ran out
 * of schedules (exhausted). scripts/litmus builds it with the tests and
 * turns the lines into herd7's output.
 */
#include <getopt.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <shim/sched.h>

#include "harness/sched_explore.h"
#include "litmus.h"

/* Distinct final states of one test, with how often each was seen. */
struct outcome {
	long state[LITMUS_MAX_STATE];
	unsigned long count;
	bool proposition;
};

static struct {
	const struct litmus_test *test;
	long state[LITMUS_MAX_STATE];
} current;

static void run_test(void *unused)
{
	const struct litmus_test *t = current.test;
	pthread_t th[LITMUS_MAX_THREADS];
	unsigned int i;

	t->init();
	for (i = 0; i < t->nr_threads; i++)
		if (pthread_create(&th[i], NULL, t->thread[i], NULL)) {
			fprintf(stderr, "litmus: cannot start P%u\n", i);
			exit(2);
		}
	for (i = 0; i < t->nr_threads; i++)
		pthread_join(th[i], NULL);
	t->collect(current.state);
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void print_state(const struct litmus_test *t, const long *s)
{
	unsigned int i;

	for (i = 0; i < t->nr_state; i++) {
		const char *p = t->pointer_name(i, s[i]);

		if (p)
			printf("%s%s=%s;", i ? " " : "", t->state_names[i], p);
		else
			printf("%s%s=%ld;", i ? " " : "", t->state_names[i],
			       s[i]);
	}
}

static bool trace;
/* dfs:K: preemptions plus older values read, per schedule */
static unsigned int bound = 2;

static int run_one(const struct litmus_test *t, enum shim_memory_model model,
		   unsigned int cap)
{
	static struct outcome outcomes[4096];
	unsigned long nr_outcomes = 0, positive = 0, negative = 0, i;
	struct harness_explorer *e;
	char strategy[16];
	struct shim_sched_params p;
	double t0 = now_s();

	snprintf(strategy, sizeof(strategy), "dfs:%u", bound);
	e = harness_explorer_new(strategy, 1, cap);
	if (!e)
		return 2;
	current.test = t;
	while (harness_explorer_next(e, &p)) {
		struct shim_sched_result res = { 0 };

		p.memory_model = model;
		p.trace = trace;
		if (!shim_sched_run(&p, run_test, NULL, &res)) {
			fprintf(stderr, "litmus: built without the sync hook\n");
			return 2;
		}
		harness_explorer_finished(e, &res);
		if (t->filter && !t->filter(current.state))
			continue;
		bool prop = t->proposition(current.state);
		if (prop)
			positive++;
		else
			negative++;
		for (i = 0; i < nr_outcomes; i++)
			if (!memcmp(outcomes[i].state, current.state,
				    sizeof(current.state)))
				break;
		if (i == nr_outcomes) {
			if (nr_outcomes == sizeof(outcomes) / sizeof(outcomes[0])) {
				fprintf(stderr, "litmus: too many states\n");
				return 2;
			}
			memcpy(outcomes[i].state, current.state,
			       sizeof(current.state));
			outcomes[i].count = 0;
			outcomes[i].proposition = prop;
			nr_outcomes++;
		}
		outcomes[i].count++;
	}
	printf("{\"name\": \"%s\", \"schedules\": %u, \"exhausted\": %s, "
	       "\"seconds\": %.6f, \"positive\": %lu, \"negative\": %lu, "
	       "\"states\": [",
	       t->name, harness_explorer_count(e),
	       harness_explorer_exhausted(e) ? "true" : "false",
	       now_s() - t0, positive, negative);
	for (i = 0; i < nr_outcomes; i++) {
		printf("%s[\"", i ? ", " : "");
		print_state(t, outcomes[i].state);
		printf("\", %lu, %s]", outcomes[i].count,
		       outcomes[i].proposition ? "true" : "false");
	}
	printf("]}\n");
	fflush(stdout);
	harness_explorer_free(e);
	return 0;
}

static void usage(const char *argv0, int code)
{
	fprintf(stderr,
		"Usage: %s [--memory-model lkmm|sc] [--schedules N] [--bound K] [--trace] [NAME...]\n"
		"  runs the litmus tests built in (all, or those named);\n"
		"  --bound K: dfs:K, at most K preemptions and older values per\n"
		"  schedule (default 2, as scripts/litmus); --trace writes every\n"
		"  step to stderr\n",
		argv0);
	exit(code);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "memory-model", required_argument, NULL, 'm' },
		{ "schedules", required_argument, NULL, 's' },
		{ "trace", no_argument, NULL, 't' },
		{ "bound", required_argument, NULL, 'b' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	enum shim_memory_model model = SHIM_MM_LKMM;
	unsigned long cap = 100000;
	const struct litmus_test *const *t;
	char *end;
	int c, i, ret = 0;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'm':
			if (!strcmp(optarg, "lkmm"))
				model = SHIM_MM_LKMM;
			else if (!strcmp(optarg, "sc"))
				model = SHIM_MM_SC;
			else
				usage(argv[0], 2);
			break;
		case 's':
			cap = strtoul(optarg, &end, 10);
			if (*end || !cap || cap > 100000000)
				usage(argv[0], 2);
			break;
		case 't':
			trace = true;
			break;
		case 'b':
			bound = strtoul(optarg, &end, 10);
			if (*end || bound > 64)
				usage(argv[0], 2);
			break;
		case 'h':
			usage(argv[0], 0);
			break;
		default:
			usage(argv[0], 2);
		}
	}
	for (i = optind; i < argc; i++) {
		for (t = litmus_tests; *t; t++)
			if (!strcmp((*t)->name, argv[i]))
				break;
		if (!*t) {
			fprintf(stderr, "%s: no litmus test '%s'\n", argv[0],
				argv[i]);
			return 2;
		}
	}
	for (t = litmus_tests; *t && !ret; t++) {
		bool wanted = optind == argc;

		for (i = optind; i < argc; i++)
			wanted |= !strcmp((*t)->name, argv[i]);
		if (wanted)
			ret = run_one(*t, model, cap);
	}
	return ret;
}
