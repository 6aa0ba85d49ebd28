// SPDX-License-Identifier: GPL-2.0-only
/* The command line and loop shared by the pairwise benchmarks. */
#include <getopt.h>

#include "bench.h"

static void usage(const struct bench_suite *suite, const char *argv0,
		  int status)
{
	fprintf(stderr,
		"Usage: %s [--iterations N] [--rounds N]\n"
		"  --iterations N  operations per timed loop (default %llu)\n"
		"  --rounds N      timed loops per side; the best counts (default %llu)\n",
		argv0, (unsigned long long)suite->iterations,
		(unsigned long long)suite->rounds);
	exit(status);
}

int bench_suite_main(const struct bench_suite *suite, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "iterations", required_argument, NULL, 'i' },
		{ "rounds", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	uint64_t iterations = suite->iterations, rounds = suite->rounds;
	int opt, missed = 0, ret;
	size_t i;

	while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (opt) {
		case 'i':
			if (!bench_parse_count(optarg, &iterations))
				usage(suite, argv[0], 2);
			break;
		case 'r':
			if (!bench_parse_count(optarg, &rounds))
				usage(suite, argv[0], 2);
			break;
		case 'h':
			usage(suite, argv[0], 0);
			break;
		default:
			usage(suite, argv[0], 2);
		}
	}
	if (optind != argc)
		usage(suite, argv[0], 2);
	ret = suite->setup ? suite->setup() : 0;
	if (ret)
		return ret;

	printf("# %s: %llu operations per loop, best of %llu rounds\n",
	       suite->name, (unsigned long long)iterations,
	       (unsigned long long)rounds);
	printf("%-44s %9s %9s %8s\n", "operation", suite->columns[0],
	       suite->columns[1], "ratio");
	for (i = 0; i < suite->nr_pairs; i++)
		missed += bench_run_pair(&suite->pairs[i], iterations,
					 (int)rounds);
	printf("# %d of the goals missed\n", missed);
	return 0;
}
