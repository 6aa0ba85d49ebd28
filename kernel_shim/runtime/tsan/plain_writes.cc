// SPDX-License-Identifier: GPL-2.0-only
/*
 * User space only: the kernel's data-race policy for plain stores, under
 * ThreadSanitizer.
 *
 * The kernel takes an aligned plain store of up to a word to be atomic:
 * KCSAN, with its default CONFIG_KCSAN_ASSUME_PLAIN_WRITES_ATOMIC, reports
 * no race whose only plain accesses are such stores. Upstream code relies
 * on it (vma_lock_init() stores vm_lock_seq plainly while a lockless
 * reader of a reused VMA may READ_ONCE() it); TSan, by C11's rules,
 * reports it. Here the kernel's rule applies to the files registered as
 * kernel code (the per-VMA lock's: the kernel tree's with -Dkernel_tree)
 * and to nothing else: TSan's report hook drops a data-race report when
 * every plain access in it is such a store made in such a file (its
 * innermost frame, inlined or not). A plain load racing with one is still
 * reported, as KCSAN reports it. -Dkcsan_assume_plain_writes_atomic=false
 * leaves every report alone.
 *
 * Built without TSan instrumentation: it runs inside TSan's reporting.
 */
#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include <shim/tsan.h>

#ifdef CONFIG_SHIM_TSAN
namespace __tsan {
struct ReportDesc;
// TSan's documented hook to intercept reports (weak in its runtime):
// returns whether the report is suppressed.
bool OnReport(const ReportDesc *rep, bool suppressed);
} // namespace __tsan

extern "C" {
int __tsan_get_report_data(void *report, const char **description,
			   int *count, int *stack_count, int *mop_count,
			   int *loc_count, int *mutex_count, int *thread_count,
			   int *unique_tid_count, void **sleep_trace,
			   uintptr_t trace_size);
int __tsan_get_report_mop(void *report, uintptr_t idx, int *tid,
			  void **addr, int *size, int *write, int *atomic,
			  void **trace, uintptr_t trace_size);
void __sanitizer_symbolize_pc(void *pc, const char *fmt, char *out_buf,
			      size_t out_buf_size);
}

namespace {

// A handful: the per-VMA lock's .c and .h, and a test's own file.
std::array<std::atomic<const char *>, 8> kernel_files{};

} // namespace

extern "C" void shim_tsan_plain_writes_atomic_in(const char *file)
{
	for (auto &slot : kernel_files) {
		const char *expected = nullptr;
		if (slot.compare_exchange_strong(expected, file) ||
		    expected == file)
			return;
	}
}

#ifdef CONFIG_KCSAN_ASSUME_PLAIN_WRITES_ATOMIC
namespace {

// One access of a race report, as TSan describes it.
struct Access {
	void *addr = nullptr;
	void *pc = nullptr; // innermost frame
	int size = 0;
	int write = 0;
	int atomic = 0;
};

bool same_file(std::string_view symbolized, std::string_view registered)
{
	if (symbolized == registered)
		return true;
	// The symbolizer may print the path longer than __FILE__ had it.
	return symbolized.size() > registered.size() &&
	       symbolized.ends_with(registered) &&
	       symbolized[symbolized.size() - registered.size() - 1] == '/';
}

bool in_kernel_file(void *pc)
{
	// One NUL-terminated file name per frame, innermost first.
	char frames[4096] = {};
	__sanitizer_symbolize_pc(pc, "%s", frames, sizeof(frames));
	for (const auto &file : kernel_files) {
		const char *name = file.load(std::memory_order_acquire);
		if (name && same_file(frames, name))
			return true;
	}
	return false;
}

// Atomic by the kernel's rules: marked, or an aligned plain store of up
// to a word in kernel code.
bool atomic_for_the_kernel(const Access &a)
{
	if (a.atomic)
		return true;
	return a.write && a.size > 0 &&
	       a.size <= static_cast<int>(sizeof(long)) &&
	       reinterpret_cast<uintptr_t>(a.addr) % a.size == 0 && a.pc &&
	       in_kernel_file(a.pc);
}

bool only_atomic_for_the_kernel(void *report)
{
	const char *description = nullptr;
	int count = 0, stacks = 0, mops = 0, locs = 0, mutexes = 0;
	int threads = 0, tids = 0;
	void *sleep_trace[1] = {};

	if (!__tsan_get_report_data(report, &description, &count, &stacks,
				    &mops, &locs, &mutexes, &threads, &tids,
				    sleep_trace, 1) ||
	    !description || std::strcmp(description, "data-race") != 0 ||
	    mops == 0)
		return false;
	for (int i = 0; i < mops; i++) {
		Access a;
		void *trace[1] = {};
		int tid = 0;

		__tsan_get_report_mop(report, i, &tid, &a.addr, &a.size,
				      &a.write, &a.atomic, trace, 1);
		a.pc = trace[0];
		if (!atomic_for_the_kernel(a))
			return false;
	}
	return true;
}

} // namespace

bool __tsan::OnReport(const ReportDesc *rep, bool suppressed)
{
	return suppressed ||
	       only_atomic_for_the_kernel(const_cast<ReportDesc *>(rep));
}
#endif /* CONFIG_KCSAN_ASSUME_PLAIN_WRITES_ATOMIC */
#endif /* CONFIG_SHIM_TSAN */
