// SPDX-License-Identifier: GPL-2.0-only
/*
 * The per-VMA lock, one test per behaviour: read locks against write
 * locks, write locks waiting for readers, detach waiting for transient
 * readers, the reader limit, killable write locks, speculation, a VMA
 * reused by another mm, and the vm_refcnt state at every step (the
 * states documented on vm_area_struct::vm_refcnt).
 */
#include "mm_test.h"

#define LEN (16 * PAGE_SIZE)

FIXTURE(vma) {
	struct mm_struct *mm;
	unsigned long addr;
	struct vm_area_struct *vma;
};

FIXTURE_SETUP(vma)
{
	self->mm = mm_alloc();
	ASSERT_NE(NULL, self->mm);
	self->addr = vm_mmap(self->mm, 0, LEN, VM_READ | VM_WRITE);
	ASSERT_FALSE(IS_ERR_VALUE(self->addr));
	self->vma = vma_at(self->mm, self->addr);
	ASSERT_NE(NULL, self->vma);
}

FIXTURE_TEARDOWN(vma)
{
	mmput(self->mm);
}

#ifdef CONFIG_PER_VMA_LOCK

TEST_F(vma, read_lock_fails_while_write_locked)
{
	struct mm_struct *mm = self->mm;
	struct vm_area_struct *vma;
	unsigned long aborts = vm_event(VMA_LOCK_ABORT);

	mmap_write_lock(mm);
	vma_start_write(self->vma);
	ASSERT_TRUE(vma_write_locked(self->vma));
	/* Still attached and unread while write-locked: count 1. */
	ASSERT_EQ(1, vma_refcnt(self->vma));
	ASSERT_NULL(lock_vma_under_rcu(mm, self->addr));
	ASSERT_EQ(aborts + 1, vm_event(VMA_LOCK_ABORT));
	ASSERT_EQ(1, vma_refcnt(self->vma));
	mmap_write_unlock(mm);

	/* mmap_write_unlock() ended the VMA write lock. */
	vma = lock_vma_under_rcu(mm, self->addr);
	ASSERT_EQ(self->vma, vma);
	ASSERT_EQ(2, vma_refcnt(vma));
	vma_end_read(vma);
	ASSERT_EQ(1, vma_refcnt(self->vma));
}

TEST_F(vma, read_lock_succeeds_after_downgrade)
{
	struct mm_struct *mm = self->mm;
	struct vm_area_struct *vma;

	mmap_write_lock(mm);
	vma_start_write(self->vma);
	mmap_write_downgrade(mm);
	vma = lock_vma_under_rcu(mm, self->addr);
	ASSERT_EQ(self->vma, vma);
	vma_end_read(vma);
	mmap_read_unlock(mm);
}

struct writer {
	struct mm_struct *mm;
	struct vm_area_struct *vma;
	struct task_struct *task;	/* a reference */
	int killable;
	int detach;
	int ret;
	int done;
	int may_unlock;
	int go_detach;		/* detach: write-locked and removed; go on */
	int depth_after;	/* lockdep depth after a failed killable wait */
	int vm_lock_held_after;
};

static void *writer_fn(void *arg)
{
	struct writer *w = arg;

	smp_store_release(&w->task, get_task_struct(current));
	mmap_write_lock(w->mm);
	if (w->detach) {
		VMA_ITERATOR(vmi, w->mm, w->vma->vm_start);

		vma_start_write(w->vma);
		vma_iter_clear_gfp(&vmi, w->vma->vm_start, w->vma->vm_end,
				   GFP_KERNEL);
		w->mm->map_count--;
		smp_store_release(&w->done, 1);
		while (!smp_load_acquire(&w->go_detach))
			sched_yield();
		vma_mark_detached(w->vma);
		smp_store_release(&w->done, 2);
	} else if (w->killable) {
		w->ret = vma_start_write_killable(w->vma);
		w->depth_after = lockdep_depth_of_current();
		w->vm_lock_held_after = vma_lockdep_held(w->vma);
		if (!w->ret)
			w->ret = vma_write_locked(w->vma) ? 0 : -1;
		else if (vma_write_locked(w->vma))
			w->ret = -2;	/* failed, yet locked */
		smp_store_release(&w->done, 1);
	} else {
		vma_start_write(w->vma);
		smp_store_release(&w->done, 1);
	}
	while (!smp_load_acquire(&w->may_unlock))
		sched_yield();
	mmap_write_unlock(w->mm);
	return NULL;
}

TEST_F(vma, write_lock_waits_for_readers_and_last_one_wakes_it)
{
	struct writer w = { .mm = self->mm, .vma = self->vma };
	struct vm_area_struct *r1, *r2;
	pthread_t t;

	r1 = lock_vma_under_rcu(self->mm, self->addr);
	r2 = lock_vma_under_rcu(self->mm, self->addr);
	ASSERT_EQ(self->vma, r1);
	ASSERT_EQ(self->vma, r2);
	ASSERT_EQ(3, vma_refcnt(self->vma));	/* attached + 2 readers */

	START_THREAD(t, writer_fn, &w);
	/* The writer sets the flag and sleeps until the readers leave. */
	WAIT_FOR(vma_refcnt(self->vma) == FLAG + 3 &&
		 rcuwait_active(&self->mm->vma_writer_wait));
	EXPECT_EQ(0, smp_load_acquire(&w.done));
	/* New readers are refused while readers are excluded. */
	EXPECT_NULL(lock_vma_under_rcu(self->mm, self->addr));
	EXPECT_EQ(FLAG + 3, vma_refcnt(self->vma));

	vma_end_read(r1);
	EXPECT_EQ(FLAG + 2, vma_refcnt(self->vma));
	EXPECT_EQ(0, smp_load_acquire(&w.done));
	vma_end_read(r2);	/* the last reader wakes the writer */
	WAIT_FOR(smp_load_acquire(&w.done));
	/* Write-locked now: the flag is gone, the count is back to 1. */
	EXPECT_EQ(1, vma_refcnt(self->vma));
	EXPECT_NULL(lock_vma_under_rcu(self->mm, self->addr));
	smp_store_release(&w.may_unlock, 1);
	JOIN_THREAD(t);
	put_task_struct(w.task);
	r1 = lock_vma_under_rcu(self->mm, self->addr);
	ASSERT_EQ(self->vma, r1);
	vma_end_read(r1);
}

/* A reader between its increment and its sequence check, held there. */
struct transient_reader {
	struct vm_area_struct *vma;
	int in;
	int may_leave;
};

static void *transient_reader_fn(void *arg)
{
	struct transient_reader *r = arg;
	int old;

	/* What vma_start_read() does before it notices the write lock. */
	if (!__refcount_inc_not_zero_limited_acquire(&r->vma->vm_refcnt, &old,
						     VM_REFCNT_LIMIT))
		return NULL;
	vma_lockdep_acquire_read(r->vma);
	smp_store_release(&r->in, 1);
	while (!smp_load_acquire(&r->may_leave))
		sched_yield();
	vma_refcount_put(r->vma);
	return NULL;
}

/*
 * A reader that took its reference after the VMA was write-locked (it is
 * about to see the write lock and leave) holds up vma_mark_detached(),
 * which waits for it instead of freeing the VMA under it.
 */
TEST_F(vma, detach_waits_for_transient_readers)
{
	struct transient_reader r = { .vma = self->vma };
	struct writer w = { .mm = self->mm, .vma = self->vma, .detach = 1 };
	pthread_t rt, wt;

	START_THREAD(wt, writer_fn, &w);
	WAIT_FOR(smp_load_acquire(&w.done) == 1);	/* locked, removed */
	EXPECT_EQ(1, vma_refcnt(self->vma));
	START_THREAD(rt, transient_reader_fn, &r);
	WAIT_FOR(smp_load_acquire(&r.in));
	EXPECT_EQ(2, vma_refcnt(self->vma));

	smp_store_release(&w.go_detach, 1);
	/*
	 * Its own reference dropped, readers excluded: FLAG + 1 reader. A
	 * detach that does not wait returns instead (done == 2).
	 */
	WAIT_FOR((vma_refcnt(self->vma) == FLAG + 1 &&
		  rcuwait_active(&self->mm->vma_writer_wait)) ||
		 smp_load_acquire(&w.done) == 2);
	EXPECT_EQ(1, smp_load_acquire(&w.done)) {
		TH_LOG("vma_mark_detached() returned while a reader held a reference (vm_refcnt %u)",
		       vma_refcnt(self->vma));
	}
	smp_store_release(&r.may_leave, 1);	/* its put wakes the writer */
	JOIN_THREAD(rt);
	WAIT_FOR(smp_load_acquire(&w.done) == 2);
	EXPECT_EQ(0, vma_refcnt(self->vma));	/* detached */
	smp_store_release(&w.may_unlock, 1);
	JOIN_THREAD(wt);
	put_task_struct(w.task);
	vm_area_free(self->vma);
}

/*
 * With lockdep, vma_assert_locked() asks whether this task holds the VMA
 * lock: another task's read lock (vm_refcnt 2) does not count.
 */
TEST_F(vma, another_tasks_read_lock_does_not_satisfy_vma_assert_locked)
{
	struct transient_reader r = { .vma = self->vma };
	pthread_t rt;

	if (!IS_ENABLED(CONFIG_LOCKDEP) || !IS_ENABLED(CONFIG_DEBUG_VM))
		SKIP(return, "needs lockdep and VM_WARN_ON");
	if (!vmalock_vma_assert_locked_asks_lockdep())
		SKIP(return, "this kernel tree's vma_assert_locked() trusts "
			     "any raised count (no vma_assert_stabilised())");
	EXPECT_REPORT(" at " VMALOCK_MMAP_LOCK_H ":");
	START_THREAD(rt, transient_reader_fn, &r);
	WAIT_FOR(smp_load_acquire(&r.in));
	EXPECT_EQ(2, vma_refcnt(self->vma));
	vma_assert_locked(self->vma);
	smp_store_release(&r.may_leave, 1);
	JOIN_THREAD(rt);
	EXPECT_EQ(1, vma_refcnt(self->vma));
}

/*
 * vma_assert_stabilised(): our own mmap lock or our own VMA read lock
 * will do; a VMA read lock that another task holds will not.
 */
TEST_F(vma, vma_assert_stabilised_wants_a_lock_of_our_own)
{
#ifdef VMALOCK_HAVE_VMA_ASSERT_STABILISED
	struct transient_reader r = { .vma = self->vma };
	struct vm_area_struct *vma;
	pthread_t rt;

	if (!IS_ENABLED(CONFIG_LOCKDEP) || !IS_ENABLED(CONFIG_DEBUG_VM))
		SKIP(return, "needs lockdep and VM_WARN_ON");
	mmap_read_lock(self->mm);
	vma_assert_stabilised(self->vma);
	mmap_read_unlock(self->mm);
	vma = lock_vma_under_rcu(self->mm, self->addr);
	ASSERT_EQ(self->vma, vma);
	vma_assert_stabilised(vma);
	vma_end_read(vma);
	ASSERT_EQ(0, count_in_own_output("WARNING"));

	EXPECT_REPORT(" at " VMALOCK_MMAP_LOCK_H ":");
	START_THREAD(rt, transient_reader_fn, &r);
	WAIT_FOR(smp_load_acquire(&r.in));
	vma_assert_stabilised(self->vma);
	smp_store_release(&r.may_leave, 1);
	JOIN_THREAD(rt);
#else
	SKIP(return, "no vma_assert_stabilised() in this kernel tree");
#endif
}

TEST_F(vma, readers_beyond_the_limit_fail)
{
	struct mm_struct *mm = self->mm;
	struct vm_area_struct *vma = self->vma;
	unsigned long aborts = vm_event(VMA_LOCK_ABORT);

	/* As if VM_REFCNT_LIMIT - 1 readers held it. */
	refcount_set(&vma->vm_refcnt, VM_REFCNT_LIMIT);
	ASSERT_NULL(lock_vma_under_rcu(mm, self->addr));
	ASSERT_EQ(aborts + 1, vm_event(VMA_LOCK_ABORT));
	ASSERT_EQ(VM_REFCNT_LIMIT, vma_refcnt(vma));
	mmap_read_lock(mm);
	ASSERT_FALSE(vma_start_read_locked(vma));
	ASSERT_EQ(VM_REFCNT_LIMIT, vma_refcnt(vma));
	mmap_read_unlock(mm);
	/* One below the limit, one more reader fits. */
	refcount_set(&vma->vm_refcnt, VM_REFCNT_LIMIT - 1);
	ASSERT_EQ(vma, lock_vma_under_rcu(mm, self->addr));
	ASSERT_EQ(VM_REFCNT_LIMIT, vma_refcnt(vma));
	vma_end_read(vma);
	/* And under the mmap lock. */
	mmap_read_lock(mm);
	ASSERT_TRUE(vma_start_read_locked(vma));
	ASSERT_EQ(VM_REFCNT_LIMIT, vma_refcnt(vma));
	vma_end_read(vma);
	mmap_read_unlock(mm);
	refcount_set(&vma->vm_refcnt, 1);
	/* Never near the flag, never a saturation warning. */
	ASSERT_EQ(0, count_in_own_output("refcount_t"));
}

TEST_F(vma, start_read_locked_under_mmap_read_lock)
{
	struct mm_struct *mm = self->mm;

	mmap_read_lock(mm);
	ASSERT_TRUE(vma_start_read_locked(self->vma));
	ASSERT_EQ(2, vma_refcnt(self->vma));
	vma_assert_locked(self->vma);
	mmap_read_unlock(mm);
	/* The VMA lock outlives the mmap lock it was taken under. */
	vma_assert_locked(self->vma);
	vma_end_read(self->vma);
	ASSERT_EQ(1, vma_refcnt(self->vma));
}

TEST_F(vma, start_write_killable_eintr_leaves_state_as_it_was)
{
	struct writer w = { .mm = self->mm, .vma = self->vma, .killable = 1 };
	unsigned int seq_before = self->vma->vm_lock_seq;
	struct vm_area_struct *r;
	pthread_t t;

	NEEDS_KILLABLE_VMA_WRITE();

	r = lock_vma_under_rcu(self->mm, self->addr);
	ASSERT_EQ(self->vma, r);
	START_THREAD(t, writer_fn, &w);
	WAIT_FOR(vma_refcnt(self->vma) == FLAG + 2 &&
		 rcuwait_active(&self->mm->vma_writer_wait));
	send_sig(SIGKILL, smp_load_acquire(&w.task), 0);
	WAIT_FOR(smp_load_acquire(&w.done));
	EXPECT_EQ(-EINTR, w.ret);
	/* Back to attached + our reader; never write-locked. */
	EXPECT_EQ(2, vma_refcnt(self->vma));
	EXPECT_EQ(seq_before, READ_ONCE(self->vma->vm_lock_seq));
	if (IS_ENABLED(CONFIG_LOCKDEP)) {
		EXPECT_EQ(1, w.depth_after);	/* only &mm->mmap_lock */
		EXPECT_EQ(0, w.vm_lock_held_after);
	}
	smp_store_release(&w.may_unlock, 1);
	JOIN_THREAD(t);
	put_task_struct(w.task);
	vma_end_read(r);
	EXPECT_EQ(1, vma_refcnt(self->vma));
}

TEST_F(vma, start_write_killable_succeeds_without_readers)
{
	struct writer w = { .mm = self->mm, .vma = self->vma, .killable = 1,
			    .may_unlock = 1 };
	pthread_t t;

	NEEDS_KILLABLE_VMA_WRITE();
	START_THREAD(t, writer_fn, &w);
	JOIN_THREAD(t);
	put_task_struct(w.task);
	EXPECT_EQ(0, w.ret);
}

TEST_F(vma, speculation_begins_and_retries_around_a_writer)
{
	struct mm_struct *mm = self->mm;
	unsigned int seq;

	ASSERT_TRUE(mmap_lock_speculate_try_begin(mm, &seq));
	ASSERT_FALSE(mmap_lock_speculate_retry(mm, seq));
	mmap_read_lock(mm);	/* readers do not disturb it */
	mmap_read_unlock(mm);
	ASSERT_FALSE(mmap_lock_speculate_retry(mm, seq));
	mmap_write_lock(mm);
	/* Cannot begin while the mmap lock is write-held. */
	{
		unsigned int s2;

		ASSERT_FALSE(mmap_lock_speculate_try_begin(mm, &s2));
	}
	mmap_write_unlock(mm);
	/* A writer came and went: the speculation must retry. */
	ASSERT_TRUE(mmap_lock_speculate_retry(mm, seq));
	ASSERT_TRUE(mmap_lock_speculate_try_begin(mm, &seq));
	ASSERT_FALSE(mmap_lock_speculate_retry(mm, seq));
}

/*
 * A lockless reader found a VMA that has since been freed and reused by
 * another mm: make that state (the stale pointer still in the first mm's
 * tree) and check that the read lock is refused, nothing is leaked, and
 * the other mm is pinned across the put (mm_count back where it was).
 */
TEST_F(vma, reader_of_a_vma_reused_by_another_mm_backs_off)
{
	struct mm_struct *mm = self->mm, *other = mm_alloc();
	struct vm_area_struct *stale = self->vma;
	unsigned long reused_before = kmem_cache_nr_reused(vm_area_cachep);
	unsigned long aborts = vm_event(VMA_LOCK_ABORT);
	unsigned long other_addr;
	int count_before;

	ASSERT_NE(NULL, other);
	ASSERT_EQ(0, vm_munmap(mm, self->addr, LEN));
	/* Freed to the TYPESAFE_BY_RCU cache; the next VMA reuses it. */
	other_addr = vm_mmap(other, 0, LEN, VM_READ);
	ASSERT_FALSE(IS_ERR_VALUE(other_addr));
	ASSERT_EQ(stale, vma_at(other, other_addr));
	ASSERT_EQ(reused_before + 1, kmem_cache_nr_reused(vm_area_cachep));
	ASSERT_EQ(other, stale->vm_mm);

	/* The reader's stale view: the old tree still points at it. */
	mmap_write_lock(mm);
	{
		MA_STATE(mas, &mm->mm_mt, self->addr, self->addr + LEN - 1);

		ASSERT_EQ(0, mas_store_gfp(&mas, stale, GFP_KERNEL));
	}
	mmap_write_unlock(mm);

	count_before = atomic_read(&other->mm_count);
	ASSERT_NULL(lock_vma_under_rcu(mm, self->addr));
	EXPECT_EQ(aborts + 1, vm_event(VMA_LOCK_ABORT));
	EXPECT_EQ(1, vma_refcnt(stale));
	EXPECT_EQ(count_before, atomic_read(&other->mm_count));

	mmap_write_lock(mm);
	{
		MA_STATE(mas, &mm->mm_mt, self->addr, self->addr + LEN - 1);

		ASSERT_EQ(0, mas_store_gfp(&mas, NULL, GFP_KERNEL));
	}
	mmap_write_unlock(mm);
	mmput(other);
}

/*
 * The same stale reader, racing the reuse itself: it keeps trying while
 * the other mm sets the VMA up, and takes its reference only once the VMA
 * is attached (until then the count is 0 and it retries). The RELEASE in
 * vma_mark_attached() is all that orders the new owner's set-up (vm_mm,
 * the lockdep map) before the reader's loads of it: the reader shares no
 * lock with the other mm, and the tree it walks is its own, stale one.
 * With a relaxed store there, TSan reports those loads.
 */
struct stale_reader {
	struct mm_struct *mm;
	unsigned long addr;
	int started;		/* relaxed: timing only, no happens-before */
	struct vm_area_struct *locked;
};

static void *stale_reader_fn(void *arg)
{
	struct stale_reader *r = arg;

	set_relaxed(&r->started, 1);
	/* Returns once the VMA is attached: NULL, it is another mm's. */
	r->locked = lock_vma_under_rcu(r->mm, r->addr);
	return NULL;
}

TEST_F(vma, reader_racing_the_reuse_sees_the_new_owners_set_up)
{
	struct mm_struct *mm = self->mm, *other = mm_alloc();
	struct vm_area_struct *stale = self->vma;
	unsigned long aborts = vm_event(VMA_LOCK_ABORT);
	struct stale_reader r = { .mm = mm, .addr = self->addr };
	unsigned long other_addr;
	pthread_t t;

	ASSERT_NE(NULL, other);
	ASSERT_EQ(0, vm_munmap(mm, self->addr, LEN));
	mmap_write_lock(mm);
	{
		MA_STATE(mas, &mm->mm_mt, self->addr, self->addr + LEN - 1);

		ASSERT_EQ(0, mas_store_gfp(&mas, stale, GFP_KERNEL));
	}
	mmap_write_unlock(mm);

	START_THREAD(t, stale_reader_fn, &r);
	wait_relaxed(&r.started, 1);
	other_addr = vm_mmap(other, 0, LEN, VM_READ);
	ASSERT_FALSE(IS_ERR_VALUE(other_addr));
	ASSERT_EQ(stale, vma_at(other, other_addr));
	JOIN_THREAD(t);

	EXPECT_NULL(r.locked);
	EXPECT_EQ(aborts + 1, vm_event(VMA_LOCK_ABORT));
	EXPECT_EQ(1, vma_refcnt(stale));

	mmap_write_lock(mm);
	{
		MA_STATE(mas, &mm->mm_mt, self->addr, self->addr + LEN - 1);

		ASSERT_EQ(0, mas_store_gfp(&mas, NULL, GFP_KERNEL));
	}
	mmap_write_unlock(mm);
	mmput(other);
}

TEST_F(vma, reused_for_another_range_fails_the_address_check)
{
	struct mm_struct *mm = self->mm;
	struct vm_area_struct *stale = self->vma;
	unsigned long new_addr;

	ASSERT_EQ(0, vm_munmap(mm, self->addr, LEN));
	new_addr = vm_mmap(mm, self->addr + 64 * PAGE_SIZE, LEN, VM_READ);
	ASSERT_EQ(self->addr + 64 * PAGE_SIZE, new_addr);
	ASSERT_EQ(stale, vma_at(mm, new_addr));	/* same object */

	mmap_write_lock(mm);
	{
		MA_STATE(mas, &mm->mm_mt, self->addr, self->addr + LEN - 1);

		ASSERT_EQ(0, mas_store_gfp(&mas, stale, GFP_KERNEL));
	}
	mmap_write_unlock(mm);
	ASSERT_NULL(lock_vma_under_rcu(mm, self->addr));
	EXPECT_EQ(1, vma_refcnt(stale));
	mmap_write_lock(mm);
	{
		MA_STATE(mas, &mm->mm_mt, self->addr, self->addr + LEN - 1);

		ASSERT_EQ(0, mas_store_gfp(&mas, NULL, GFP_KERNEL));
	}
	mmap_write_unlock(mm);
}

/* Every state documented on vm_area_struct::vm_refcnt, in order. */
TEST_F(vma, vm_refcnt_states)
{
	struct mm_struct *mm = self->mm;
	struct vm_area_struct *fresh, *r;
	struct transient_reader tr;
	struct writer w = { .mm = mm, .vma = self->vma };
	pthread_t rt, wt;

	/* 0: detached (a new VMA, not yet in the tree). */
	fresh = vm_area_alloc(mm);
	ASSERT_NE(NULL, fresh);
	EXPECT_EQ(0, vma_refcnt(fresh));
	EXPECT_FALSE(vma_is_attached(fresh));
	vm_area_free(fresh);

	/* 1: attached, no readers. */
	EXPECT_EQ(1, vma_refcnt(self->vma));
	/* 1 + n: n readers. */
	r = lock_vma_under_rcu(mm, self->addr);
	EXPECT_EQ(2, vma_refcnt(self->vma));
	/* FLAG + 1 + n: a writer waits for n readers. */
	START_THREAD(wt, writer_fn, &w);
	WAIT_FOR(vma_refcnt(self->vma) == FLAG + 2);
	vma_end_read(r);
	/* FLAG + 1 was the writer's target; then back to 1, write-locked. */
	WAIT_FOR(smp_load_acquire(&w.done));
	EXPECT_EQ(1, vma_refcnt(self->vma));
	smp_store_release(&w.may_unlock, 1);
	JOIN_THREAD(wt);
	put_task_struct(w.task);

	/* FLAG + n, then FLAG, then 0: detaching with a transient reader. */
	w = (struct writer){ .mm = mm, .vma = self->vma, .detach = 1 };
	START_THREAD(wt, writer_fn, &w);
	WAIT_FOR(smp_load_acquire(&w.done) == 1);
	tr = (struct transient_reader){ .vma = self->vma };
	START_THREAD(rt, transient_reader_fn, &tr);
	WAIT_FOR(smp_load_acquire(&tr.in));
	smp_store_release(&w.go_detach, 1);
	WAIT_FOR(vma_refcnt(self->vma) == FLAG + 1);	/* FLAG + n, n = 1 */
	smp_store_release(&tr.may_leave, 1);
	JOIN_THREAD(rt);
	WAIT_FOR(smp_load_acquire(&w.done) == 2);
	EXPECT_EQ(0, vma_refcnt(self->vma));
	smp_store_release(&w.may_unlock, 1);
	JOIN_THREAD(wt);
	put_task_struct(w.task);
	vm_area_free(self->vma);
}

/* A reader that skips the VMA lock while mprotect changes the VMA. */
struct unlocked_reader {
	struct vm_area_struct *vma;
	int locked;
	int started;	/* relaxed flags: timing only, no happens-before */
	int stop;
	unsigned long sum;
};

static void *unlocked_reader_fn(void *arg)
{
	struct unlocked_reader *r = arg;
	unsigned long reads = 0;

	set_relaxed(&r->started, 1);
	/* Keep reading until the writer is done and we overlapped it. */
	/* READ_ONCE: relaxed, and a switch point for the scheduler. */
	while (!READ_ONCE(r->stop) || reads < 1000) {
		reads++;
		struct vm_area_struct *vma = NULL;

		if (r->locked)
			vma = lock_vma_under_rcu(r->vma->vm_mm,
						 r->vma->vm_start);
		if (r->locked && !vma)
			continue;
		r->sum += r->vma->vm_flags + r->vma->vm_page_prot.pgprot;
		if (vma)
			vma_end_read(vma);
	}
	return NULL;
}

static void mprotect_against_reader(struct __test_metadata *_metadata,
				    struct mm_struct *mm, unsigned long addr,
				    struct vm_area_struct *vma, int locked)
{
	struct unlocked_reader r = { .vma = vma, .locked = locked };
	uint64_t i, n = harness_iterations(200);
	pthread_t t;

	START_THREAD(t, unlocked_reader_fn, &r);
	wait_relaxed(&r.started, 1);
	for (i = 0; i < n; i++)
		ASSERT_EQ(0, do_mprotect(mm, addr, LEN,
					 i % 2 ? VM_READ : VM_READ | VM_WRITE));
	set_relaxed(&r.stop, 1);
	JOIN_THREAD(t);
}

TEST_F(vma, reader_under_the_vma_lock_is_clean)
{
	mprotect_against_reader(_metadata, self->mm, self->addr, self->vma, 1);
}

TEST_F(vma, reader_without_the_vma_lock_is_reported)
{
	NEEDS_TSAN();
	EXPECT_REPORT("ThreadSanitizer: data race");
	mprotect_against_reader(_metadata, self->mm, self->addr, self->vma, 0);
}

/*
 * A report from inside <linux/mmap_lock.h> names the file that was built:
 * ours relative to the top of the tree, or with -Dkernel_tree the user's
 * own file (VMALOCK_MMAP_LOCK_H, from mm/meson.build), never the build
 * directory's copy of it.
 */
TEST_F(vma, reports_name_the_mmap_lock_h_that_was_built)
{
	EXPECT_REPORT(" at " VMALOCK_MMAP_LOCK_H ":");
	/* A WARN_ON_ONCE() in the header of every era, attached VMA or not. */
	mmap_write_lock(self->mm);
	vma_assert_detached(self->vma);
	mmap_write_unlock(self->mm);
}

#else /* !CONFIG_PER_VMA_LOCK */

TEST_F(vma, per_vma_lock_behaviours)
{
	SKIP(return, "built with -Dper_vma_lock=false: no per-VMA lock");
}

#endif /* CONFIG_PER_VMA_LOCK */

TEST_F(vma, write_lock_is_exclusive_under_mmap_lock_only)
{
	mmap_write_lock(self->mm);
	vma_start_write(self->vma);
	vma_assert_write_locked(self->vma);
	mmap_write_unlock(self->mm);
	ASSERT_EQ(0, count_in_own_output("WARNING"));
}

TEST_HARNESS_MAIN
