/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * User-space only: the runner's enumeration of schedules (sched_plan.h)
 * for a C program that runs its schedules in one process, as
 * tools/bench/sched_bench does: the same explorer, so the same schedules
 * in the same order as under the runner.
 */
#ifndef _HARNESS_SCHED_EXPLORE_H
#define _HARNESS_SCHED_EXPLORE_H

#include <stdbool.h>
#include <stdint.h>

#include <shim/sched.h>

#ifdef __cplusplus
extern "C" {
#endif

struct harness_explorer;

/**
 * harness_explorer_new() - the schedules of one test
 * @strategy: as --sched takes it ("random", "pct:3", "dfs:2", ...)
 * @seed: the test's seed
 * @runs: at most this many schedules
 *
 * Return: the explorer, or NULL if @strategy is no strategy's name.
 */
struct harness_explorer *harness_explorer_new(const char *strategy,
					      uint64_t seed, unsigned int runs);
/**
 * harness_explorer_next() - the next schedule, if any
 * @e: the explorer
 * @p: filled in for shim_sched_run(), valid until the next call
 *
 * Return: false when every schedule was run.
 */
bool harness_explorer_next(struct harness_explorer *e,
			   struct shim_sched_params *p);
/**
 * harness_explorer_finished() - what the last schedule did
 * @e: the explorer
 * @r: as shim_sched_run() filled it in
 */
void harness_explorer_finished(struct harness_explorer *e,
			       const struct shim_sched_result *r);
/**
 * harness_explorer_count() - schedules handed out so far
 * @e: the explorer
 *
 * Return: how many times harness_explorer_next() gave a schedule.
 */
unsigned int harness_explorer_count(const struct harness_explorer *e);
/**
 * harness_explorer_exhausted() - whether dfs ran every schedule
 * @e: the explorer
 *
 * Return: true once dfs has no schedule left within its bound.
 */
bool harness_explorer_exhausted(const struct harness_explorer *e);
/**
 * harness_explorer_free() - done with @e
 * @e: the explorer
 */
void harness_explorer_free(struct harness_explorer *e);

#ifdef __cplusplus
}
#endif

#endif /* _HARNESS_SCHED_EXPLORE_H */
