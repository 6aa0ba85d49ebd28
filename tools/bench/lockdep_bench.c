// SPDX-License-Identifier: GPL-2.0-only
/*
 * lockdep_bench: the steady-state cost of lockdep on an acquire/release
 * pair of a two-lock chain (A then B, the chain already validated),
 * lockdep on vs lockdep_off() in the same binary and run. Goal: <= 5x.
 *
 * Usage: lockdep_bench [--iterations N] [--rounds N]
 * Needs a build with lockdep (the plain build/ is optimized, -O2).
 */
#include <getopt.h>
#include <stdlib.h>

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

static void usage(const char *argv0, int status)
{
	fprintf(stderr, "Usage: %s [--iterations N] [--rounds N]\n", argv0);
	exit(status);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "iterations", required_argument, NULL, 'i' },
		{ "rounds", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	uint64_t iterations = 2000000;
	int rounds = 5, opt, missed = 0;
	char *end;
	size_t i;

	while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (opt) {
		case 'i':
		case 'r': {
			unsigned long long v = strtoull(optarg, &end, 10);

			if (*end || !v || *optarg == '-')
				usage(argv[0], 2);
			if (opt == 'i')
				iterations = v;
			else
				rounds = (int)v;
			break;
		}
		case 'h':
			usage(argv[0], 0);
			break;
		default:
			usage(argv[0], 2);
		}
	}
	if (optind != argc)
		usage(argv[0], 2);
	if (!IS_ENABLED(CONFIG_LOCKDEP)) {
		printf("# lockdep_bench: this build has no lockdep; nothing to measure\n");
		return 0;
	}
	init_rwsem(&sa);
	init_rwsem(&sb);

	printf("# lockdep_bench: %llu pairs per loop, best of %d rounds\n",
	       (unsigned long long)iterations, rounds);
	printf("%-44s %9s %9s %8s\n", "operation", "on ns", "off ns", "ratio");
	for (i = 0; i < ARRAY_SIZE(pairs); i++)
		missed += bench_run_pair(&pairs[i], iterations, rounds);
	printf("# %d of the goals missed\n", missed);
	return debug_locks ? 0 : 1;
}
