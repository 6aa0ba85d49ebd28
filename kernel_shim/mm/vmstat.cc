// SPDX-License-Identifier: GPL-2.0-only
//
// Per-thread VM event counters (the per-CPU counters of the kernel): a
// thread registers its block on first use; when it exits the block is
// folded into the totals of exited threads.
#include <algorithm>
#include <memory>
#include <mutex>
#include <vector>

#include <linux/vmstat.h>

extern "C" {
__thread struct vm_event_state *vm_event_this;

const char *const vm_event_names[NR_VM_EVENT_ITEMS] = {
	"pgfault",	    "pgmajfault",     "vma_lock_success",
	"vma_lock_abort", "vma_lock_retry", "vma_lock_miss",
};
}

namespace {

struct Registry {
	std::mutex lock;	// live and exited
	std::vector<vm_event_state *> live;
	vm_event_state exited{};
};

Registry &registry()
{
	static Registry r;
	return r;
}

unsigned long load(const unsigned long *c)
{
	return __atomic_load_n(c, __ATOMIC_RELAXED);
}

// Owns the thread's block; folds it into the totals at thread exit.
struct ThreadCounters {
	std::unique_ptr<vm_event_state> state;

	~ThreadCounters()
	{
		if (!state)
			return;
		Registry &r = registry();
		std::lock_guard<std::mutex> hold(r.lock);
		for (int i = 0; i < NR_VM_EVENT_ITEMS; i++)
			r.exited.event[i] += load(&state->event[i]);
		r.live.erase(std::find(r.live.begin(), r.live.end(),
				       state.get()));
		__atomic_store_n(&vm_event_this, nullptr, __ATOMIC_RELAXED);
	}
};

thread_local ThreadCounters counters;

} // namespace

extern "C" {

struct vm_event_state *vm_event_register_thread(void)
{
	Registry &r = registry();
	counters.state = std::make_unique<vm_event_state>();
	std::lock_guard<std::mutex> hold(r.lock);
	r.live.push_back(counters.state.get());
	// Relaxed, as the header reads it.
	__atomic_store_n(&vm_event_this, counters.state.get(), __ATOMIC_RELAXED);
	return counters.state.get();
}

void all_vm_events(unsigned long *ret)
{
	Registry &r = registry();
	std::lock_guard<std::mutex> hold(r.lock);
	for (int i = 0; i < NR_VM_EVENT_ITEMS; i++) {
		ret[i] = r.exited.event[i];
		for (vm_event_state *s : r.live)
			ret[i] += load(&s->event[i]);
	}
}

void reset_vm_events(void)
{
	Registry &r = registry();
	std::lock_guard<std::mutex> hold(r.lock);
	for (int i = 0; i < NR_VM_EVENT_ITEMS; i++) {
		r.exited.event[i] = 0;
		for (vm_event_state *s : r.live)
			__atomic_store_n(&s->event[i], 0UL, __ATOMIC_RELAXED);
	}
}

} // extern "C"
