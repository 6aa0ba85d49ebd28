// SPDX-License-Identifier: GPL-2.0-only
/* The small headers: cleanup guards, lists, error pointers, vm events. */
#include <linux/cleanup.h>
#include <linux/err.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/vmstat.h>

#include "shim_test.h"

TEST(guard_drops_the_lock_at_scope_end)
{
	DEFINE_MUTEX(m);

	{
		guard(mutex)(&m);
		ASSERT_TRUE(mutex_is_locked(&m));
	}
	ASSERT_FALSE(mutex_is_locked(&m));
}

TEST(scoped_guard_runs_its_body_once)
{
	DEFINE_SPINLOCK(lock);
	int runs = 0;

	scoped_guard(spinlock, &lock) {
		runs++;
		ASSERT_TRUE(spin_is_locked(&lock));
	}
	ASSERT_EQ(1, runs);
	ASSERT_FALSE(spin_is_locked(&lock));
}

static void *make_buffer(int keep, void **out)
{
	void *p __free(kfree) = kmalloc(32, GFP_KERNEL);

	if (!keep)
		return NULL;	/* freed here by the cleanup */
	*out = p;
	return no_free_ptr(p);
}

TEST(free_cleanup_and_no_free_ptr)
{
	void *seen = NULL;
	void *kept = make_buffer(1, &seen);

	ASSERT_EQ(seen, kept);
	kfree(kept);
	ASSERT_NULL(make_buffer(0, &seen));
}

struct item {
	int v;
	struct list_head node;
};

TEST(list_add_del_iterate)
{
	LIST_HEAD(head);
	struct item a = { .v = 1 }, b = { .v = 2 }, c = { .v = 3 }, *pos, *n;
	int sum = 0, order = 0;

	ASSERT_TRUE(list_empty(&head));
	list_add_tail(&a.node, &head);
	list_add_tail(&b.node, &head);
	list_add(&c.node, &head);	/* at the front */
	list_for_each_entry(pos, &head, node)
		order = order * 10 + pos->v;
	ASSERT_EQ(312, order);
	list_for_each_entry_safe(pos, n, &head, node) {
		sum += pos->v;
		list_del(&pos->node);
	}
	ASSERT_EQ(6, sum);
	ASSERT_TRUE(list_empty(&head));
}

TEST(error_pointers)
{
	void *p = ERR_PTR(-EAGAIN);

	ASSERT_TRUE(IS_ERR(p));
	ASSERT_TRUE(IS_ERR_OR_NULL(p));
	ASSERT_TRUE(IS_ERR_OR_NULL(NULL));
	ASSERT_EQ(-EAGAIN, PTR_ERR(p));
	ASSERT_FALSE(IS_ERR(&p));
	ASSERT_EQ(0, PTR_ERR_OR_ZERO(&p));
}

TEST(vm_event_counters)
{
	unsigned long ev[NR_VM_EVENT_ITEMS];

	reset_vm_events();
	count_vm_vma_lock_event(VMA_LOCK_SUCCESS);
	count_vm_vma_lock_event(VMA_LOCK_SUCCESS);
	count_vm_event(VMA_LOCK_MISS);
	all_vm_events(ev);
	ASSERT_EQ(2, ev[VMA_LOCK_SUCCESS]);
	ASSERT_EQ(1, ev[VMA_LOCK_MISS]);
	ASSERT_EQ(0, ev[VMA_LOCK_ABORT]);
	ASSERT_STREQ("vma_lock_retry", vm_event_names[VMA_LOCK_RETRY]);
}

TEST_HARNESS_MAIN
