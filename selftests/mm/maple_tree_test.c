// SPDX-License-Identifier: GPL-2.0-only
/* The VMA tree behind the maple tree API: stores, walks, erases, scale. */
#include <linux/maple_tree.h>
#include <linux/rcupdate.h>

#include "../shim/shim_test.h"

#define E(n) ((void *)(unsigned long)(0x1000 + (n)))

static void *walk(struct maple_tree *mt, unsigned long index,
		  unsigned long *first, unsigned long *last)
{
	MA_STATE(mas, mt, index, index);
	void *entry;

	rcu_read_lock();
	entry = mas_walk(&mas);
	rcu_read_unlock();
	*first = mas.index;
	*last = mas.last;
	return entry;
}

static void store(struct __test_metadata *_metadata, struct maple_tree *mt,
		  unsigned long first, unsigned long last, void *entry)
{
	MA_STATE(mas, mt, first, last);

	ASSERT_EQ(0, mas_store_gfp(&mas, entry, GFP_KERNEL));
}

TEST(store_and_walk)
{
	struct maple_tree mt = MTREE_INIT(mt, MT_FLAGS_ALLOC_RANGE);
	unsigned long f, l;

	ASSERT_NULL(walk(&mt, 5, &f, &l));
	store(_metadata, &mt, 10, 19, E(1));
	store(_metadata, &mt, 30, 39, E(2));
	ASSERT_EQ(E(1), walk(&mt, 15, &f, &l));
	ASSERT_EQ(10, f);
	ASSERT_EQ(19, l);
	/* A gap reports its bounds. */
	ASSERT_NULL(walk(&mt, 25, &f, &l));
	ASSERT_EQ(20, f);
	ASSERT_EQ(29, l);
	ASSERT_NULL(walk(&mt, 5, &f, &l));
	ASSERT_EQ(0, f);
	ASSERT_EQ(9, l);
	ASSERT_NULL(walk(&mt, 40, &f, &l));
	ASSERT_EQ(40, f);
	ASSERT_EQ(ULONG_MAX, l);
	ASSERT_EQ(2, mtree_count(&mt));
	mtree_destroy(&mt);
	rcu_barrier();
}

TEST(overwrite_keeps_what_sticks_out)
{
	struct maple_tree mt = MTREE_INIT(mt, MT_FLAGS_ALLOC_RANGE);
	unsigned long f, l;

	store(_metadata, &mt, 0, 99, E(1));
	store(_metadata, &mt, 40, 59, E(2));	/* splits E(1) in two */
	ASSERT_EQ(3, mtree_count(&mt));
	ASSERT_EQ(E(1), walk(&mt, 39, &f, &l));
	ASSERT_EQ(39, l);
	ASSERT_EQ(E(2), walk(&mt, 40, &f, &l));
	ASSERT_EQ(E(1), walk(&mt, 60, &f, &l));
	ASSERT_EQ(60, f);
	store(_metadata, &mt, 50, 70, NULL);	/* erase across two */
	ASSERT_EQ(E(2), walk(&mt, 49, &f, &l));
	ASSERT_EQ(49, l);
	ASSERT_NULL(walk(&mt, 60, &f, &l));
	ASSERT_EQ(50, f);
	ASSERT_EQ(70, l);
	ASSERT_EQ(E(1), walk(&mt, 71, &f, &l));
	mtree_destroy(&mt);
	rcu_barrier();
}

TEST(find_next_prev_erase)
{
	struct maple_tree mt = MTREE_INIT(mt, MT_FLAGS_ALLOC_RANGE);
	MA_STATE(mas, &mt, 0, 0);
	int i;

	for (i = 0; i < 10; i++)
		store(_metadata, &mt, i * 100, i * 100 + 49, E(i));
	mas_set(&mas, 250);
	ASSERT_EQ(E(3), mas_find(&mas, ULONG_MAX));	/* next after a gap */
	ASSERT_EQ(300, mas.index);
	ASSERT_EQ(E(4), mas_next(&mas, ULONG_MAX));
	ASSERT_NULL(mas_next(&mas, 450));	/* E(5) starts after max */
	mas_set(&mas, 260);
	ASSERT_EQ(E(2), mas_prev(&mas, 0));
	mas_set(&mas, 520);
	ASSERT_EQ(E(5), mas_erase(&mas));
	mas_set(&mas, 520);
	ASSERT_EQ(E(6), mas_find(&mas, ULONG_MAX));
	ASSERT_EQ(9, mtree_count(&mt));
	mtree_destroy(&mt);
	rcu_barrier();
}

/* 100k ranges, random-ish order: every lookup finds the right one. */
TEST(hundred_thousand_ranges)
{
	struct maple_tree mt = MTREE_INIT(mt, MT_FLAGS_ALLOC_RANGE);
	const unsigned long n = harness_iterations(100000);
	unsigned long i, f, l;

	for (i = 0; i < n; i++) {
		/* A permutation of 0..n-1 (n is not a multiple of 7919). */
		unsigned long k = (i * 7919) % n;

		store(_metadata, &mt, k * 16, k * 16 + 9, E(k));
	}
	ASSERT_EQ(n, mtree_count(&mt));
	for (i = 0; i < n; i += 7) {
		ASSERT_EQ(E(i), walk(&mt, i * 16 + 5, &f, &l));
		ASSERT_EQ(i * 16, f);
		ASSERT_NULL(walk(&mt, i * 16 + 12, &f, &l));
	}
	mtree_destroy(&mt);
	rcu_barrier();
}

struct walker {
	struct maple_tree *mt;
	int stop;
	long bad;
	long seen;
};

/* Lookups under RCU alone while the tree changes under them. */
static void *walker_fn(void *arg)
{
	struct walker *w = arg;
	unsigned long k = 0;

	while (!READ_ONCE(w->stop)) {
		unsigned long f, l, idx = (k++ % 200) * 16 + 3;
		void *e = walk(w->mt, idx, &f, &l);

		/* Only ever the entry stored there, or nothing. */
		if (e && (e != E(idx / 16) || f != idx / 16 * 16))
			w->bad++;
		w->seen += !!e;
	}
	return NULL;
}

TEST(rcu_lookups_never_see_a_torn_tree)
{
	struct maple_tree mt = MTREE_INIT(mt, MT_FLAGS_ALLOC_RANGE);
	struct walker w = { .mt = &mt };
	uint64_t i, n = harness_iterations(20000);
	pthread_t t;

	START_THREAD(t, walker_fn, &w);
	for (i = 0; i < n; i++) {
		unsigned long k = (i * 37) % 200;

		store(_metadata, &mt, k * 16, k * 16 + 9,
		      (i / 200) % 2 ? NULL : E(k));
	}
	WRITE_ONCE(w.stop, 1);
	JOIN_THREAD(t);
	EXPECT_EQ(0, w.bad);
	mtree_destroy(&mt);
	rcu_barrier();
}

TEST_HARNESS_MAIN
