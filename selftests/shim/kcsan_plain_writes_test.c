// SPDX-License-Identifier: GPL-2.0-only
/*
 * The kernel's data-race policy under TSan,
 * CONFIG_KCSAN_ASSUME_PLAIN_WRITES_ATOMIC (kernel_shim/runtime/tsan/plain_writes.cc):
 * this file registers itself as kernel code, as the build registers the
 * per-VMA lock's files. An aligned plain word store here racing with a
 * marked read, or with another such store, is not a race to the kernel;
 * the same store racing with a plain read is, and so is a plain store
 * made outside kernel code. With -Dkcsan_assume_plain_writes_atomic=false
 * every one of them is reported. Each racy pair runs once on fresh
 * threads: the writer stores, then lets the reader go through a relaxed
 * flag, which gives TSan no happens-before.
 */
#include <linux/compiler.h>
#include <shim/tsan.h>

#include "shim_test.h"

#define RACE "ThreadSanitizer: data race"
#define POLICY IS_ENABLED(CONFIG_KCSAN_ASSUME_PLAIN_WRITES_ATOMIC)

struct word {
	int value __aligned(64);
	int stored __aligned(64);
	int (*store)(int *p, int v);
};

/* The kernel's way: vma_lock_init()'s "vma->vm_lock_seq = UINT_MAX;". */
static noinline int kernel_plain_store(int *p, int v)
{
	*p = v;
	return v;
}

/* The same store in a file that is not kernel code (shim_test.h). */
static noinline int other_plain_store(int *p, int v)
{
	plain_write(p, v);
	return v;
}

static void *writer(void *arg)
{
	struct word *w = arg;

	w->store(&w->value, 1);
	set_relaxed(&w->stored, 1);
	return NULL;
}

/* Runs the writer against @reader's access on this thread. */
static void race(struct __test_metadata *_metadata, struct word *w,
		 void (*reader)(struct word *w))
{
	pthread_t t;

	shim_tsan_plain_writes_atomic_in(__FILE__);
	START_THREAD(t, writer, w);
	wait_relaxed(&w->stored, 1);
	reader(w);
	JOIN_THREAD(t);
}

static void marked_read(struct word *w)
{
	(void)READ_ONCE(w->value);
}

static void unmarked_read(struct word *w)
{
	(void)plain_read(&w->value);
}

static void kernel_store_too(struct word *w)
{
	kernel_plain_store(&w->value, 2);
}

TEST(kernel_plain_word_store_vs_marked_read_is_not_a_race)
{
	static struct word w = { .store = kernel_plain_store };

	NEEDS_TSAN();
	if (!POLICY)
		EXPECT_REPORT(RACE);
	race(_metadata, &w, marked_read);
}

TEST(kernel_plain_word_stores_racing_each_other_are_not_a_race)
{
	static struct word w = { .store = kernel_plain_store };

	NEEDS_TSAN();
	if (!POLICY)
		EXPECT_REPORT(RACE);
	race(_metadata, &w, kernel_store_too);
}

TEST(kernel_plain_word_store_vs_plain_read_reported)
{
	static struct word w = { .store = kernel_plain_store };

	NEEDS_TSAN();
	EXPECT_REPORT(RACE);
	race(_metadata, &w, unmarked_read);
}

TEST(plain_store_outside_kernel_code_vs_marked_read_reported)
{
	static struct word w = { .store = other_plain_store };

	NEEDS_TSAN();
	EXPECT_REPORT(RACE);
	race(_metadata, &w, marked_read);
}

TEST_HARNESS_MAIN
