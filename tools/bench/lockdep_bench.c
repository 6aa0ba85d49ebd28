// SPDX-License-Identifier: GPL-2.0-only
/*
 * lockdep_bench: the steady-state cost of lockdep on an acquire/release
 * pair of a two-lock chain (A then B, the chain already validated),
 * lockdep on vs lockdep_off() in the same binary and run. Goal: <= 5x.
 *
 * Usage: lockdep_bench [--iterations N] [--rounds N]
 * Needs a build with lockdep (the plain build/ is optimized, -O2).
 */

#include <linux/lockdep.h>
#include <linux/rwsem.h>
#include <linux/spinlock.h>

#include "bench.h"

static DEFINE_SPINLOCK(a);
static DEFINE_SPINLOCK(b);
static struct rw_semaphore sa, sb;

static noinline void spin_chain(uint64_t n)
{
	for (uint64_t i = 0; i < n; i++) {
		spin_lock(&a);
		spin_lock(&b);
		spin_unlock(&b);
		spin_unlock(&a);
	}
}

static noinline void rwsem_chain(uint64_t n)
{
	for (uint64_t i = 0; i < n; i++) {
		down_read(&sa);
		down_write(&sb);
		up_write(&sb);
		up_read(&sa);
	}
}

static noinline void spin_chain_off(uint64_t n)
{
	lockdep_off();
	spin_chain(n);
	lockdep_on();
}

static noinline void rwsem_chain_off(uint64_t n)
{
	lockdep_off();
	rwsem_chain(n);
	lockdep_on();
}

static const struct bench_pair pairs[] = {
	{ "spin_lock A, spin_lock B, unlock, unlock", spin_chain,
	  spin_chain_off, "same, lockdep_off()", 5.0 },
	{ "down_read A, down_write B, up, up", rwsem_chain, rwsem_chain_off,
	  "same, lockdep_off()", 5.0 },
};

static int setup(void)
{
	if (!IS_ENABLED(CONFIG_LOCKDEP)) {
		printf("# lockdep_bench: this build has no lockdep; nothing to measure\n");
		return -1;
	}
	init_rwsem(&sa);
	init_rwsem(&sb);
	return 0;
}

int main(int argc, char **argv)
{
	static const struct bench_suite suite = {
		.name = "lockdep_bench",
		.pairs = pairs,
		.nr_pairs = ARRAY_SIZE(pairs),
		.iterations = 2000000,
		.rounds = 5,
		.columns = { "on ns", "off ns" },
		.setup = setup,
	};
	int ret = bench_suite_main(&suite, argc, argv);

	if (ret < 0)
		return 0;	/* nothing to measure in this build */
	/* A lockdep report during the benchmark is a failure. */
	return ret ? ret : (debug_locks ? 0 : 1);
}
