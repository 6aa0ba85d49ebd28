// SPDX-License-Identifier: GPL-2.0-only
/*
 * Slab caches: SLAB_TYPESAFE_BY_RCU objects are reused at once but their
 * memory outlives every RCU reader; ordinary frees are real frees.
 */
#include <linux/poison.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>

#include "shim_test.h"

struct thing {
	int value;
};

static int ctor_runs;

static void thing_ctor(void *p)
{
	struct thing *t = p;

	ctor_runs++;
	t->value = 0;
}

TEST(typesafe_objects_are_reused_at_once)
{
	struct kmem_cache *c = kmem_cache_create("thing", sizeof(struct thing),
						 0, SLAB_TYPESAFE_BY_RCU,
						 thing_ctor);
	struct thing *a, *b;

	ASSERT_NE(NULL, c);
	a = kmem_cache_alloc(c, GFP_KERNEL);
	ASSERT_NE(NULL, a);
	a->value = 42;
	kmem_cache_free(c, a);
	b = kmem_cache_alloc(c, GFP_KERNEL);
	/* Same memory, no grace period in between, constructor not rerun. */
	ASSERT_EQ(a, b);
	EXPECT_EQ(1, ctor_runs);
	EXPECT_EQ(42, b->value);
	EXPECT_EQ(1, kmem_cache_nr_reused(c));
	EXPECT_EQ(1, kmem_cache_nr_active(c));
	kmem_cache_free(c, b);
	kmem_cache_destroy(c);
}

struct reader_state {
	struct thing *obj;
	int holding;	/* relaxed flags: timing only */
	int may_leave;
	int value_seen;
	int shrunk;
};

static void *typesafe_reader(void *arg)
{
	struct reader_state *s = arg;

	rcu_read_lock();
	set_relaxed(&s->holding, 1);
	wait_relaxed(&s->may_leave, 1);
	/* Still inside the read-side section: the memory must be there. */
	s->value_seen = READ_ONCE(s->obj->value);
	rcu_read_unlock();
	return NULL;
}

static void *shrinker(void *arg)
{
	struct kmem_cache *c = arg;

	kmem_cache_shrink(c);
	return NULL;
}

TEST(typesafe_memory_outlives_readers)
{
	struct kmem_cache *c = kmem_cache_create("thing", sizeof(struct thing),
						 0, SLAB_TYPESAFE_BY_RCU,
						 thing_ctor);
	struct reader_state s = { 0 };
	pthread_t r, sh;

	s.obj = kmem_cache_alloc(c, GFP_KERNEL);
	WRITE_ONCE(s.obj->value, 7);
	START_THREAD(r, typesafe_reader, &s);
	wait_relaxed(&s.holding, 1);
	kmem_cache_free(c, s.obj);
	/* Giving the memory back must wait for the reader's grace period. */
	START_THREAD(sh, shrinker, c);
	for (int i = 0; i < 100; i++)
		sched_yield();
	set_relaxed(&s.may_leave, 1);
	JOIN_THREAD(r);
	JOIN_THREAD(sh);
	EXPECT_EQ(7, s.value_seen);
	kmem_cache_destroy(c);
}

TEST(zalloc_zeroes)
{
	struct kmem_cache *c = KMEM_CACHE(thing, 0);
	struct thing *t = kmem_cache_zalloc(c, GFP_KERNEL);

	ASSERT_NE(NULL, t);
	EXPECT_EQ(0, t->value);
	kmem_cache_free(c, t);
	kmem_cache_destroy(c);
}

/*
 * Without a constructor or __GFP_ZERO a new object holds what the page
 * held, not zeroes: POISON_INUSE, so that relying on zero fails every
 * time (and zalloc_zeroes means something).
 */
TEST(new_objects_are_not_zeroed)
{
	struct kmem_cache *c = KMEM_CACHE(thing, 0);
	struct thing *t = kmem_cache_alloc(c, GFP_KERNEL);
	int poison;

	ASSERT_NE(NULL, t);
	memset(&poison, POISON_INUSE, sizeof(poison));
	EXPECT_EQ(poison, t->value);
	kmem_cache_free(c, t);
	kmem_cache_destroy(c);
}

TEST(destroy_with_live_objects_warns)
{
	struct kmem_cache *c = KMEM_CACHE(thing, 0);
	struct thing *t = kmem_cache_alloc(c, GFP_KERNEL);

	ASSERT_NE(NULL, t);
	EXPECT_REPORT("kmem_cache_destroy thing: Slab cache still has objects");
	kmem_cache_destroy(c);
	kfree(NULL);
	free(t);
}

TEST(kmalloc_alignment_and_zeroing)
{
	unsigned char *p = kzalloc(100, GFP_KERNEL);
	void *q = kmalloc(256, GFP_KERNEL);
	int i;

	ASSERT_NE(NULL, p);
	for (i = 0; i < 100; i++)
		ASSERT_EQ(0, p[i]);
	/* Power-of-two sizes are naturally aligned, as in the kernel. */
	EXPECT_EQ(0, (unsigned long)q % 256);
	kfree(p);
	kfree(q);
}

#if defined(__SANITIZE_ADDRESS__) || __has_feature(address_sanitizer)
#define HAVE_ASAN 1
#else
#define HAVE_ASAN 0
#endif

TEST(ordinary_free_is_a_real_free)
{
	struct kmem_cache *c = KMEM_CACHE(thing, 0);
	struct thing *volatile t = kmem_cache_alloc(c, GFP_KERNEL);

	if (!HAVE_ASAN)
		SKIP(return, "needs AddressSanitizer (asan build)");
	EXPECT_REPORT("AddressSanitizer: heap-use-after-free");
	kmem_cache_free(c, t);
	t->value = 1;
}

TEST_HARNESS_MAIN
