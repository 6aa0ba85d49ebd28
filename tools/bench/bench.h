/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Tiny benchmark kit: time a loop of N operations, several rounds,
 * ours and a baseline interleaved, keep each side's best round, print
 * ns/op and the ratio. Ratios from one run are what we report; absolute
 * times depend on the machine.
 */
#ifndef _TOOLS_BENCH_H
#define _TOOLS_BENCH_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static inline uint64_t bench_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

/*
 * A positive decimal count from the command line; false if @s is not one
 * (the caller prints its usage and exits 2).
 */
static inline int bench_parse_count(const char *s, uint64_t *out)
{
	char *end;
	unsigned long long v;

	if (!*s || *s == '-')
		return 0;
	v = strtoull(s, &end, 10);
	if (*end || !v)
		return 0;
	*out = v;
	return 1;
}

typedef void (*bench_loop_fn)(uint64_t iterations);

struct bench_pair {
	const char *name;
	bench_loop_fn ours;
	bench_loop_fn baseline;
	const char *baseline_name;
	double goal;	/* ratio ours/baseline to stay under; 0: none */
};

/* ns/op of one timed run of @fn. */
static inline double bench_ns_per_op(bench_loop_fn fn, uint64_t iterations)
{
	uint64_t t0 = bench_now_ns();

	fn(iterations);
	return (double)(bench_now_ns() - t0) / (double)iterations;
}

#if defined(__SANITIZE_THREAD__) || defined(__SANITIZE_ADDRESS__)
#define BENCH_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer) || __has_feature(address_sanitizer)
#define BENCH_SANITIZED 1
#endif
#endif

/*
 * Under a sanitizer timings say nothing about the code, so goals are not
 * judged there (the smoke tests still run the loops).
 */
#ifdef BENCH_SANITIZED
static const int bench_goals_judged = 0;
#else
static const int bench_goals_judged = 1;
#endif

static inline const char *bench_goal_verdict(int met)
{
	if (!bench_goals_judged)
		return "not judged in a sanitizer build";
	return met ? "met" : "MISSED";
}

/* 1 if a goal was missed and that counts (never under a sanitizer). */
static inline int bench_goal_missed(int met)
{
	return bench_goals_judged && !met;
}

/* Returns 1 if the goal was missed. */
static inline int bench_run_pair(const struct bench_pair *p,
				 uint64_t iterations, int rounds)
{
	double ours = 1e30, base = 1e30, ratio;
	int r;

	p->ours(iterations / 10 + 1);		/* warm up */
	p->baseline(iterations / 10 + 1);
	for (r = 0; r < rounds; r++) {
		double a = bench_ns_per_op(p->ours, iterations);
		double b = bench_ns_per_op(p->baseline, iterations);

		if (a < ours)
			ours = a;
		if (b < base)
			base = b;
	}
	ratio = ours / base;
	printf("%-44s %9.2f %9.2f %7.2fx", p->name, ours, base, ratio);
	if (p->goal)
		printf("  goal <= %.2fx %s", p->goal,
		       bench_goal_verdict(ratio <= p->goal));
	printf("   (baseline: %s)\n", p->baseline_name);
	return p->goal && bench_goal_missed(ratio <= p->goal);
}

/* A benchmark made of ours-vs-baseline pairs, and its command line. */
struct bench_suite {
	const char *name;
	const struct bench_pair *pairs;
	size_t nr_pairs;
	uint64_t iterations;		/* defaults */
	uint64_t rounds;
	const char *columns[2];		/* "ours ns", "base ns" */
	int (*setup)(void);		/* 0 to go on, else the exit code */
};

/*
 * Parses --iterations N and --rounds N (usage and exit 2 on anything
 * else), runs setup, then every pair; prints how many goals were missed.
 * Returns the exit code.
 */
int bench_suite_main(const struct bench_suite *suite, int argc, char **argv);

#endif /* _TOOLS_BENCH_H */
