// SPDX-License-Identifier: GPL-2.0-only
#include "options.h"

#include <getopt.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace harness {
namespace {

enum LongOnly {
	OPT_SEED = 256,
	OPT_DURATION,
	OPT_ITERATIONS,
	OPT_TIMEOUT_MULTIPLIER,
	OPT_SHARD,
	OPT_LOG_DIR,
	OPT_SCHED,
	OPT_SCHED_RUNS,
	OPT_SCHED_REPLAY,
	OPT_SCHED_STEPS,
	OPT_SCHED_TRACE,
};

std::optional<uint64_t> parse_u64(const char *s)
{
	if (!*s || *s == '-' || *s == '+')
		return std::nullopt;
	errno = 0;
	char *end;
	unsigned long long v = std::strtoull(s, &end, 0);
	if (errno || *end)
		return std::nullopt;
	return v;
}

// "90", "90s", "500ms", "2m": a duration, in milliseconds.
std::optional<uint64_t> parse_duration(const char *s)
{
	if (!*s || *s == '-' || *s == '+')
		return std::nullopt;
	errno = 0;
	char *end;
	double v = std::strtod(s, &end);
	if (errno || end == s || !std::isfinite(v) || v < 0)
		return std::nullopt;
	double scale;
	if (!std::strcmp(end, "") || !std::strcmp(end, "s"))
		scale = 1000;
	else if (!std::strcmp(end, "ms"))
		scale = 1;
	else if (!std::strcmp(end, "m"))
		scale = 60000;
	else
		return std::nullopt;
	return static_cast<uint64_t>(v * scale);
}

bool parse_shard(const char *s, Options &o)
{
	unsigned i, n;
	char tail;
	if (std::sscanf(s, "%u/%u%c", &i, &n, &tail) != 2)
		return false;
	if (n == 0 || i == 0 || i > n)
		return false;
	o.shard_index = i - 1;
	o.shard_count = n;
	return true;
}

bool fail(const char *argv0, const char *what, const char *arg)
{
	std::fprintf(stderr, "%s: invalid %s '%s'\n", argv0, what, arg);
	print_usage(argv0);
	return false;
}

} // namespace

void print_usage(const char *argv0)
{
	std::fprintf(stderr,
		"Usage: %s [-h|-l] [-t|-T|-v|-V|-f|-F|-r name] [options]\n"
		"\t-h       print help\n"
		"\t-l       list the tests the filters select, by the name -r takes\n"
		"\n"
		"\t-t name  include test\n"
		"\t-T name  exclude test\n"
		"\t-v name  include variant\n"
		"\t-V name  exclude variant\n"
		"\t-f name  include fixture\n"
		"\t-F name  exclude fixture\n"
		"\t-r name  run specified test (fixture[.variant].test)\n"
		"\n"
		"\t--seed N                 base seed; each test derives its own\n"
		"\t--duration T             stress-test duration (90, 90s, 500ms, 2m);\n"
		"\t                         each test's timeout grows by as much\n"
		"\t--iterations N           stress-test iteration count\n"
		"\t--timeout-multiplier F   scale every test timeout (also\n"
		"\t                         $VMALOCK_TIMEOUT_MULTIPLIER)\n"
		"\t--shard I/N              run the I-th of N slices of the tests\n"
		"\t--log-dir DIR            where the logs of failing tests are kept\n"
		"\t                         (default: $VMALOCK_LOG_DIR, else\n"
		"\t                         ${TMPDIR:-/tmp}/vmalock-logs/PROGRAM.PID;\n"
		"\t                         there, logs older than a day are removed\n"
		"\t                         at start); a passing test's log is removed\n"
		"\n"
		"\t--sched STRATEGY         run each test under the deterministic\n"
		"\t                         scheduler: random, pct[:D] (default D=3),\n"
		"\t                         dfs[:K] (default K=2 preemptions), or off\n"
		"\t                         (free-running threads, the default)\n"
		"\t--sched-runs N           schedules per test (default 20; dfs: 1000)\n"
		"\t--sched-replay TOKEN     rerun the one schedule a failure printed\n"
		"\t--sched-steps N          step bound of one schedule (default 2000000)\n"
		"\t--sched-trace            write every step of a schedule to the test's log\n"
		"\n"
		"Test filter options can be specified multiple times. The filtering\n"
		"stops at the first match. For example to include all tests from\n"
		"variant 'bla' but not test 'foo' specify '-T foo -v bla'.\n"
		"A filter that matches no test is an error.\n",
		argv0);
}

std::optional<Options> parse_options(int argc, char **argv)
{
	static const struct option long_opts[] = {
		{ "seed", required_argument, nullptr, OPT_SEED },
		{ "duration", required_argument, nullptr, OPT_DURATION },
		{ "iterations", required_argument, nullptr, OPT_ITERATIONS },
		{ "timeout-multiplier", required_argument, nullptr,
		  OPT_TIMEOUT_MULTIPLIER },
		{ "shard", required_argument, nullptr, OPT_SHARD },
		{ "log-dir", required_argument, nullptr, OPT_LOG_DIR },
		{ "sched", required_argument, nullptr, OPT_SCHED },
		{ "sched-runs", required_argument, nullptr, OPT_SCHED_RUNS },
		{ "sched-replay", required_argument, nullptr, OPT_SCHED_REPLAY },
		{ "sched-steps", required_argument, nullptr, OPT_SCHED_STEPS },
		{ "sched-trace", no_argument, nullptr, OPT_SCHED_TRACE },
		{ "help", no_argument, nullptr, 'h' },
		{ "list", no_argument, nullptr, 'l' },
		{ nullptr, 0, nullptr, 0 },
	};
	Options o;
	const char *argv0 = argv[0];
	o.argv0 = argv0;

	if (const char *env = std::getenv("VMALOCK_TIMEOUT_MULTIPLIER")) {
		char *end;
		double v = std::strtod(env, &end);
		if (*end || !(v > 0) || !std::isfinite(v)) {
			std::fprintf(stderr,
				     "%s: invalid VMALOCK_TIMEOUT_MULTIPLIER '%s'\n",
				     argv0, env);
			return std::nullopt;
		}
		o.timeout_multiplier = v;
	}

	opterr = 0;
	optind = 1;
	int opt;
	while ((opt = getopt_long(argc, argv, ":hlf:F:v:V:t:T:r:", long_opts,
				  nullptr)) != -1) {
		switch (opt) {
		case 'h':
			o.help = true;
			break;
		case 'l':
			o.list = true;
			break;
		case 'f': case 'F': case 'v': case 'V':
		case 't': case 'T': case 'r':
			o.filters.push_back(Filter{ static_cast<char>(opt),
						    optarg });
			break;
		case OPT_SEED:
			if (!(o.seed = parse_u64(optarg)))
				return fail(argv0, "seed", optarg), std::nullopt;
			break;
		case OPT_DURATION:
			if (!(o.duration_ms = parse_duration(optarg)))
				return fail(argv0, "duration", optarg),
				       std::nullopt;
			break;
		case OPT_ITERATIONS:
			o.iterations = parse_u64(optarg);
			if (!o.iterations || !*o.iterations)
				return fail(argv0, "iteration count", optarg),
				       std::nullopt;
			break;
		case OPT_TIMEOUT_MULTIPLIER: {
			char *end;
			double v = std::strtod(optarg, &end);
			if (*end || !(v > 0) || !std::isfinite(v))
				return fail(argv0, "timeout multiplier", optarg),
				       std::nullopt;
			o.timeout_multiplier = v;
			break;
		}
		case OPT_SHARD:
			if (!parse_shard(optarg, o))
				return fail(argv0, "shard (want I/N, 1 <= I <= N)",
					    optarg),
				       std::nullopt;
			break;
		case OPT_LOG_DIR:
			o.log_dir = optarg;
			break;
		case OPT_SCHED: {
			std::optional<SchedSpec> spec = parse_sched_spec(optarg);
			if (!spec)
				return fail(argv0, "scheduler strategy (want random, pct[:D], dfs[:K] or off)",
					    optarg),
				       std::nullopt;
			o.sched = *spec;
			break;
		}
		case OPT_SCHED_RUNS: {
			std::optional<uint64_t> n = parse_u64(optarg);
			if (!n || !*n || *n > 100000000)
				return fail(argv0, "schedule count", optarg),
				       std::nullopt;
			o.sched_runs = static_cast<unsigned>(*n);
			break;
		}
		case OPT_SCHED_REPLAY:
			if (!(o.sched_replay = decode_token(optarg)))
				return fail(argv0, "replay token", optarg),
				       std::nullopt;
			break;
		case OPT_SCHED_TRACE:
			o.sched_trace = true;
			break;
		case OPT_SCHED_STEPS: {
			std::optional<uint64_t> n = parse_u64(optarg);
			if (!n || !*n)
				return fail(argv0, "step bound", optarg),
				       std::nullopt;
			o.sched_max_steps = *n;
			break;
		}
		case ':':
			std::fprintf(stderr, "%s: option '%s' needs an argument\n",
				     argv0, argv[optind - 1]);
			print_usage(argv0);
			return std::nullopt;
		default:
			std::fprintf(stderr, "%s: unknown option '%s'\n", argv0,
				     argv[optind - 1]);
			print_usage(argv0);
			return std::nullopt;
		}
	}
	if (o.sched_replay && o.sched.strategy != SHIM_SCHED_OFF) {
		std::fprintf(stderr, "%s: --sched-replay names its own strategy; drop --sched\n",
			     argv0);
		print_usage(argv0);
		return std::nullopt;
	}
	if (o.sched_runs && o.sched.strategy == SHIM_SCHED_OFF) {
		std::fprintf(stderr, "%s: --sched-runs needs --sched\n", argv0);
		print_usage(argv0);
		return std::nullopt;
	}
	if (optind < argc) {
		std::fprintf(stderr, "%s: unexpected argument '%s'\n", argv0,
			     argv[optind]);
		print_usage(argv0);
		return std::nullopt;
	}
	return o;
}

} // namespace harness
