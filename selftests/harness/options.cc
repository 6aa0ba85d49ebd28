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

bool parse_shard_into(Options &o, const char *s)
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

// A timeout multiplier: a finite number above 0.
std::optional<double> parse_multiplier(const char *s)
{
	char *end;
	double v = std::strtod(s, &end);
	if (end == s || *end || !(v > 0) || !std::isfinite(v))
		return std::nullopt;
	return v;
}

bool set_seed(Options &o, const char *arg)
{
	return bool(o.seed = parse_u64(arg));
}

bool set_duration(Options &o, const char *arg)
{
	return bool(o.duration_ms = parse_duration(arg));
}

bool set_iterations(Options &o, const char *arg)
{
	o.iterations = parse_u64(arg);
	return o.iterations && *o.iterations;
}

bool set_timeout_multiplier(Options &o, const char *arg)
{
	std::optional<double> v = parse_multiplier(arg);
	if (v)
		o.timeout_multiplier = *v;
	return bool(v);
}

bool set_log_dir(Options &o, const char *arg)
{
	o.log_dir = arg;
	return true;
}

bool set_sched(Options &o, const char *arg)
{
	std::optional<SchedSpec> spec = parse_sched_spec(arg);
	if (spec)
		o.sched = *spec;
	return bool(spec);
}

bool set_memory_model(Options &o, const char *arg)
{
	return bool(o.memory_model = parse_memory_model(arg));
}

bool set_sched_runs(Options &o, const char *arg)
{
	std::optional<uint64_t> n = parse_u64(arg);
	if (!n || !*n || *n > 100000000)
		return false;
	o.sched_runs = static_cast<unsigned>(*n);
	return true;
}

bool set_sched_replay(Options &o, const char *arg)
{
	return bool(o.sched_replay = decode_token(arg));
}

bool set_sched_steps(Options &o, const char *arg)
{
	std::optional<uint64_t> n = parse_u64(arg);
	if (!n || !*n)
		return false;
	o.sched_max_steps = *n;
	return true;
}

bool set_sched_trace(Options &o, const char *)
{
	o.sched_trace = true;
	return true;
}

// The long options: getopt_long's table is made from this one, and a
// value set() refuses is reported as "invalid WHAT 'VALUE'".
struct LongOption {
	const char *name;
	bool takes_arg;
	const char *what;
	bool (*set)(Options &o, const char *arg);
};

const LongOption kLongOptions[] = {
	{ "seed", true, "seed", set_seed },
	{ "duration", true, "duration", set_duration },
	{ "iterations", true, "iteration count", set_iterations },
	{ "timeout-multiplier", true, "timeout multiplier",
	  set_timeout_multiplier },
	{ "shard", true, "shard (want I/N, 1 <= I <= N)", parse_shard_into },
	{ "log-dir", true, "log directory", set_log_dir },
	{ "sched", true,
	  "scheduler strategy (want random, pct[:D], dfs[:K] or off)",
	  set_sched },
	{ "sched-runs", true, "schedule count", set_sched_runs },
	{ "sched-replay", true, "replay token", set_sched_replay },
	{ "sched-steps", true, "step bound", set_sched_steps },
	{ "sched-trace", false, nullptr, set_sched_trace },
	{ "memory-model", true, "memory model (want sc or lkmm)",
	  set_memory_model },
};
constexpr int kFirstLong = 256;
constexpr size_t kNrLong = sizeof(kLongOptions) / sizeof(kLongOptions[0]);

// getopt_long()'s table: ours, then --help and --list.
const struct option *getopt_table()
{
	static struct option table[kNrLong + 3];
	for (size_t i = 0; i < kNrLong; i++)
		table[i] = { kLongOptions[i].name,
			     kLongOptions[i].takes_arg ? required_argument
						       : no_argument,
			     nullptr, kFirstLong + static_cast<int>(i) };
	table[kNrLong] = { "help", no_argument, nullptr, 'h' };
	table[kNrLong + 1] = { "list", no_argument, nullptr, 'l' };
	table[kNrLong + 2] = { nullptr, 0, nullptr, 0 };
	return table;
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
		"\t--memory-model MODEL     under --sched, what a marked load may return:\n"
		"\t                         lkmm (any store the Linux-kernel memory model\n"
		"\t                         allows, the default) or sc (the newest store)\n"
		"\n"
		"Test filter options can be specified multiple times. The filtering\n"
		"stops at the first match. For example to include all tests from\n"
		"variant 'bla' but not test 'foo' specify '-T foo -v bla'.\n"
		"A filter that matches no test is an error.\n",
		argv0);
}

std::optional<Options> parse_options(int argc, char **argv)
{
	Options o;
	const char *argv0 = argv[0];
	o.argv0 = argv0;

	if (const char *env = std::getenv("VMALOCK_TIMEOUT_MULTIPLIER")) {
		if (!set_timeout_multiplier(o, env)) {
			std::fprintf(stderr,
				     "%s: invalid VMALOCK_TIMEOUT_MULTIPLIER '%s'\n",
				     argv0, env);
			return std::nullopt;
		}
	}

	opterr = 0;
	optind = 1;
	int opt;
	while ((opt = getopt_long(argc, argv, ":hlf:F:v:V:t:T:r:",
				  getopt_table(), nullptr)) != -1) {
		if (opt >= kFirstLong) {
			const LongOption &lo = kLongOptions[opt - kFirstLong];
			if (!lo.set(o, optarg))
				return fail(argv0, lo.what, optarg), std::nullopt;
			continue;
		}
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
	if (o.memory_model && o.sched_replay) {
		std::fprintf(stderr, "%s: --sched-replay names its own memory model; drop --memory-model\n",
			     argv0);
		print_usage(argv0);
		return std::nullopt;
	}
	if (o.memory_model && o.sched.strategy == SHIM_SCHED_OFF) {
		std::fprintf(stderr, "%s: --memory-model needs --sched\n", argv0);
		print_usage(argv0);
		return std::nullopt;
	}
	if (o.memory_model)
		o.sched.memory_model = *o.memory_model;
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
