/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * User-space only: the deterministic scheduler (kernel_shim/runtime/sched/).
 *
 * Under the scheduler exactly one task (a thread of the test) runs at a
 * time; at every shim_sync_point() it may pick another one, following a
 * strategy fed by a seed. The same program, test, seed and strategy give
 * the same interleaving. Blocking, RCU grace periods and time are
 * modelled; a state where no task can run is reported at once as a hung
 * task. See Documentation/dev-tools/sched.rst.
 *
 * The harness drives it (shim_sched_run() of each test); kernel
 * code never calls it. Tests may ask whether they run under it.
 */
#ifndef _SHIM_SCHED_H
#define _SHIM_SCHED_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

enum shim_sched_strategy {
	SHIM_SCHED_OFF,
	SHIM_SCHED_RANDOM,	/* uniform choice at every switch point */
	SHIM_SCHED_PCT,		/* PCT: random priorities, depth-1 changes */
	SHIM_SCHED_DFS,		/* every schedule within a preemption bound */
};

/* Tasks a DFS schedule can name (one letter each in a replay token). */
#define SHIM_SCHED_MAX_TASKS 52

/* One choice point of a schedule, as DFS needs it. */
struct shim_sched_choice {
	uint64_t enabled;	/* bit per task id that could run */
	uint8_t running;	/* the task that reached the switch point */
	uint8_t chosen;		/* the task picked to run next */
	uint8_t current_runnable; /* switching away would be a preemption */
	uint8_t pad;
};

/* What a marked load may return (Documentation/dev-tools/lkmm.rst). */
enum shim_memory_model {
	SHIM_MM_SC,		/* the newest store: sequential consistency */
	SHIM_MM_LKMM,		/* any store the Linux-kernel memory model allows */
};

struct shim_sched_params {
	enum shim_sched_strategy strategy;
	uint64_t seed;
	unsigned int pct_depth;		/* D for pct */
	uint64_t pct_steps;		/* k: PCT's estimate of a run's steps */
	uint64_t max_steps;		/* step bound; 0: the default */
	/* dfs: the forced choices, then the default rule */
	const uint8_t *prefix;
	unsigned int prefix_len;
	/* dfs: where the run's choice points are written (may be NULL) */
	struct shim_sched_choice *choices;
	unsigned int choices_cap;
	/* kept up to date at every step, for a run that dies (may be NULL) */
	uint64_t *live_steps;
	uint64_t *live_trace_hash;
	/* print every step ("sched: step N task T op NAME") to stderr */
	bool trace;
	enum shim_memory_model memory_model;
};

#define SHIM_SCHED_DEFAULT_MAX_STEPS 2000000ull
/*
 * A schedule in which no task changed shared state for this many steps,
 * while no task sleeps until a deadline, is a livelock: it ends there
 * instead of at the step bound.
 */
#define SHIM_SCHED_LIVELOCK_STEPS 100000ull
/* Virtual time advances this much per step. */
#define SHIM_SCHED_NS_PER_STEP 1000ull

struct shim_sched_result {
	uint64_t steps;
	uint64_t trace_hash;	/* FNV-1a over (task, operation) per step */
	unsigned int nr_tasks;
	unsigned int nr_choices;	/* choice points written */
	bool choices_truncated;
	bool diverged;		/* a forced choice named a task that could not run */
};

/**
 * shim_sched_run() - run a test under the scheduler
 * @params: the strategy, its seed and knobs, and where to write back
 * @fn: the test
 * @arg: its argument
 * @result: where the run's steps, trace hash and choices go (may be NULL)
 *
 * Harness side, in the test's process: @fn(@arg) runs as task 0, a task
 * of its own (a fiber on the calling thread, which is no task), and
 * every shim_sync_point() is a switch point. When @fn returns, task 0
 * waits, still under the scheduler, for every other task to exit and for
 * RCU's callbacks to run; then the calling thread goes on, after all
 * task 0 did. The harness calls it; kernel code never does.
 *
 * Return: false if this build has no sync hook (-Dsync_hook=false).
 */
bool shim_sched_run(const struct shim_sched_params *params,
		    void (*fn)(void *arg), void *arg,
		    struct shim_sched_result *result);

/**
 * shim_hang_watch() - report a free-running test that hangs
 * @request_fd: a byte arrives here when the test outlives its timeout
 * @timeout_s: that timeout, for the report
 *
 * Harness side, free-running: starts a thread that waits on @request_fd
 * and then prints every task's state and stack and the locks held, as
 * the scheduler's hang reports do, and ends the process. A state where
 * every task sleeps with nothing left to wake one is reported at once.
 */
void shim_hang_watch(int request_fd, double timeout_s);

/**
 * shim_sched_active() - whether the calling thread is a scheduled task
 *
 * Return: true in the tasks of a shim_sched_run(): its task 0 and the
 * tasks created meanwhile.
 */
bool shim_sched_active(void);

/**
 * shim_sched_set_max_steps() - change the running schedule's step bound
 * @max_steps: the new bound
 *
 * For tests of the bound itself; without a schedule, does nothing.
 */
void shim_sched_set_max_steps(uint64_t max_steps);

/**
 * shim_sched_clock_ns() - the time tasks see
 *
 * Return: nanoseconds of virtual time under the scheduler (it advances
 * SHIM_SCHED_NS_PER_STEP per step, and jumps to the next timeout when
 * every task sleeps), else CLOCK_MONOTONIC.
 */
uint64_t shim_sched_clock_ns(void);

#ifdef __cplusplus
}
#endif

#endif /* _SHIM_SCHED_H */
