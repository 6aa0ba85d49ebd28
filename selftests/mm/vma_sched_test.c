// SPDX-License-Identifier: GPL-2.0-only
/*
 * Per-VMA lock races written for the deterministic scheduler: small,
 * bounded tasks whose every interleaving the scheduler can reach, each
 * with an invariant that a known class of bug breaks. A failure names
 * that class. They run free-running too (and in the mm suite), where
 * they are ordinary, weaker, stress tests.
 */
#include "mm_test.h"

#include <shim/sched.h>

#define P PAGE_SIZE
#define LEN (4 * P)
#define ROUNDS 8

#ifdef CONFIG_PER_VMA_LOCK

/*
 * What lock_vma_under_rcu() hands out must be the caller's, attached, and
 * cover the address, whatever writers did meanwhile.
 */
static void check_locked_vma(struct __test_metadata *_metadata,
			     struct vm_area_struct *vma, struct mm_struct *mm,
			     unsigned long addr, const char *bug)
{
	EXPECT_EQ(mm, vma->vm_mm) TH_LOG("bug class: %s", bug);
	EXPECT_TRUE(vma->vm_start <= addr && addr < vma->vm_end)
		TH_LOG("bug class: %s", bug);
	EXPECT_TRUE(vma_is_attached(vma)) TH_LOG("bug class: %s", bug);
}

struct race {
	struct __test_metadata *md;
	struct mm_struct *mm;
	unsigned long addr;
	int done;
	long locked;
};

static void *locking_reader(void *arg)
{
	struct race *r = arg;
	int i;

	for (i = 0; i < ROUNDS; i++) {
		struct vm_area_struct *vma = lock_vma_under_rcu(r->mm, r->addr);

		if (!vma)
			continue;
		check_locked_vma(r->md, vma, r->mm, r->addr,
				 "a reader not excluded by a writer, or a missing re-check after the reference");
		r->locked++;
		vma_end_read(vma);
	}
	smp_store_release(&r->done, 1);
	return NULL;
}

/* A fresh mm with one mapping, and a locking reader on it. */
static void start_race(struct __test_metadata *_metadata, struct race *r,
		       pthread_t *reader)
{
	r->md = _metadata;
	r->mm = mm_alloc();
	ASSERT_NE(NULL, r->mm);
	r->addr = vm_mmap(r->mm, 0, LEN, VM_READ | VM_WRITE);
	START_THREAD(*reader, locking_reader, r);
}

/* A reader against mprotect, which write-locks, changes and splits the VMA. */
TEST(reader_races_writer)
{
	struct race r = { 0 };
	pthread_t t;
	int i;

	start_race(_metadata, &r, &t);
	for (i = 0; i < ROUNDS / 2; i++)
		ASSERT_EQ(0, do_mprotect(r.mm, r.addr, P,
					 i % 2 ? VM_READ | VM_WRITE : VM_READ));
	JOIN_THREAD(t);
	mmput(r.mm);
}

/* A reader against munmap (detach, then free) and a new mapping. */
TEST(reader_races_detach_and_free)
{
	struct race r = { 0 };
	pthread_t t;
	int i;

	start_race(_metadata, &r, &t);
	for (i = 0; i < ROUNDS / 2; i++) {
		ASSERT_EQ(0, vm_munmap(r.mm, r.addr, LEN));
		ASSERT_EQ(r.addr, vm_mmap(r.mm, r.addr, LEN, VM_READ | VM_WRITE));
	}
	JOIN_THREAD(t);
	mmput(r.mm);
}

static void *mm_churn(void *arg)
{
	int *rounds = arg;
	int i;

	for (i = 0; i < *rounds; i++) {
		struct mm_struct *mm = mm_alloc();
		unsigned long a = vm_mmap(mm, 0, LEN, VM_READ | VM_WRITE);

		vm_munmap(mm, a, P);
		mmput(mm);	/* the mm exits, its VMAs go back to the cache */
	}
	return NULL;
}

/*
 * VMA objects are SLAB_TYPESAFE_BY_RCU: one the reader found may be freed
 * and reused by another mm, which then exits, while the reader looks.
 */
TEST(reader_on_vma_reused_by_another_mm_that_exits)
{
	struct race r = { 0 };
	int rounds = ROUNDS / 2;
	pthread_t t, churn;
	int i;

	start_race(_metadata, &r, &t);
	START_THREAD(churn, mm_churn, &rounds);
	for (i = 0; i < ROUNDS / 2; i++) {
		ASSERT_EQ(0, vm_munmap(r.mm, r.addr, LEN));
		ASSERT_EQ(r.addr, vm_mmap(r.mm, r.addr, LEN, VM_READ | VM_WRITE));
	}
	JOIN_THREAD(churn);
	JOIN_THREAD(t);
	mmput(r.mm);
}

/*
 * The same reuse made short enough for the scheduler to reach its window
 * (Documentation/mm/bugs.rst, 0010): the reader's mm loses its only VMA,
 * a second mm maps one (the freed object, reused last-in first-out) and
 * exits as soon as a reader holds a reference to it. A reader that found
 * the VMA in its own tree and took the reference after the reuse must pin
 * the second mm across its put: once the reference is gone, the exit can
 * detach and free the VMA and free the mm before the reader's next step.
 * TSan or ASan reports a reader that touches the mm after its put.
 */
TEST(reader_on_vma_reused_by_an_mm_that_exits_at_once)
{
	struct race r = { 0 };
	struct vm_area_struct *vma;
	struct mm_struct *other;
	unsigned long addr;
	pthread_t t;

	start_race(_metadata, &r, &t);
	ASSERT_EQ(0, vm_munmap(r.mm, r.addr, LEN));
	other = mm_alloc();
	ASSERT_NE(NULL, other);
	addr = vm_mmap(other, 0, LEN, VM_READ | VM_WRITE);
	ASSERT_FALSE(IS_ERR_VALUE(addr));
	vma = vma_at(other, addr);
	/*
	 * Not a handshake the lock needs: it only makes the exit start in the
	 * reader's narrow window, which a schedule reaches by chance once the
	 * reader has found the VMA in its tree before the munmap.
	 */
	while (vma_refcnt(vma) < 2 && !smp_load_acquire(&r.done))
		cpu_relax();
	mmput(other);
	JOIN_THREAD(t);
	mmput(r.mm);
}

/* ---- a writer and several readers -------------------------------------- */

#define NR_READERS 3

struct holders {
	struct mm_struct *mm;
	unsigned long addr;
	atomic_t inside;	/* readers holding the VMA read lock */
	int go;
	int inside_when_write_locked;
	int ret;
	struct task_struct *writer;
};

static void *holding_reader(void *arg)
{
	struct holders *h = arg;
	struct vm_area_struct *vma = lock_vma_under_rcu(h->mm, h->addr);

	if (!vma)
		return NULL;
	atomic_inc(&h->inside);
	while (!smp_load_acquire(&h->go))
		cpu_relax();
	atomic_dec(&h->inside);
	vma_end_read(vma);
	return NULL;
}

static void *write_locker(void *arg)
{
	struct holders *h = arg;
	struct vm_area_struct *vma;

	smp_store_release(&h->writer, get_task_struct(current));
	mmap_write_lock(h->mm);
	vma = vma_lookup(h->mm, h->addr);
	if (vmalock_has_killable_vma_write())
		h->ret = vma_start_write_killable(vma);
	else
		vma_start_write(vma);	/* a tree from before it */
	/*
	 * The wait for the readers ends on a relaxed look at the count
	 * (a control dependency, which orders later stores, not loads):
	 * the test's own look at what the readers did needs smp_rmb() to
	 * be ordered after it, under the LKMM as in a kernel.
	 */
	smp_rmb();
	if (!h->ret)
		h->inside_when_write_locked = atomic_read(&h->inside);
	mmap_write_unlock(h->mm);
	return NULL;
}

static void start_holders(struct __test_metadata *_metadata,
			  struct holders *h, pthread_t *readers)
{
	int i;

	h->mm = mm_alloc();
	ASSERT_NE(NULL, h->mm);
	h->addr = vm_mmap(h->mm, 0, LEN, VM_READ | VM_WRITE);
	for (i = 0; i < NR_READERS; i++)
		START_THREAD(readers[i], holding_reader, h);
	while (atomic_read(&h->inside) < NR_READERS)
		cpu_relax();
}

/* The write lock is granted only once every reader has left. */
TEST(writer_waits_for_several_readers)
{
	struct holders h = { .inside = ATOMIC_INIT(0) };
	pthread_t readers[NR_READERS], w;
	int i;

	start_holders(_metadata, &h, readers);
	START_THREAD(w, write_locker, &h);
	smp_store_release(&h.go, 1);
	JOIN_THREAD(w);
	for (i = 0; i < NR_READERS; i++)
		JOIN_THREAD(readers[i]);
	EXPECT_EQ(0, h.ret);
	EXPECT_EQ(0, h.inside_when_write_locked)
		TH_LOG("bug class: a writer woken or let through before the last reader left");
	EXPECT_EQ(1, vma_refcnt(vma_at(h.mm, h.addr)))
		TH_LOG("bug class: a reference leaked by the write lock or the readers");
	put_task_struct(h.writer);
	mmput(h.mm);
}

/* A fatal signal ends the killable wait and leaves the VMA as it was. */
TEST(killable_write_lock_interrupted_by_fatal_signal)
{
	struct holders h = { .inside = ATOMIC_INIT(0) };
	pthread_t readers[NR_READERS], w;
	struct vm_area_struct *vma;
	int i;

	NEEDS_KILLABLE_VMA_WRITE();
	start_holders(_metadata, &h, readers);
	vma = vma_at(h.mm, h.addr);
	START_THREAD(w, write_locker, &h);
	while (!rcuwait_active(&h.mm->vma_writer_wait))
		cpu_relax();
	send_sig(SIGKILL, smp_load_acquire(&h.writer), 0);
	JOIN_THREAD(w);
	EXPECT_EQ(-EINTR, h.ret)
		TH_LOG("bug class: a killable write lock that ignores a fatal signal");
	EXPECT_EQ(1 + NR_READERS, vma_refcnt(vma))
		TH_LOG("bug class: readers left excluded after an interrupted write lock");
	smp_store_release(&h.go, 1);
	for (i = 0; i < NR_READERS; i++)
		JOIN_THREAD(readers[i]);
	EXPECT_EQ(1, vma_refcnt(vma));
	put_task_struct(h.writer);
	mmput(h.mm);
}

/* ---- a write section, seen through marked accesses only --------------- */

/*
 * The writer changes vm_pgoff in two steps under the VMA write lock; a
 * reader holding the VMA read lock must see neither step or both. Every
 * access to it is marked, so TSan has no race to report and every SC
 * schedule passes: the half-done value shows only as a stale load, which
 * the LKMM allows when an ordering the lock owes its readers is missing
 * (Documentation/dev-tools/lkmm.rst, "The per-VMA lock's pairs").
 */
#define SECTION_HALF_DONE 1UL
#define SECTION_DONE 2UL
#define SECTIONS 3
#define SECTION_READERS 2

struct section {
	struct mm_struct *mm;
	unsigned long addr;
	struct vm_area_struct *vma;
	bool reattach;
	atomic_t half_done_seen;	/* by readers holding the read lock */
};

static void *section_reader(void *arg)
{
	struct section *s = arg;
	int i;

	for (i = 0; i < ROUNDS; i++) {
		struct vm_area_struct *vma = lock_vma_under_rcu(s->mm, s->addr);

		if (!vma)
			continue;
		if (READ_ONCE(vma->vm_pgoff) == SECTION_HALF_DONE)
			atomic_inc(&s->half_done_seen);
		vma_end_read(vma);
	}
	return NULL;
}

static void write_section(struct section *s)
{
	mmap_write_lock(s->mm);
	vma_start_write(s->vma);
	/*
	 * As an aborted munmap puts back the VMAs it had gathered: detached
	 * in the tree for a while, then attached again while write-locked.
	 */
	if (s->reattach) {
		vma_mark_detached(s->vma);
		vma_mark_attached(s->vma);
	}
	WRITE_ONCE(s->vma->vm_pgoff, SECTION_HALF_DONE);
	WRITE_ONCE(s->vma->vm_pgoff, SECTION_DONE);
	mmap_write_unlock(s->mm);
}

static void race_write_section(struct __test_metadata *_metadata,
			       bool reattach)
{
	struct section s = { .reattach = reattach,
			     .half_done_seen = ATOMIC_INIT(0) };
	pthread_t readers[SECTION_READERS];
	int i;

	s.mm = mm_alloc();
	ASSERT_NE(NULL, s.mm);
	s.addr = vm_mmap(s.mm, 0, LEN, VM_READ | VM_WRITE);
	ASSERT_FALSE(IS_ERR_VALUE(s.addr));
	s.vma = vma_at(s.mm, s.addr);
	for (i = 0; i < SECTION_READERS; i++)
		START_THREAD(readers[i], section_reader, &s);
	for (i = 0; i < SECTIONS; i++)
		write_section(&s);
	for (i = 0; i < SECTION_READERS; i++)
		JOIN_THREAD(readers[i]);
	EXPECT_EQ(0, atomic_read(&s.half_done_seen))
		TH_LOG("bug class: a reader let in before the write lock or its end was published");
	mmput(s.mm);
}

/*
 * The reader's check of vm_lock_seq against mm_lock_seq needs ACQUIRE
 * (bug 0004), and the writer's vm_lock_seq store must be published
 * before its exclusion of readers ends (bug 0011).
 */
TEST(write_section_is_whole_to_a_reader)
{
	race_write_section(_metadata, false);
}

/* vma_mark_attached() must publish the write lock with RELEASE (0012). */
TEST(reattached_vma_write_section_is_whole_to_a_reader)
{
	race_write_section(_metadata, true);
}

/* ---- mmap write sections, seen by a speculative reader ----------------- */

/*
 * A reader that takes no lock, as uprobes does, reads total_vm between
 * mmap_lock_speculate_try_begin() and a retry that says no writer came:
 * what it read must be the value of the mm_lock_seq it began at. Each
 * mmap of one page makes mm_lock_seq odd, then even again, so that value
 * is the first total_vm plus a page for every two sequence steps.
 */
struct speculation {
	struct mm_struct *mm;
	unsigned int first_seq;
	unsigned long first_total_vm;
	atomic_t wrong_seen;
};

static void *total_vm_speculator(void *arg)
{
	struct speculation *sp = arg;
	int i;

	for (i = 0; i < ROUNDS; i++) {
		unsigned long total_vm, expected;
		unsigned int seq;

		if (!mmap_lock_speculate_try_begin(sp->mm, &seq))
			continue;
		total_vm = READ_ONCE(sp->mm->total_vm);
		if (mmap_lock_speculate_retry(sp->mm, seq))
			continue;
		expected = sp->first_total_vm + (seq - sp->first_seq) / 2;
		if (total_vm != expected)
			atomic_inc(&sp->wrong_seen);
	}
	return NULL;
}

/*
 * mmap_write_lock()'s write_seqcount_begin() must order the odd sequence
 * before the section's stores (its smp_wmb()): a reader that read one of
 * them must see the odd sequence at its retry. No VMA write lock's wait
 * orders it here: the VMA an mmap adds is new, so no reader can hold it.
 */
TEST(mmap_section_is_whole_to_a_speculative_reader)
{
	struct speculation sp = { .wrong_seen = ATOMIC_INIT(0) };
	pthread_t readers[SECTION_READERS];
	int i;

	sp.mm = mm_alloc();
	ASSERT_NE(NULL, sp.mm);
	ASSERT_TRUE(mmap_lock_speculate_try_begin(sp.mm, &sp.first_seq));
	sp.first_total_vm = READ_ONCE(sp.mm->total_vm);
	for (i = 0; i < SECTION_READERS; i++)
		START_THREAD(readers[i], total_vm_speculator, &sp);
	for (i = 0; i < SECTIONS; i++)
		ASSERT_FALSE(IS_ERR_VALUE(vm_mmap(sp.mm, 0, P, VM_READ)));
	for (i = 0; i < SECTION_READERS; i++)
		JOIN_THREAD(readers[i]);
	EXPECT_EQ(0, atomic_read(&sp.wrong_seen))
		TH_LOG("bug class: mm_lock_seq made odd after the section's stores");
	EXPECT_EQ(sp.first_total_vm + SECTIONS, READ_ONCE(sp.mm->total_vm));
	mmput(sp.mm);
}

#else /* !CONFIG_PER_VMA_LOCK */

TEST(per_vma_lock_races)
{
	SKIP(return, "built with -Dper_vma_lock=false: no per-VMA lock");
}

#endif /* CONFIG_PER_VMA_LOCK */

TEST_HARNESS_MAIN
