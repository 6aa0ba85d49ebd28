// SPDX-License-Identifier: GPL-2.0-only
//
// User-space only: an execution context of its own (registers and stack)
// on the calling thread. Under the deterministic scheduler every task is
// one: all tasks of a schedule run on the test's thread, and a switch is
// a function call that saves one context and loads another (some
// nanoseconds; a hand-off between threads costs microseconds). The
// thread's start and end, which TSan and the C library tie to real time,
// are out of the picture: a fiber is created and destroyed at points of
// the schedule.
//
// The sanitizers are told (TSan: a thread state per fiber, switched with
// no synchronization; ASan: the stack in use), so each task keeps its own
// TSan history and no happens-before comes from a switch.
#pragma once

#include <cstddef>
#include <memory>

namespace shim::sched {

class Fiber {
public:
	using Entry = void (*)(void *arg);

	// The calling thread's own context (the test's task).
	Fiber();
	// A context that runs @entry(@arg) on a stack of @stack_size bytes
	// the first time it is switched to. @entry never returns: it ends
	// with exit_to().
	Fiber(Entry entry, void *arg, size_t stack_size);
	// Never the running fiber's.
	~Fiber();
	Fiber(const Fiber &) = delete;
	Fiber &operator=(const Fiber &) = delete;

	// The running fiber (this one) stops and @next runs; returns when
	// some fiber switches back to this one.
	void switch_to(Fiber &next);
	// As switch_to(), for good: this fiber never runs again and may be
	// destroyed by the one that runs next.
	[[noreturn]] void exit_to(Fiber &next);

	// The stack size of a task created without one.
	static constexpr size_t kDefaultStack = 1 << 20;

	class Stack;

private:
	struct Context;
	static void start(Fiber *self);
	void arrived();
	void switch_to(Fiber &next, bool exiting);

	Context *context_;	// registers saved while not running
	Entry entry_ = nullptr;
	void *arg_ = nullptr;
	std::unique_ptr<Stack> stack_;	// none: the thread's own
	void *tsan_ = nullptr;	// TSan's thread state for this fiber
	// ASan: the usable stack, and the fake stack saved across a switch.
	const void *asan_bottom_ = nullptr;
	size_t asan_size_ = 0;
	[[maybe_unused]] void *asan_fake_ = nullptr;
};

} // namespace shim::sched
