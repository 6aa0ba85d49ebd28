// SPDX-License-Identifier: GPL-2.0-only
//
// User-space only: the Linux-kernel memory model under the scheduler
// (lkmm.h has the rules and why).
#include "lkmm.h"

#include "../tsan/fences.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <cstring>

namespace shim::sched {

namespace lkmm {

namespace {

bool before(const std::pair<uint32_t, Stamp> &e, uint32_t loc)
{
	return e.first < loc;
}

} // namespace

Stamp View::get(uint32_t loc) const
{
	auto it = std::lower_bound(entries_.begin(), entries_.end(), loc, before);
	return it != entries_.end() && it->first == loc ? it->second : 0;
}

void View::raise(uint32_t loc, Stamp s)
{
	auto it = std::lower_bound(entries_.begin(), entries_.end(), loc, before);
	if (it != entries_.end() && it->first == loc)
		it->second = std::max(it->second, s);
	else
		entries_.insert(it, { loc, s });
}

void View::join(const View &o)
{
	if (o.entries_.empty())
		return;
	std::vector<std::pair<uint32_t, Stamp>> out;
	out.reserve(entries_.size() + o.entries_.size());
	auto a = entries_.cbegin();
	auto b = o.entries_.cbegin();
	while (a != entries_.cend() || b != o.entries_.cend()) {
		if (b == o.entries_.cend() ||
		    (a != entries_.cend() && a->first < b->first)) {
			out.push_back(*a++);
		} else if (a == entries_.cend() || b->first < a->first) {
			out.push_back(*b++);
		} else {
			out.push_back({ a->first, std::max(a->second, b->second) });
			a++;
			b++;
		}
	}
	entries_.swap(out);
}

} // namespace lkmm

using namespace lkmm;

namespace {

bool acquires(enum shim_lkmm_order o)
{
	return o == SHIM_LKMM_ACQUIRE || o == SHIM_LKMM_FULL;
}

bool releases(enum shim_lkmm_order o)
{
	return o == SHIM_LKMM_RELEASE || o == SHIM_LKMM_FULL;
}

uint64_t memory_value(const volatile void *addr, unsigned size)
{
	uint64_t v = 0;
	std::memcpy(&v, const_cast<const void *>(addr), size);
	return v;
}

} // namespace

Lkmm::Lkmm(ValueChooser &chooser, bool trace)
	: chooser_(chooser), trace_(trace), empty_(std::make_shared<View>())
{
}

// A task's view starts as what every strong fence so far made visible:
// its creator's TASK sync point was one, so it sees what its creator saw.
TaskView &Lkmm::view_of(Task &task)
{
	if (tasks_.size() <= task.id)
		tasks_.resize(task.id + 1);
	auto &v = tasks_[task.id];
	if (!v) {
		v = std::make_unique<TaskView>();
		v->cur = strong_;
		v->released = snapshot(v->cur);
	}
	return *v;
}

ViewRef Lkmm::snapshot(const View &v) const
{
	return std::make_shared<const View>(v);
}

void Lkmm::append(Location &loc, uint64_t value, unsigned task,
		  ViewRef message, std::shared_ptr<void> cells)
{
	if (loc.stores.size() >= kHistory)
		loc.stores.erase(loc.stores.begin());
	loc.stores.push_back({ value, next_stamp_++, task,
			       chooser_.current_step(), std::move(message),
			       std::move(cells) });
}

// What TSan's fence model has @addr carry now; nothing for NULL (a store
// that published nothing), or without TSan.
std::shared_ptr<void> Lkmm::tsan_cells(const volatile void *addr)
{
	if (!IS_ENABLED(CONFIG_SHIM_TSAN))
		return nullptr;
	return std::shared_ptr<void>(shim_tsan_cells_snapshot(addr),
				     shim_tsan_cells_free);
}

// The location at @addr, whose memory holds @mem. Memory that changed
// without a marked store the model saw (a plain write, an initializer,
// memset(), an access of another size) is a store every task must see
// from now on: the model cannot know who may still read older values.
// For TSan it carries what the address carries when a load finds it
// (@loading), and nothing when a store does: TSan's fence model has then
// already taken in that store, which is not this one.
uint32_t Lkmm::location(const volatile void *addr, unsigned size, uint64_t mem,
			bool loading)
{
	auto key = reinterpret_cast<uintptr_t>(addr);
	auto it = ids_.find(key);
	if (it == ids_.end()) {
		it = ids_.emplace(key, static_cast<uint32_t>(locations_.size()))
			     .first;
		locations_.push_back({ addr, size, {}, 0 });
	}
	Location &loc = locations_[it->second];
	if (loc.stores.empty() || loc.size != size ||
	    loc.stores.back().value != mem) {
		loc.size = size;
		loc.stores.clear();
		append(loc, mem, ~0u, empty_,
		       tsan_cells(loading ? addr : nullptr));
		loc.floor = loc.stores.back().stamp;
	}
	return it->second;
}

// The full barriers of a task's exit path (the last put of its
// task_struct, queueing its free after a grace period) publish nothing:
// a thread's end orders nothing for the others but through a join
// (joined()), as herd7's threads just end. Published into the shared
// view, they would order every later smp_mb() after the whole task, an
// order the LKMM does not have (Z6.0+pooncerelease+...+fencembonceonce).
// What the task's relaxed loads saw becomes visible to it (smp_rmb()).
void Lkmm::acquire_kept(TaskView &v)
{
	v.cur.join(v.kept);
	v.kept.clear();
}

void Lkmm::full_fence(TaskView &v)
{
	acquire_kept(v);
	v.cur.join(strong_);
	if (!v.exiting)
		strong_ = v.cur;
	v.released = snapshot(v.cur);
}

uint64_t Lkmm::load(Task &task, const volatile void *addr, unsigned size,
		    uint64_t mem, enum shim_lkmm_order order, bool pointer)
{
	TaskView &v = view_of(task);
	uint32_t id = location(addr, size, mem, true);
	Location &loc = locations_[id];
	Stamp oldest = std::max(v.cur.get(id), loc.floor);
	unsigned n = 0;
	for (auto s = loc.stores.rbegin(); s != loc.stores.rend(); ++s) {
		if (s->stamp < oldest)
			break;
		n++;
	}
	unsigned &stale = v.stale_reads[id];
	if (stale >= kMaxStaleReads)
		n = 1;
	unsigned choice = n > 1 ? chooser_.choose_value(task, n) : 0;
	const Store &s = loc.stores[loc.stores.size() - 1 - choice];
	stale = choice ? stale + 1 : 0;
	v.cur.raise(id, s.stamp);
	if (acquires(order) || pointer)
		v.cur.join(*s.message);
	else
		v.kept.join(*s.message);
	// TSan's happens-before comes from the store read, and follows the
	// load's own order (an address dependency is no acquire to TSan).
	if (s.tsan_cells)
		shim_tsan_loaded_from(s.tsan_cells.get(), acquires(order));
	if (trace_ && choice)
		trace_read(task, loc, s, choice, n);
	return s.value;
}

void Lkmm::store(Task &task, const volatile void *addr, unsigned size,
		 uint64_t val, enum shim_lkmm_order order)
{
	TaskView &v = view_of(task);
	uint32_t id = location(addr, size, memory_value(addr, size), false);
	Location &loc = locations_[id];
	append(loc, val, task.id,
	       releases(order) ? snapshot(v.cur) : v.released,
	       tsan_cells(addr));
	v.cur.raise(id, loc.stores.back().stamp);
	v.stale_reads.erase(id);
}

// An RMW reads the newest store (atomicity) and continues its message:
// a later acquire of the RMW's store sees what the store it replaced
// published (a release sequence, stronger than the LKMM needs).
void Lkmm::rmw(Task &task, const volatile void *addr, unsigned size,
	       uint64_t before, uint64_t after, enum shim_lkmm_order order,
	       bool stored)
{
	TaskView &v = view_of(task);
	uint32_t id = location(addr, size, before, false);
	Location &loc = locations_[id];
	if (order == SHIM_LKMM_FULL)
		full_fence(v);
	ViewRef read = loc.stores.back().message;
	v.cur.raise(id, loc.stores.back().stamp);
	v.stale_reads.erase(id);
	if (acquires(order))
		v.cur.join(*read);
	else
		v.kept.join(*read);
	if (!stored)
		return;
	v.lock_message = read;
	auto message = std::make_shared<View>(releases(order) ? v.cur
							      : *v.released);
	message->join(*read);
	append(loc, after, task.id, std::move(message), tsan_cells(addr));
	v.cur.raise(id, loc.stores.back().stamp);
	if (order == SHIM_LKMM_FULL)
		full_fence(v);
}

// Allocated memory is a new object: whatever the old one's locations
// held is no store of the new one's (its plain initialization, which
// the model does not see, is what it holds first).
void Lkmm::forget(const volatile void *addr, unsigned long size)
{
	auto begin = reinterpret_cast<uintptr_t>(addr);
	ids_.erase(ids_.lower_bound(begin), ids_.lower_bound(begin + size));
}

void Lkmm::fence(Task &task, enum shim_lkmm_fence fence)
{
	TaskView &v = view_of(task);
	switch (fence) {
	case SHIM_LKMM_RMB:
		acquire_kept(v);
		break;
	case SHIM_LKMM_WMB:
		v.released = snapshot(v.cur);
		break;
	case SHIM_LKMM_MB:
		full_fence(v);
		break;
	}
}

void Lkmm::event(Task &task, enum shim_lkmm_event event,
		 const volatile void *addr)
{
	(void)addr;
	TaskView &v = view_of(task);
	switch (event) {
	case SHIM_LKMM_LOCKED: {
		// LKMM's lock cumulativity: what the previous holder did
		// before its unlock propagates before this holder's stores
		// (ISA2+pooncelock+pooncelock+pombonce) ...
		auto rel = std::make_shared<View>(*v.released);
		if (v.lock_message)
			rel->join(*v.lock_message);
		v.released = std::move(rel);
		// ... and an unlock followed by a lock, in program order,
		// orders everything before it with everything after
		// (po-unlock-lock-po; MP+unlocklockonceonce+fencermbonceonce).
		if (v.unlocked) {
			acquire_kept(v);
			v.released = snapshot(v.cur);
		}
		break;
	}
	case SHIM_LKMM_UNLOCKING:
		v.unlocked = true;
		break;
	case SHIM_LKMM_RCU_LOCK:
		// A section that starts after a grace period started cannot
		// end before it: it sees every store that preceded the grace
		// period's start (explanation.txt, the RCU guarantee's second
		// case): the pointer an updater replaced before freeing the
		// old object after call_rcu().
		v.cur.join(grace_periods_);
		break;
	case SHIM_LKMM_RCU_UNLOCK:
		// A grace period that ends after this section ends makes
		// all of it visible to its waiter (RCU+sync+read).
		rcu_readers_.join(v.cur);
		rcu_readers_.join(v.kept);
		break;
	case SHIM_LKMM_EXITING:
		v.exiting = true;
		break;
	case SHIM_LKMM_RCU_GP_START:
		full_fence(v);
		grace_periods_.join(v.cur);
		break;
	case SHIM_LKMM_RCU_GP_DONE:
		// ... and a section that did not end before the grace period
		// ended had to (the first case): all of it is visible now.
		v.cur.join(rcu_readers_);
		full_fence(v);
		grace_periods_.join(v.cur);
		break;
	}
}

// Wake-ups and sleeps are full barriers in the kernel (try_to_wake_up(),
// set_current_state()), and so is creating a task: modelled as smp_mb(),
// whose shared view a new task starts from (view_of()). A task's exit
// publishes nothing by itself: its joiner takes its view (joined()).
void Lkmm::access(Task &task, enum shim_sync_op op, const volatile void *addr)
{
	switch (op) {
	case SHIM_SYNC_WAKE:
	case SHIM_SYNC_SLEEP:
		full_fence(view_of(task));
		break;
	case SHIM_SYNC_TASK:
		if (addr)	// pthread_create(), not the exit
			full_fence(view_of(task));
		break;
	default:
		break;
	}
}

// A task that waited runs again after what woke it, which was a full
// barrier: it sees what every full barrier so far made visible.
void Lkmm::resumed(Task &task)
{
	TaskView &v = view_of(task);
	acquire_kept(v);
	v.cur.join(strong_);
}

void Lkmm::joined(Task &task, Task &exited)
{
	TaskView &v = view_of(task);
	v.cur.join(view_of(exited).cur);
}

// "sched: lkmm: ..." in the trace: the store an older read returned.
void Lkmm::trace_read(const Task &task, const Location &loc, const Store &s,
		      unsigned choice, unsigned nr_values) const
{
	const Store &newest = loc.stores.back();
	char by[32] = "initial value";
	if (s.task != ~0u)
		std::snprintf(by, sizeof(by), "task %u", s.task);
	std::fprintf(stderr,
		     "sched: lkmm: task %u load %p read 0x%" PRIx64
		     " (store of %s at step %" PRIu64 ", %u older than the newest 0x%" PRIx64
		     " of task %u at step %" PRIu64 "; %u values allowed)\n",
		     task.id, const_cast<const void *>(loc.addr), s.value, by,
		     s.step, choice, newest.value, newest.task, newest.step,
		     nr_values);
}

} // namespace shim::sched
