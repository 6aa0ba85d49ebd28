// SPDX-License-Identifier: GPL-2.0-only
//
// User-space only: the Linux-kernel memory model under the scheduler
// (--memory-model lkmm; Documentation/dev-tools/lkmm.rst).
//
// An operational model in the style of the view-based semantics of
// release/acquire (Kang et al., "A Promising Semantics for Relaxed-Memory
// Concurrency"; Relacy's and CDSChecker's store histories), strengthened
// where the LKMM is stronger than C11:
//  - each location keeps its stores in coherence order, which is the
//    order the schedule ran them in; memory holds the newest;
//  - each task has a view: per location, the oldest store it may still
//    read. A load returns any store from there on (a choice of the
//    schedule), and moves the view up to it;
//  - a store carries a message view: what a task that acquires it must
//    see. A release store carries the storer's whole view, a relaxed one
//    the view at the storer's last smp_wmb()/smp_mb() (both A-cumulative,
//    stronger than the LKMM's smp_wmb());
//  - relaxed loads keep the message views they read; smp_rmb() and
//    smp_mb() acquire them, an acquire load acquires its own at once;
//  - smp_mb() (and everything fully ordered) also joins one view shared
//    by all strong fences, which is what forbids store buffering and
//    IRIW;
//  - locks, RCU, task creation, join and wake-ups add what the LKMM (or
//    the kernel's documented guarantees) add.
// Loads never read stores that have not run yet, so load buffering (and
// the "S" shape's reordered stores) is not produced: stronger than the
// LKMM, never weaker.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <unordered_map>
#include <utility>
#include <vector>

#include "memory_model.h"

namespace shim::sched {

// Who decides which of several values a load reads: the schedule.
class ValueChooser {
public:
	virtual ~ValueChooser() = default;
	// 0 (the newest) .. @nr_values - 1 (the oldest allowed).
	virtual unsigned choose_value(Task &task, unsigned nr_values) = 0;
	virtual uint64_t current_step() const = 0;
};

namespace lkmm {

using Stamp = uint64_t;	// a store's place in the run: later is larger

// Per location, the oldest store a task may read (by its stamp).
class View {
public:
	Stamp get(uint32_t loc) const;
	void raise(uint32_t loc, Stamp s);
	void join(const View &o);
	void clear() { entries_.clear(); }

private:
	std::vector<std::pair<uint32_t, Stamp>> entries_;	// by location
};

using ViewRef = std::shared_ptr<const View>;

struct Store {
	uint64_t value;
	Stamp stamp;
	unsigned task;
	uint64_t step;
	ViewRef message;	// what acquiring it makes visible
	// Under TSan: what the fence model had the location carry right
	// after this store (runtime/tsan/fences.h), for a load that reads it.
	std::shared_ptr<void> tsan_cells;
};

struct Location {
	const volatile void *addr;
	unsigned size;
	std::vector<Store> stores;	// coherence order, newest last
	Stamp floor = 0;	// no task reads older (an unmodelled write)
};

struct TaskView {
	View cur;		// what it may read
	View kept;		// what its relaxed loads saw, for its next rmb
	ViewRef released;	// its view at its last release fence
	ViewRef lock_message;	// what its last lock RMW read
	bool unlocked = false;	// an unlock came before, in program order
	bool exiting = false;	// past its start routine: see full_fence()
	// Per location: loads in a row that read an older store.
	std::unordered_map<uint32_t, unsigned> stale_reads;
};

} // namespace lkmm

class Lkmm final : public MemoryModel {
public:
	Lkmm(ValueChooser &chooser, bool trace);

	void access(Task &task, enum shim_sync_op op,
		    const volatile void *addr) override;
	void resumed(Task &task) override;
	void joined(Task &task, Task &exited) override;
	uint64_t load(Task &task, const volatile void *addr, unsigned size,
		      uint64_t mem, enum shim_lkmm_order order,
		      bool pointer) override;
	void store(Task &task, const volatile void *addr, unsigned size,
		   uint64_t val, enum shim_lkmm_order order) override;
	void rmw(Task &task, const volatile void *addr, unsigned size,
		 uint64_t before, uint64_t after, enum shim_lkmm_order order,
		 bool stored) override;
	void forget(const volatile void *addr, unsigned long size) override;
	void fence(Task &task, enum shim_lkmm_fence fence) override;
	void event(Task &task, enum shim_lkmm_event event,
		   const volatile void *addr) override;

	// A task reads an older store at most this often in a row from one
	// location, so that a spin loop ends (bounded staleness).
	static constexpr unsigned kMaxStaleReads = 3;
	// Older stores than this many are forgotten (a choice fewer).
	static constexpr size_t kHistory = 8;

private:
	lkmm::TaskView &view_of(Task &task);
	uint32_t location(const volatile void *addr, unsigned size,
			  uint64_t mem, bool loading);
	void append(lkmm::Location &loc, uint64_t value, unsigned task,
		    lkmm::ViewRef message, std::shared_ptr<void> tsan_cells);
	static void acquire_kept(lkmm::TaskView &v);
	void full_fence(lkmm::TaskView &v);
	lkmm::ViewRef snapshot(const lkmm::View &v) const;
	static std::shared_ptr<void> tsan_cells(const volatile void *addr);
	void trace_read(const Task &task, const lkmm::Location &loc,
			const lkmm::Store &s, unsigned choice,
			unsigned nr_values) const;

	ValueChooser &chooser_;
	const bool trace_;
	std::map<uintptr_t, uint32_t> ids_;	// by address, for forget()
	std::vector<lkmm::Location> locations_;
	std::vector<std::unique_ptr<lkmm::TaskView>> tasks_;	// by id
	lkmm::View strong_;	// joined by every smp_mb()
	lkmm::View rcu_readers_;	// every ended RCU read-side section
	lkmm::View grace_periods_;	// what every ended grace period publishes
	lkmm::ViewRef empty_;
	lkmm::Stamp next_stamp_ = 1;
};

} // namespace shim::sched
