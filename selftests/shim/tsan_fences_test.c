// SPDX-License-Identifier: GPL-2.0-only
/*
 * Proof that ThreadSanitizer sees exactly what a standalone fence orders
 * (Documentation/shim.rst, "Fences under ThreadSanitizer"): a release
 * fence publishes what its thread did *before* it, through any later
 * marked store; an acquire fence acquires for the marked loads *before*
 * it, all of them, as they were when loaded. Each "_reported" test is a
 * pattern Documentation/memory-barriers.txt calls broken and expects a
 * TSan report (skipped without TSan); each "_clean" one is its correct
 * twin and also checks the value it passed, in every build.
 *
 * The threads hand over with wait_relaxed()/set_relaxed() where a test
 * needs an order of events that must not synchronize: those accesses
 * are not marked kernel accesses, so the fence model does not see them.
 *
 * The model itself: kernel_shim/runtime/tsan/fences.cc.
 */
#include <linux/atomic.h>

#include "shim_test.h"

/* Racing data gets 8 bytes of its own (see tsan_pairs_test.c). */
#define RACY __aligned(64)

struct fences {
	int before RACY;	/* written before the writer's first fence */
	int after RACY;		/* written after it, before the flag */
	int xflag RACY;		/* marked store right after the first fence */
	int flag RACY;		/* what the reader waits for */
	atomic_t xcount RACY;	/* relaxed RMW right after the first fence */
	atomic_t count RACY;	/* relaxed RMW the reader waits for */
	atomic_t other RACY;	/* fully ordered RMWs as barriers */
	int noise[32];		/* loads between a flag and its fence */
	int loaded RACY;	/* handshakes that order but never synchronize */
	int published RACY;
};

typedef void (*side_fn)(struct fences *f);

/* What the writer's thread needs. */
struct pair {
	side_fn writer;
	struct fences f;
};

static void *run_writer(void *arg)
{
	struct pair *p = arg;

	p->writer(&p->f);
	return NULL;
}

/* One round of @writer (on a fresh thread) against @reader (on this one). */
static void run_pair(struct __test_metadata *_metadata, side_fn writer,
		     side_fn reader, size_t what, int expect)
{
	struct pair p = { .writer = writer };
	pthread_t w;
	int seen;

	START_THREAD(w, run_writer, &p);
	reader(&p.f);
	seen = plain_read((int *)((char *)&p.f + what));
	JOIN_THREAD(w);
	EXPECT_EQ(expect, seen);
}

/* The field of struct fences a reader ends by reading, as an offset. */
#define FIELD(name) offsetof(struct fences, name)

static void rounds(struct __test_metadata *_metadata, side_fn writer,
		   side_fn reader, size_t what, int expect)
{
	uint64_t i, n = harness_iterations(100);

	for (i = 0; i < n && !_metadata->exit_code; i++)
		run_pair(_metadata, writer, reader, what, expect);
}

/* ---- release side: a fence publishes what came before it ---------- */

/* Fence, a marked store, then more data and the flag with no fence. */
static void stale_wmb_writer(struct fences *f)
{
	plain_write(&f->before, 1);
	smp_wmb();
	WRITE_ONCE(f->xflag, 1);
	plain_write(&f->after, 42);
	/* smp_wmb() missing: the first one does not order "after". */
	WRITE_ONCE(f->flag, 1);
}

static void fresh_wmb_writer(struct fences *f)
{
	plain_write(&f->before, 1);
	smp_wmb();
	WRITE_ONCE(f->xflag, 1);
	plain_write(&f->after, 42);
	smp_wmb();
	WRITE_ONCE(f->flag, 1);
}

static void flag_rmb_reader(struct fences *f)
{
	while (!READ_ONCE(f->flag))
		cpu_relax();
	smp_rmb();
}

TEST(stale_wmb_leaves_later_data_unpublished_reported)
{
	NEEDS_TSAN();
	EXPECT_REPORT("ThreadSanitizer: data race");
	run_pair(_metadata, stale_wmb_writer, flag_rmb_reader, FIELD(after),
		 42);
}

TEST(stale_wmb_still_publishes_earlier_data_clean)
{
	rounds(_metadata, stale_wmb_writer, flag_rmb_reader, FIELD(before), 1);
}

TEST(second_wmb_publishes_later_data_clean)
{
	rounds(_metadata, fresh_wmb_writer, flag_rmb_reader, FIELD(after), 42);
}

/* The same through smp_mb__before_atomic() and relaxed RMWs. */
static void stale_mb_before_atomic_writer(struct fences *f)
{
	plain_write(&f->before, 1);
	smp_mb__before_atomic();
	atomic_inc(&f->xcount);
	plain_write(&f->after, 42);
	/* smp_mb__before_atomic() missing */
	atomic_inc(&f->count);
}

static void mb_before_atomic_writer(struct fences *f)
{
	plain_write(&f->after, 42);
	smp_mb__before_atomic();
	atomic_inc(&f->count);
}

static void count_rmb_reader(struct fences *f)
{
	while (!atomic_read(&f->count))
		cpu_relax();
	smp_rmb();
}

TEST(stale_mb_before_atomic_leaves_later_data_unpublished_reported)
{
	NEEDS_TSAN();
	EXPECT_REPORT("ThreadSanitizer: data race");
	run_pair(_metadata, stale_mb_before_atomic_writer, count_rmb_reader,
		 FIELD(after), 42);
}

TEST(stale_mb_before_atomic_still_publishes_earlier_data_clean)
{
	rounds(_metadata, stale_mb_before_atomic_writer, count_rmb_reader,
	       FIELD(before), 1);
}

TEST(mb_before_atomic_publishes_through_relaxed_rmw_clean)
{
	rounds(_metadata, mb_before_atomic_writer, count_rmb_reader,
	       FIELD(after), 42);
}

/* A fully ordered RMW is smp_mb() on each side of it. */
static void full_rmw_writer(struct fences *f)
{
	plain_write(&f->after, 42);
	atomic_inc_return(&f->other);
	WRITE_ONCE(f->flag, 1);
}

/* A relaxed one orders nothing. */
static void relaxed_rmw_writer(struct fences *f)
{
	plain_write(&f->after, 42);
	atomic_inc_return_relaxed(&f->other);
	WRITE_ONCE(f->flag, 1);
}

TEST(full_rmw_is_a_release_fence_clean)
{
	rounds(_metadata, full_rmw_writer, flag_rmb_reader, FIELD(after), 42);
}

TEST(relaxed_rmw_is_no_release_fence_reported)
{
	NEEDS_TSAN();
	EXPECT_REPORT("ThreadSanitizer: data race");
	run_pair(_metadata, relaxed_rmw_writer, flag_rmb_reader, FIELD(after),
		 42);
}

/* ---- acquire side: a fence acquires for the loads before it -------- */

static void wmb_writer(struct fences *f)
{
	plain_write(&f->after, 42);
	smp_wmb();
	WRITE_ONCE(f->flag, 1);
}

/* Many other marked loads between the flag and the fence. */
static void noisy_rmb_reader(struct fences *f)
{
	int i, sum = 0;

	while (!READ_ONCE(f->flag))
		cpu_relax();
	for (i = 0; i < ARRAY_SIZE(f->noise); i++)
		sum += READ_ONCE(f->noise[i]);
	smp_rmb();
	WRITE_ONCE(f->noise[0], sum);
}

TEST(rmb_acquires_for_every_earlier_load_clean)
{
	rounds(_metadata, wmb_writer, noisy_rmb_reader, FIELD(after), 42);
}

/*
 * The mirror of the stale release fence: the reader loads the flag before
 * the writer publishes, and its fence comes after the publication. What
 * the load saw (nothing) is what the fence acquires.
 */
static void handshake_writer(struct fences *f)
{
	wait_relaxed(&f->loaded, 1);
	wmb_writer(f);
	set_relaxed(&f->published, 1);
}

static void early_load_reader(struct fences *f)
{
	int flag = READ_ONCE(f->flag);

	set_relaxed(&f->loaded, 1);
	wait_relaxed(&f->published, 1);
	smp_rmb();
	/* Broken: acts on data whatever the flag said. */
	WRITE_ONCE(f->noise[0], flag);
}

static void late_load_reader(struct fences *f)
{
	set_relaxed(&f->loaded, 1);
	wait_relaxed(&f->published, 1);
	if (READ_ONCE(f->flag))
		smp_rmb();
}

TEST(rmb_after_a_load_that_saw_nothing_acquires_nothing_reported)
{
	NEEDS_TSAN();
	EXPECT_REPORT("ThreadSanitizer: data race");
	run_pair(_metadata, handshake_writer, early_load_reader, FIELD(after),
		 42);
}

TEST(rmb_after_a_load_that_saw_the_flag_clean)
{
	rounds(_metadata, handshake_writer, late_load_reader, FIELD(after), 42);
}

/* Fully ordered RMW, smp_mb__after_atomic() and a control dependency. */
static void full_rmw_reader(struct fences *f)
{
	while (!READ_ONCE(f->flag))
		cpu_relax();
	atomic_inc_return(&f->other);
}

static void relaxed_rmw_reader(struct fences *f)
{
	while (!READ_ONCE(f->flag))
		cpu_relax();
	atomic_inc_return_relaxed(&f->other);
}

static void mb_after_atomic_reader(struct fences *f)
{
	while (!READ_ONCE(f->flag))
		cpu_relax();
	atomic_inc(&f->other);
	smp_mb__after_atomic();
}

static void ctrl_dep_reader(struct fences *f)
{
	while (!READ_ONCE(f->flag))
		cpu_relax();
	smp_acquire__after_ctrl_dep();
}

TEST(full_rmw_is_an_acquire_fence_clean)
{
	rounds(_metadata, wmb_writer, full_rmw_reader, FIELD(after), 42);
}

TEST(relaxed_rmw_is_no_acquire_fence_reported)
{
	NEEDS_TSAN();
	EXPECT_REPORT("ThreadSanitizer: data race");
	run_pair(_metadata, wmb_writer, relaxed_rmw_reader, FIELD(after), 42);
}

TEST(mb_after_atomic_acquires_for_earlier_loads_clean)
{
	rounds(_metadata, wmb_writer, mb_after_atomic_reader, FIELD(after), 42);
}

TEST(acquire_after_ctrl_dep_clean)
{
	rounds(_metadata, wmb_writer, ctrl_dep_reader, FIELD(after), 42);
}

/* smp_store_mb() is a store and then a full fence. */
static void store_mb_writer(struct fences *f)
{
	plain_write(&f->after, 42);
	smp_store_mb(f->xflag, 1);
	WRITE_ONCE(f->flag, 1);
}

TEST(store_mb_is_a_release_fence_clean)
{
	rounds(_metadata, store_mb_writer, flag_rmb_reader, FIELD(after), 42);
}

TEST_HARNESS_MAIN
