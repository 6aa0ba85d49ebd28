// SPDX-License-Identifier: GPL-2.0-only
/*
 * fault_bench: page-fault throughput of N threads faulting on their own
 * VMAs while one writer runs mprotect on another VMA of the same mm at a
 * fixed rate, with three ways of locking, measured in one run:
 *
 *   per-vma    do_user_addr_fault(): lock_vma_under_rcu() first
 *   mmap_lock  the fallback path only, which is what every fault does
 *              when built with -Dper_vma_lock=false
 *   rwlock     a plain pthread_rwlock as the address-space lock
 *
 * Prints faults/s and ratios to mmap_lock, writes them as CSV and draws
 * them as an SVG bar chart. Goal: per-vma >= 1.5x mmap_lock with 2
 * faulting threads. Also prints the bytes of lock state per VMA.
 *
 * Usage: fault_bench [--duration MS] [--period US] [--csv F] [--svg F]
 */
#include <getopt.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <linux/mm.h>
#include <linux/mmap_lock.h>
#include <linux/sched/mm.h>

#include "bench.h"

#define P PAGE_SIZE
#define VMA_PAGES 64
#define MAX_THREADS 2

enum mode { PER_VMA, MMAP_LOCK, RWLOCK, NR_MODES };
static const char *const mode_names[NR_MODES] = { "per-vma", "mmap_lock",
						   "rwlock" };

struct run {
	enum mode mode;
	int threads;
	struct mm_struct *mm;
	unsigned long vma_addr[MAX_THREADS];
	unsigned long writer_addr;
	pthread_rwlock_t rw;
	uint64_t deadline;
	uint64_t period_ns;
	int stop_writer;
	long faults[MAX_THREADS];
	long writer_ops;
};

struct faulter_arg {
	struct run *r;
	int id;
};

/*
 * The fault handler's own work, for the rwlock mode, which holds no lock
 * handle_mm_fault() could assert: read what it reads.
 */
static noinline int touch_vma(struct vm_area_struct *vma, unsigned long addr)
{
	return addr >= vma->vm_start && addr < vma->vm_end &&
	       vma->vm_page_prot.pgprot ==
		       vm_get_page_prot(vma->vm_flags).pgprot &&
	       vma->vm_pgoff == vma->vm_start >> PAGE_SHIFT &&
	       READ_ONCE(vma->anon_vma);
}

static int fault_rwlock(struct run *r, unsigned long addr)
{
	struct vm_area_struct *vma;
	int ret = -EFAULT;

	count_vm_event(PGFAULT);
	pthread_rwlock_rdlock(&r->rw);
	/* The VMA is stable under the rwlock; mmap_lock is never taken. */
	vma = mtree_load(&r->mm->mm_mt, addr);
	if (vma && touch_vma(vma, addr))
		ret = 0;
	pthread_rwlock_unlock(&r->rw);
	return ret;
}

/* do_user_addr_fault() as built with -Dper_vma_lock=false. */
static int fault_mmap_lock(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma;

	count_vm_event(PGFAULT);
	vma = lock_mm_and_find_vma(mm, addr, NULL);
	if (!vma)
		return -EFAULT;
	handle_mm_fault(vma, addr, FAULT_FLAG_USER, NULL);
	mmap_read_unlock(mm);
	return 0;
}

static void *faulter(void *arg)
{
	struct faulter_arg *a = arg;
	struct run *r = a->r;
	unsigned long base = r->vma_addr[a->id], i = 0;
	long n = 0;

	while (bench_now_ns() < r->deadline) {
		/* A batch between clock reads. */
		for (int k = 0; k < 64; k++, i++) {
			unsigned long addr = base + (i % VMA_PAGES) * P;

			switch (r->mode) {
			case PER_VMA:
				do_user_addr_fault(r->mm, addr, FAULT_FLAG_USER);
				break;
			case MMAP_LOCK:
				fault_mmap_lock(r->mm, addr);
				break;
			case RWLOCK:
				fault_rwlock(r, addr);
				break;
			default:
				break;
			}
		}
		n += 64;
	}
	r->faults[a->id] = n;
	return NULL;
}

static void *writer(void *arg)
{
	struct run *r = arg;
	uint64_t next = bench_now_ns();
	int toggle = 0;

	while (!__atomic_load_n(&r->stop_writer, __ATOMIC_ACQUIRE)) {
		vm_flags_t prot = (toggle ^= 1) ? VM_READ : VM_READ | VM_WRITE;

		if (r->mode == RWLOCK)
			pthread_rwlock_wrlock(&r->rw);
		do_mprotect(r->mm, r->writer_addr, 4 * P, prot);
		if (r->mode == RWLOCK)
			pthread_rwlock_unlock(&r->rw);
		r->writer_ops++;
		/* A fixed rate: the writer is not what is being measured. */
		next += r->period_ns;
		while (bench_now_ns() < next &&
		       !__atomic_load_n(&r->stop_writer, __ATOMIC_ACQUIRE)) {
			struct timespec ts = { 0, 20000 };

			nanosleep(&ts, NULL);
		}
	}
	return NULL;
}

static double measure(enum mode mode, int threads, uint64_t duration_ns,
		      uint64_t period_ns)
{
	struct run r = { .mode = mode, .threads = threads,
			 .period_ns = period_ns };
	struct faulter_arg args[MAX_THREADS];
	pthread_t ft[MAX_THREADS], wt;
	long total = 0;
	int i;

	r.mm = mm_alloc();
	pthread_rwlock_init(&r.rw, NULL);
	for (i = 0; i < threads; i++) {
		r.vma_addr[i] = vm_mmap(r.mm, 0, VMA_PAGES * P,
					VM_READ | VM_WRITE);
		/* Leave a gap so that no two VMAs could ever merge. */
		vm_mmap(r.mm, 0, P, VM_READ);
		/* The first fault sets up the anon_vma: not measured. */
		do_user_addr_fault(r.mm, r.vma_addr[i], FAULT_FLAG_USER);
	}
	r.writer_addr = vm_mmap(r.mm, 0, 4 * P, VM_READ | VM_WRITE);

	r.deadline = bench_now_ns() + duration_ns;
	pthread_create(&wt, NULL, writer, &r);
	for (i = 0; i < threads; i++) {
		args[i] = (struct faulter_arg){ &r, i };
		pthread_create(&ft[i], NULL, faulter, &args[i]);
	}
	for (i = 0; i < threads; i++) {
		pthread_join(ft[i], NULL);
		total += r.faults[i];
	}
	__atomic_store_n(&r.stop_writer, 1, __ATOMIC_RELEASE);
	pthread_join(wt, NULL);
	mmput(r.mm);
	pthread_rwlock_destroy(&r.rw);
	return total / (duration_ns / 1e9);
}

static void write_svg(const char *path, double rate[NR_MODES][MAX_THREADS + 1])
{
	static const char *const colour[NR_MODES] = { "#4878d0", "#ee854a",
						      "#6acc64" };
	double max = 1;
	FILE *f = fopen(path, "w");
	int m, t;

	if (!f) {
		perror(path);
		return;
	}
	for (m = 0; m < NR_MODES; m++)
		for (t = 1; t <= MAX_THREADS; t++)
			if (rate[m][t] > max)
				max = rate[m][t];
	fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"560\" height=\"340\" font-family=\"sans-serif\" font-size=\"12\">\n");
	fprintf(f, "<rect width=\"560\" height=\"340\" fill=\"white\"/>\n");
	fprintf(f, "<text x=\"280\" y=\"20\" text-anchor=\"middle\" font-size=\"14\">Page faults per second, writer running mprotect on another VMA</text>\n");
	fprintf(f, "<line x1=\"60\" y1=\"290\" x2=\"540\" y2=\"290\" stroke=\"black\"/>\n");
	for (t = 1; t <= MAX_THREADS; t++) {
		int gx = 90 + (t - 1) * 230;

		for (m = 0; m < NR_MODES; m++) {
			double h = 240 * rate[m][t] / max;
			int x = gx + m * 60;

			fprintf(f, "<rect x=\"%d\" y=\"%.1f\" width=\"50\" height=\"%.1f\" fill=\"%s\"/>\n",
				x, 290 - h, h, colour[m]);
			fprintf(f, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"middle\">%.2fM</text>\n",
				x + 25, 285 - h, rate[m][t] / 1e6);
		}
		fprintf(f, "<text x=\"%d\" y=\"308\" text-anchor=\"middle\">%d faulting thread%s</text>\n",
			gx + 85, t, t > 1 ? "s" : "");
	}
	for (m = 0; m < NR_MODES; m++) {
		fprintf(f, "<rect x=\"%d\" y=\"318\" width=\"12\" height=\"12\" fill=\"%s\"/>\n",
			90 + m * 150, colour[m]);
		fprintf(f, "<text x=\"%d\" y=\"329\">%s</text>\n", 106 + m * 150,
			mode_names[m]);
	}
	fprintf(f, "</svg>\n");
	fclose(f);
}

/* The kernel's design needs 8 bytes per VMA without lockdep. */
static void print_lock_state_size(void)
{
#ifdef CONFIG_PER_VMA_LOCK
	struct vm_area_struct *v = NULL;

	printf("# lock state per VMA: %zu bytes (vm_lock_seq %zu + vm_refcnt %zu)",
	       sizeof(v->vm_lock_seq) + sizeof(v->vm_refcnt),
	       sizeof(v->vm_lock_seq), sizeof(v->vm_refcnt));
#ifdef CONFIG_DEBUG_LOCK_ALLOC
	printf(", plus %zu for lockdep's vmlock_dep_map",
	       sizeof(v->vmlock_dep_map));
#endif
	printf("\n");
#endif
}

static void usage(const char *argv0, int status)
{
	fprintf(stderr,
		"Usage: %s [--duration MS] [--period US] [--csv FILE] [--svg FILE]\n"
		"  --duration MS  length of each measurement (default 1000)\n"
		"  --period US    the writer's mprotect period (default 100)\n"
		"  --csv FILE     write the results as CSV\n"
		"  --svg FILE     draw them as an SVG bar chart\n",
		argv0);
	exit(status);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "duration", required_argument, NULL, 'd' },
		{ "period", required_argument, NULL, 'p' },
		{ "csv", required_argument, NULL, 'c' },
		{ "svg", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	uint64_t duration_ms = 1000, period_us = 100;
	const char *csv = NULL, *svg = NULL;
	double rate[NR_MODES][MAX_THREADS + 1] = { { 0 } };
	int opt, m, t;

	while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (opt) {
		case 'd':
			if (!bench_parse_count(optarg, &duration_ms))
				usage(argv[0], 2);
			break;
		case 'p':
			if (!bench_parse_count(optarg, &period_us))
				usage(argv[0], 2);
			break;
		case 'c':
			csv = optarg;
			break;
		case 's':
			svg = optarg;
			break;
		case 'h':
			usage(argv[0], 0);
			break;
		default:
			usage(argv[0], 2);
		}
	}
	if (optind != argc)
		usage(argv[0], 2);
	if (!IS_ENABLED(CONFIG_PER_VMA_LOCK)) {
		printf("# fault_bench: built with -Dper_vma_lock=false; nothing to compare\n");
		return 0;
	}

	printf("# fault_bench: %llu ms per measurement, writer mprotect every %llu us\n",
	       (unsigned long long)duration_ms, (unsigned long long)period_us);
	print_lock_state_size();
	/* Interleave the modes so that machine noise hits them all alike. */
	for (t = 1; t <= MAX_THREADS; t++)
		for (m = 0; m < NR_MODES; m++)
			rate[m][t] = measure(m, t, duration_ms * 1000000ull,
					     period_us * 1000ull);

	printf("%-10s %8s %14s %10s\n", "mode", "threads", "faults/s",
	       "vs mmap_lock");
	for (t = 1; t <= MAX_THREADS; t++)
		for (m = 0; m < NR_MODES; m++)
			printf("%-10s %8d %14.0f %9.2fx\n", mode_names[m], t,
			       rate[m][t], rate[m][t] / rate[MMAP_LOCK][t]);
	{
		double ratio = rate[PER_VMA][2] / rate[MMAP_LOCK][2];

		printf("# per-vma vs mmap_lock with 2 faulting threads: %.2fx, goal >= 1.50x %s\n",
		       ratio, bench_goal_verdict(ratio >= 1.5));
	}
	if (csv) {
		FILE *f = fopen(csv, "w");

		if (!f) {
			perror(csv);
			return 1;
		}
		fprintf(f, "mode,threads,faults_per_sec,ratio_vs_mmap_lock\n");
		for (t = 1; t <= MAX_THREADS; t++)
			for (m = 0; m < NR_MODES; m++)
				fprintf(f, "%s,%d,%.0f,%.3f\n", mode_names[m],
					t, rate[m][t],
					rate[m][t] / rate[MMAP_LOCK][t]);
		fclose(f);
	}
	if (svg)
		write_svg(svg, rate);
	return 0;
}
