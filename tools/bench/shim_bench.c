// SPDX-License-Identifier: GPL-2.0-only
/*
 * shim_bench: the cost of the shim's primitives against the raw thing,
 * single-threaded and uncontended, measured in one run. Each baseline
 * issues the same atomic instructions with the same orderings (and uses
 * the same results), so a ratio is the cost of the shim's checks.
 *
 *   atomics and refcount vs raw __atomic builtins   goal <= 1.10x
 *   rwsem read/write pairs vs pthread_rwlock          goal <= 1.20x
 *   rcu_read_lock/unlock vs liburcu's own calls       (no goal)
 *
 * Usage: shim_bench [--iterations N] [--rounds N]
 * Build it optimized and unsanitized (scripts/run_benchmarks.sh does).
 */
#include <pthread.h>

#include <linux/atomic.h>
#include <linux/rcupdate.h>
#include <linux/refcount.h>
#include <linux/rwsem.h>

#include "bench.h"

void urcu_baseline_loop(uint64_t n);

static atomic_t a;
static int raw;
static refcount_t ref;
static int raw_ref;
static struct rw_semaphore sem;
static pthread_rwlock_t prw = PTHREAD_RWLOCK_INITIALIZER;
static volatile long sink;

#define LOOP(name, body)                                   \
	static noinline void name(uint64_t n)              \
	{                                                  \
		for (uint64_t i = 0; i < n; i++) {         \
			body;                              \
		}                                          \
	}

LOOP(ours_atomic_inc, atomic_inc(&a))
LOOP(raw_atomic_inc, __atomic_fetch_add(&raw, 1, __ATOMIC_RELAXED))
LOOP(ours_atomic_inc_return, sink = atomic_inc_return(&a))
LOOP(raw_atomic_inc_return, sink = __atomic_add_fetch(&raw, 1, __ATOMIC_SEQ_CST))
LOOP(ours_atomic_read, sink = atomic_read(&a))
LOOP(raw_atomic_read, sink = __atomic_load_n(&raw, __ATOMIC_RELAXED))
LOOP(ours_atomic_cmpxchg, sink = atomic_cmpxchg(&a, (int)i, (int)i + 1))
LOOP(raw_atomic_cmpxchg, {
	int old = (int)i;
	__atomic_compare_exchange_n(&raw, &old, (int)i + 1, false,
				    __ATOMIC_SEQ_CST, __ATOMIC_RELAXED);
	sink = old;
})

/* A get/put pair, as every user of a refcount does. */
LOOP(ours_refcount_pair, {
	refcount_inc(&ref);
	sink = refcount_dec_and_test(&ref);
})
/* refcount_inc() needs the old value too (to catch 0 and overflow). */
LOOP(raw_refcount_pair, {
	sink = __atomic_fetch_add(&raw_ref, 1, __ATOMIC_RELAXED);
	sink = __atomic_fetch_sub(&raw_ref, 1, __ATOMIC_RELEASE) == 1;
})

/* The per-VMA read lock's fast path: inc_not_zero below a limit. */
LOOP(ours_refcount_limited, {
	int old;
	sink = __refcount_inc_not_zero_limited_acquire(&ref, &old, 1 << 29);
	refcount_dec(&ref);
})
LOOP(raw_refcount_limited, {
	int old = __atomic_load_n(&raw_ref, __ATOMIC_RELAXED);
	do {
		if (!old || old >= (1 << 29))
			break;
	} while (!__atomic_compare_exchange_n(&raw_ref, &old, old + 1, false,
					      __ATOMIC_ACQUIRE,
					      __ATOMIC_RELAXED));
	sink = old;
	/* refcount_dec() needs the old value (to catch hitting 0): so here. */
	sink = __atomic_fetch_sub(&raw_ref, 1, __ATOMIC_RELEASE) <= 1;
})

LOOP(ours_rwsem_read, {
	down_read(&sem);
	up_read(&sem);
})
LOOP(raw_rwlock_read, {
	pthread_rwlock_rdlock(&prw);
	pthread_rwlock_unlock(&prw);
})
LOOP(ours_rwsem_write, {
	down_write(&sem);
	up_write(&sem);
})
LOOP(raw_rwlock_write, {
	pthread_rwlock_wrlock(&prw);
	pthread_rwlock_unlock(&prw);
})

LOOP(ours_rcu_pair, {
	rcu_read_lock();
	rcu_read_unlock();
})

static const struct bench_pair pairs[] = {
	{ "atomic_inc", ours_atomic_inc, raw_atomic_inc,
	  "__atomic_fetch_add relaxed", 1.10 },
	{ "atomic_inc_return", ours_atomic_inc_return, raw_atomic_inc_return,
	  "__atomic_add_fetch seq_cst", 1.10 },
	{ "atomic_read", ours_atomic_read, raw_atomic_read,
	  "__atomic_load_n relaxed", 1.10 },
	{ "atomic_cmpxchg", ours_atomic_cmpxchg, raw_atomic_cmpxchg,
	  "__atomic_compare_exchange_n", 1.10 },
	{ "refcount_inc + refcount_dec_and_test", ours_refcount_pair,
	  raw_refcount_pair, "fetch_add + fetch_sub release", 1.10 },
	{ "__refcount_inc_not_zero_limited_acquire+dec",
	  ours_refcount_limited, raw_refcount_limited,
	  "cmpxchg loop + fetch_sub", 1.10 },
	{ "down_read + up_read", ours_rwsem_read, raw_rwlock_read,
	  "pthread_rwlock rdlock/unlock", 1.20 },
	{ "down_write + up_write", ours_rwsem_write, raw_rwlock_write,
	  "pthread_rwlock wrlock/unlock", 1.20 },
	{ "rcu_read_lock + rcu_read_unlock", ours_rcu_pair,
	  urcu_baseline_loop, "urcu_memb_read_lock/unlock", 0 },
};

static int setup(void)
{
	refcount_set(&ref, 1);
	raw_ref = 1;
	init_rwsem(&sem);
	rcu_read_lock();	/* registers this thread with liburcu */
	rcu_read_unlock();
	return 0;
}

int main(int argc, char **argv)
{
	static const struct bench_suite suite = {
		.name = "shim_bench",
		.pairs = pairs,
		.nr_pairs = ARRAY_SIZE(pairs),
		.iterations = 5000000,
		.rounds = 7,
		.columns = { "ours ns", "base ns" },
		.setup = setup,
	};

	return bench_suite_main(&suite, argc, argv);
}
