// SPDX-License-Identifier: GPL-2.0-only
/*
 * Stress: faulting threads and writers (mmap, munmap, mprotect, mremap)
 * on shared and separate VMAs of several mm_structs, for --duration
 * (default 1.5 s free-running, 50 ms of virtual time under the
 * deterministic scheduler) with --seed. Passes with zero invariant
 * violations, zero sanitizer reports and zero lockdep reports; prints the
 * counters.
 */
#include "mm_test.h"

#include <linux/timekeeping.h>
#include <shim/sched.h>

#define P PAGE_SIZE
#define NR_MMS 2
#define REGION_PAGES 256
#define NR_FAULTERS 2

struct stress {
	struct mm_struct *mm[NR_MMS];
	unsigned long region[NR_MMS];	/* writers change this */
	unsigned long stable[NR_MMS];	/* nobody changes this */
	uint64_t seed;
	uint64_t deadline_ns;
	long faults, segv, ops[4];
};

struct worker {
	struct stress *s;
	int id;
};

/* Virtual under the scheduler: the run is a function of its seed. */
static uint64_t now_ns(void)
{
	return ktime_get_ns();
}

static uint64_t next_rand(uint64_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 7;
	*x ^= *x << 17;
	return *x;
}

static void *faulter(void *arg)
{
	struct worker *w = arg;
	struct stress *s = w->s;
	uint64_t rnd = s->seed ^ (0x9e3779b97f4a7c15ull * (w->id + 1)) ^ 1;
	long faults = 0, segv = 0;

	while (now_ns() < s->deadline_ns) {
		int m = next_rand(&rnd) % NR_MMS;
		bool own = next_rand(&rnd) % 4 == 0;
		unsigned long addr;
		unsigned int flags = FAULT_FLAG_USER;

		if (own)	/* a VMA nobody else writes to */
			addr = s->stable[m] + (w->id % 4) * P;
		else
			addr = s->region[m] +
			       (next_rand(&rnd) % REGION_PAGES) * P;
		if (next_rand(&rnd) % 2)
			flags |= FAULT_FLAG_WRITE;
		if (do_user_addr_fault(s->mm[m], addr, flags))
			segv++;
		faults++;
	}
	__atomic_fetch_add(&s->faults, faults, __ATOMIC_RELAXED);
	__atomic_fetch_add(&s->segv, segv, __ATOMIC_RELAXED);
	return NULL;
}

static void *writer(void *arg)
{
	struct worker *w = arg;
	struct stress *s = w->s;
	struct mm_struct *mm = s->mm[w->id];
	unsigned long base = s->region[w->id];
	uint64_t rnd = s->seed ^ (0x51ed270b27e3a1cbull * (w->id + 7)) ^ 2;

	while (now_ns() < s->deadline_ns) {
		unsigned long pages = 1 + next_rand(&rnd) % 8;
		unsigned long at = base + (next_rand(&rnd) %
					   (REGION_PAGES - pages)) * P;
		unsigned long to = base + (next_rand(&rnd) %
					   (REGION_PAGES - pages)) * P;
		vm_flags_t prot = next_rand(&rnd) % 3 ? VM_READ | VM_WRITE
						       : VM_READ;
		int op = next_rand(&rnd) % 4;

		switch (op) {
		case 0:
			vm_mmap(mm, at, pages * P, prot);
			break;
		case 1:
			vm_munmap(mm, at, pages * P);
			break;
		case 2:
			do_mprotect(mm, at, pages * P, prot);
			break;
		case 3:
			/* Fails harmlessly when nothing whole is there. */
			do_mremap(mm, at, pages * P, to);
			break;
		}
		__atomic_fetch_add(&s->ops[op], 1, __ATOMIC_RELAXED);
	}
	return NULL;
}

TEST(faults_against_mmap_munmap_mprotect_mremap)
{
	struct stress s = { 0 };
	struct worker fw[NR_FAULTERS], ww[NR_MMS];
	pthread_t ft[NR_FAULTERS], wt[NR_MMS];
	unsigned long reused = kmem_cache_nr_reused(vm_area_cachep);
	unsigned long ev[NR_VM_EVENT_ITEMS];
	int i;

	s.seed = harness_seed() | 1;
	reset_vm_events();
	for (i = 0; i < NR_MMS; i++) {
		s.mm[i] = mm_alloc();
		ASSERT_NE(NULL, s.mm[i]);
		s.stable[i] = vm_mmap(s.mm[i], 0, 4 * P, VM_READ | VM_WRITE);
		s.region[i] = s.stable[i] + 64 * P;
		ASSERT_EQ(s.region[i], vm_mmap(s.mm[i], s.region[i],
					       REGION_PAGES * P,
					       VM_READ | VM_WRITE));
	}
	s.deadline_ns = now_ns() +
			harness_duration_ms(shim_sched_active() ? 50 : 1500) *
				1000000ull;
	for (i = 0; i < NR_MMS; i++) {
		ww[i] = (struct worker){ &s, i };
		START_THREAD(wt[i], writer, &ww[i]);
	}
	for (i = 0; i < NR_FAULTERS; i++) {
		fw[i] = (struct worker){ &s, i };
		START_THREAD(ft[i], faulter, &fw[i]);
	}
	for (i = 0; i < NR_FAULTERS; i++)
		JOIN_THREAD(ft[i]);
	for (i = 0; i < NR_MMS; i++)
		JOIN_THREAD(wt[i]);

	all_vm_events(ev);
	TH_LOG("seed %" PRIu64 ": %ld faults (%ld SIGSEGV), writer ops mmap %ld munmap %ld mprotect %ld mremap %ld",
	       s.seed, s.faults, s.segv, s.ops[0], s.ops[1], s.ops[2], s.ops[3]);
	TH_LOG("vma_lock_success %lu vma_lock_abort %lu vma_lock_retry %lu vma_lock_miss %lu; VMA objects reused %lu",
	       ev[VMA_LOCK_SUCCESS], ev[VMA_LOCK_ABORT], ev[VMA_LOCK_RETRY],
	       ev[VMA_LOCK_MISS],
	       kmem_cache_nr_reused(vm_area_cachep) - reused);

	EXPECT_EQ(0, atomic_long_read(&fault_invariant_violations));
	EXPECT_LT(0, s.faults);
	EXPECT_EQ(s.faults, ev[PGFAULT]);
	if (IS_ENABLED(CONFIG_PER_VMA_LOCK)) {
		/*
		 * Free-running, some lockless fault always gets through; a
		 * schedule may legitimately make every one fall back.
		 */
		if (!shim_sched_active())
			EXPECT_LT(0, ev[VMA_LOCK_SUCCESS]);
	} else {
		EXPECT_EQ(0, ev[VMA_LOCK_SUCCESS]);
	}
	for (i = 0; i < NR_MMS; i++)
		mmput(s.mm[i]);
}

TEST_HARNESS_MAIN
