// SPDX-License-Identifier: GPL-2.0-only
/*
 * The scheduler's LKMM model (--memory-model lkmm, Documentation/dev-tools/
 * lkmm.rst) against the shim's primitives, in pairs: the correct pattern,
 * whose every marked access is ordered as the LKMM needs, passes under
 * every schedule; the "_stale" one, which drops one barrier but keeps
 * every access marked (so TSan has no race to see), fails its assertion
 * on a stale value in some schedule under lkmm, and never under sc.
 *
 * The "_stale" tests fail by design: they run only when asked for
 * (VMALOCK_LKMM_STALE=1), as meson's lkmm-*-found tests (must fail under
 * lkmm) and lkmm-*-sc-passes tests (must pass under sc) do; otherwise
 * they skip.
 */
#include <linux/atomic.h>
#include <linux/seqlock.h>
#include <shim/sched.h>

#include "shim_test.h"

#define STALE_TEST()                                                       \
	do {                                                               \
		if (!getenv("VMALOCK_LKMM_STALE"))                         \
			SKIP(return, "fails by design: the lkmm-*-found tests run it"); \
	} while (0)

/* ---- message passing: WRITE_ONCE(data); smp_wmb(); WRITE_ONCE(flag) ---- */

struct mp {
	int data;
	int flag;
	bool reader_rmb;
};

static void *mp_writer(void *arg)
{
	struct mp *m = arg;

	WRITE_ONCE(m->data, 42);
	smp_wmb();
	WRITE_ONCE(m->flag, 1);
	return NULL;
}

/* The reader's view of data once it has seen the flag, or -1. */
static int mp_read(struct mp *m)
{
	if (!READ_ONCE(m->flag))
		return -1;
	if (m->reader_rmb)
		smp_rmb();
	return READ_ONCE(m->data);
}

static int mp_round(struct mp *m)
{
	pthread_t w;
	int seen;

	WRITE_ONCE(m->data, 0);
	WRITE_ONCE(m->flag, 0);
	if (pthread_create(&w, NULL, mp_writer, m))
		return -2;
	seen = mp_read(m);
	pthread_join(w, NULL);
	return seen;
}

TEST(mp_wmb_rmb_clean)
{
	struct mp m = { .reader_rmb = true };
	int seen = mp_round(&m);

	ASSERT_TRUE(seen == -1 || seen == 42);
}

TEST(mp_rmb_missing_stale)
{
	struct mp m = { .reader_rmb = false };
	int seen;

	STALE_TEST();
	seen = mp_round(&m);
	ASSERT_TRUE(seen == -1 || seen == 42);
}

/* ---- message passing by release and acquire -------------------------- */

static void *mp_release_writer(void *arg)
{
	struct mp *m = arg;

	WRITE_ONCE(m->data, 42);
	smp_store_release(&m->flag, 1);
	return NULL;
}

TEST(mp_release_acquire_clean)
{
	struct mp m = { 0 };
	pthread_t w;
	int seen = -1;

	START_THREAD(w, mp_release_writer, &m);
	if (smp_load_acquire(&m.flag))
		seen = READ_ONCE(m.data);
	JOIN_THREAD(w);
	ASSERT_TRUE(seen == -1 || seen == 42);
}

TEST(mp_acquire_missing_stale)
{
	struct mp m = { 0 };
	pthread_t w;
	int seen = -1;

	STALE_TEST();
	START_THREAD(w, mp_release_writer, &m);
	if (READ_ONCE(m.flag))
		seen = READ_ONCE(m.data);
	JOIN_THREAD(w);
	ASSERT_TRUE(seen == -1 || seen == 42);
}

/* ---- store buffering: smp_mb() on both sides ------------------------- */

struct sb {
	int x, y;
	int r1;
	bool fences;
};

static void *sb_other(void *arg)
{
	struct sb *s = arg;

	WRITE_ONCE(s->y, 1);
	if (s->fences)
		smp_mb();
	s->r1 = READ_ONCE(s->x);
	return NULL;
}

static void sb_round(struct __test_metadata *_metadata, struct sb *s)
{
	pthread_t t;
	int r0;

	START_THREAD(t, sb_other, s);
	WRITE_ONCE(s->x, 1);
	if (s->fences)
		smp_mb();
	r0 = READ_ONCE(s->y);
	JOIN_THREAD(t);
	ASSERT_TRUE(r0 == 1 || s->r1 == 1);
}

TEST(sb_mb_clean)
{
	struct sb s = { .fences = true };

	sb_round(_metadata, &s);
}

TEST(sb_mb_missing_stale)
{
	struct sb s = { .fences = false };

	STALE_TEST();
	sb_round(_metadata, &s);
}

/* ---- seqcount: the read side's smp_rmb() ----------------------------- */

struct seq_pair {
	seqcount_t seq;
	int a, b;	/* the writer keeps a == b */
};

static void *seq_writer(void *arg)
{
	struct seq_pair *p = arg;

	write_seqcount_begin(&p->seq);
	WRITE_ONCE(p->a, 1);
	WRITE_ONCE(p->b, 1);
	write_seqcount_end(&p->seq);
	return NULL;
}

/*
 * read_seqcount_begin()/read_seqcount_retry(), or the same without the
 * smp_rmb() after the data reads: the retry's sequence read may then be
 * satisfied before them, and a torn pair goes unnoticed.
 */
static bool seq_read(struct seq_pair *p, bool rmb, int *a, int *b)
{
	unsigned int start = read_seqcount_begin(&p->seq);

	*a = READ_ONCE(p->a);
	*b = READ_ONCE(p->b);
	if (rmb)
		return !read_seqcount_retry(&p->seq, start);
	return READ_ONCE(p->seq.sequence) == start;
}

static void seq_round(struct __test_metadata *_metadata, bool rmb)
{
	struct seq_pair p = { 0 };
	pthread_t w;
	int a, b;

	seqcount_init(&p.seq);
	START_THREAD(w, seq_writer, &p);
	if (seq_read(&p, rmb, &a, &b))
		ASSERT_EQ(a, b);
	JOIN_THREAD(w);
}

TEST(seqcount_read_clean)
{
	seq_round(_metadata, true);
}

TEST(seqcount_retry_rmb_missing_stale)
{
	STALE_TEST();
	seq_round(_metadata, false);
}

/* ---- TSan follows the value --------------------------------------- */

/*
 * Under lkmm the happens-before TSan is told comes from the store a load
 * read, not from the newest one. Both run under TSan with the lkmm model
 * (meson.build); elsewhere they skip.
 */
#define RACE "ThreadSanitizer: data race"

struct publish {
	int data __aligned(64);	/* plain: TSan's to judge */
	int flag __aligned(64);
	int go __aligned(64);
};

#define NEEDS_TSAN_LKMM()                                                  \
	do {                                                               \
		NEEDS_TSAN();                                              \
		if (!shim_sched_active())                                  \
			SKIP(return, "needs the scheduler (--sched)");     \
	} while (0)

static void *release_then_relaxed(void *arg)
{
	struct publish *p = arg;

	plain_write(&p->data, 42);
	smp_store_release(&p->flag, 1);
	WRITE_ONCE(p->flag, 2);	/* publishes nothing */
	return NULL;
}

/*
 * A reader that sees 1 read the release, which covers the data, even
 * when the newest store is the relaxed 2 (which covers nothing): no race.
 */
TEST(tsan_acquires_the_older_release_read_clean)
{
	struct publish p = { 0 };
	pthread_t w;

	NEEDS_TSAN_LKMM();
	START_THREAD(w, release_then_relaxed, &p);
	if (smp_load_acquire(&p.flag) == 1)
		ASSERT_EQ(42, plain_read(&p.data));
	JOIN_THREAD(w);
}

static void *release_then_go(void *arg)
{
	struct publish *p = arg;

	plain_write(&p->data, 42);
	smp_store_release(&p->flag, 1);
	WRITE_ONCE(p->go, 1);	/* relaxed: orders nothing for the reader */
	return NULL;
}

/*
 * The reader's acquire may read the initial flag even after it saw go,
 * and then nothing orders its read of the data after the write: TSan
 * must report it, not acquire the newest flag store's release. (Under sc
 * the acquire reads the release whenever go was seen: no race.)
 */
TEST(tsan_acquires_nothing_from_the_newer_store_reported)
{
	struct publish p = { 0 };
	pthread_t w;

	NEEDS_TSAN_LKMM();
	EXPECT_REPORT(RACE);
	START_THREAD(w, release_then_go, &p);
	while (!READ_ONCE(p.go))
		cpu_relax();
	smp_load_acquire(&p.flag);
	plain_read(&p.data);
	JOIN_THREAD(w);
}

TEST_HARNESS_MAIN
