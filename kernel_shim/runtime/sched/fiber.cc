// SPDX-License-Identifier: GPL-2.0-only
//
// User-space only: fibers (fiber.h). Built without TSan instrumentation
// (kernel_shim/meson.build): between telling TSan about a switch and
// making it, the code runs as neither fiber.
#include "fiber.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <vector>

// SHIM_FIBER_UCONTEXT picks the portable switch on x86-64 too (to test it).
#if defined(__x86_64__) && !defined(SHIM_FIBER_UCONTEXT)
#define SHIM_FIBER_X86_64 1
#else
#include <ucontext.h>
#endif

#if defined(__SANITIZE_ADDRESS__)
#define SHIM_FIBER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SHIM_FIBER_ASAN 1
#endif
#endif

extern "C" {
#ifdef CONFIG_SHIM_TSAN
void *__tsan_get_current_fiber(void);
void *__tsan_create_fiber(unsigned flags);
void __tsan_destroy_fiber(void *fiber);
void __tsan_switch_to_fiber(void *fiber, unsigned flags);
#endif
#ifdef SHIM_FIBER_ASAN
void __sanitizer_start_switch_fiber(void **fake_stack_save, const void *bottom,
				    size_t size);
void __sanitizer_finish_switch_fiber(void *fake_stack_save,
				     const void **bottom_old, size_t *size_old);
void __asan_unpoison_memory_region(const volatile void *addr, size_t size);
#endif
}

namespace shim::sched {

namespace {

// The fiber that switched last: after the switch, ASan names the stack it
// left, which is that fiber's.
thread_local Fiber *switched_from;

[[noreturn]] void die(const char *what)
{
	std::perror(what);
	std::abort();
}

size_t page_size()
{
	return static_cast<size_t>(sysconf(_SC_PAGESIZE));
}

} // namespace

#ifdef SHIM_FIBER_X86_64

extern "C" void shim_fiber_switch(void **save_sp, void *next_sp);
extern "C" void shim_fiber_trampoline(void);

// The stack pointer, and under it what fiber_switch_x86_64.S saved.
struct Fiber::Context {
	void *sp = nullptr;

	void prepare(char *bottom, size_t size, void (*fn)(Fiber *), Fiber *arg)
	{
		// The frame shim_fiber_switch() pops, in its order: control
		// words, r15, r14, r13 (the argument), r12 (the function),
		// rbx, rbp, then the return address: the trampoline. After
		// the ret the stack is 16-byte aligned, as before a call.
		auto *frame = reinterpret_cast<uint64_t *>(bottom + size) - 9;
		frame[0] = 0x037f;	// x87 control word, the ABI's default
		frame[1] = 0x1f80;	// MXCSR, the ABI's default
		frame[2] = 0;		// r15
		frame[3] = 0;		// r14
		frame[4] = reinterpret_cast<uint64_t>(arg);	// r13
		frame[5] = reinterpret_cast<uint64_t>(fn);	// r12
		frame[6] = 0;		// rbx
		frame[7] = 0;		// rbp
		frame[8] = reinterpret_cast<uint64_t>(&shim_fiber_trampoline);
		sp = frame;
	}
	void switch_to(Context &next) { shim_fiber_switch(&sp, next.sp); }
};

#else

// Elsewhere the C library's contexts (slower: each switch saves and sets
// the signal mask with a system call).
struct Fiber::Context {
	ucontext_t uc;
	void (*fn)(Fiber *) = nullptr;
	Fiber *arg = nullptr;

	// The context being switched to, for its first run.
	static thread_local Context *starting;
	static void entry() { starting->fn(starting->arg); }

	void prepare(char *bottom, size_t size, void (*f)(Fiber *), Fiber *a)
	{
		fn = f;
		arg = a;
		if (getcontext(&uc))
			die("sched: getcontext");
		uc.uc_stack.ss_sp = bottom;
		uc.uc_stack.ss_size = size;
		uc.uc_link = nullptr;
		makecontext(&uc, entry, 0);
	}
	void switch_to(Context &next)
	{
		starting = &next;
		swapcontext(&uc, &next.uc);
	}
};

thread_local Fiber::Context *Fiber::Context::starting;

#endif

Fiber::Fiber() : context_(new Context)
{
#ifdef CONFIG_SHIM_TSAN
	tsan_ = __tsan_get_current_fiber();
#endif
}

// A task's stack: a mapping with a guard page below, so that an
// overflow faults instead of running into whatever lies there.
class Fiber::Stack {
public:
	explicit Stack(size_t usable)
		: usable_(usable), bytes_(usable + page_size())
	{
		map_ = mmap(nullptr, bytes_, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE |
				    MAP_STACK,
			    -1, 0);
		if (map_ == MAP_FAILED)
			die("sched: cannot map a task's stack");
		if (mprotect(map_, page_size(), PROT_NONE))
			die("sched: cannot protect a task's stack guard");
	}
	~Stack() { munmap(map_, bytes_); }
	// Ready for another task: what the sanitizers knew of the ended
	// task's use of it goes.
	void reset()
	{
#ifdef CONFIG_SHIM_TSAN
		// TSan forgets a mapping's accesses when it is made: without
		// this, the ended task's accesses would stay in its shadow and
		// a new task's use of the same bytes would race with them (as
		// for a thread stack the C library reuses, TSan's sync objects
		// there are not forgotten).
		if (mmap(bottom(), usable_, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE |
				 MAP_STACK | MAP_FIXED,
			 -1, 0) == MAP_FAILED)
			die("sched: cannot map a task's stack again");
#endif
#ifdef SHIM_FIBER_ASAN
		// Frames the ended task never left are still poisoned.
		__asan_unpoison_memory_region(bottom(), usable_);
#endif
	}
	Stack(const Stack &) = delete;
	Stack &operator=(const Stack &) = delete;

	char *bottom() const
	{
		return static_cast<char *>(map_) + page_size();
	}
	size_t size() const { return usable_; }

private:
	const size_t usable_;
	const size_t bytes_;
	void *map_;
};

namespace {

// Stacks of the default size that ended tasks left, for the next tasks:
// a mapping, its first page faults and its unmapping (under TSan, a scan
// of the whole range's shadow) cost more than a schedule of a small test.
class StackPool {
public:
	std::unique_ptr<Fiber::Stack> get(size_t usable)
	{
		if (!pooled(usable) || free_.empty())
			return std::make_unique<Fiber::Stack>(usable);
		std::unique_ptr<Fiber::Stack> s = std::move(free_.back());
		free_.pop_back();
		s->reset();
		return s;
	}
	void put(std::unique_ptr<Fiber::Stack> s)
	{
		if (pooled(s->size()) && free_.size() < kMax)
			free_.push_back(std::move(s));
	}

private:
	static constexpr size_t kMax = 64;
	static bool pooled(size_t usable)
	{
		return usable == Fiber::kDefaultStack;
	}
	std::vector<std::unique_ptr<Fiber::Stack>> free_;
};

StackPool &stack_pool()
{
	static StackPool pool;
	return pool;
}

size_t round_to_pages(size_t bytes)
{
	size_t page = page_size();
	return (bytes + page - 1) / page * page;
}

} // namespace

Fiber::Fiber(Entry entry, void *arg, size_t stack_size)
	: context_(new Context), entry_(entry), arg_(arg),
	  stack_(stack_pool().get(round_to_pages(stack_size)))
{
	asan_bottom_ = stack_->bottom();
	asan_size_ = stack_->size();
	context_->prepare(stack_->bottom(), stack_->size(), start, this);
#ifdef CONFIG_SHIM_TSAN
	tsan_ = __tsan_create_fiber(0);
#endif
}

Fiber::~Fiber()
{
	if (stack_) {
#ifdef CONFIG_SHIM_TSAN
		__tsan_destroy_fiber(tsan_);
#endif
		stack_pool().put(std::move(stack_));
	}
	delete context_;
}

// ASan: the switch to this fiber is done (its fake stack back); the one
// it came from is told what its stack is, for a switch back to it.
void Fiber::arrived()
{
#ifdef SHIM_FIBER_ASAN
	const void *bottom;
	size_t size;
	__sanitizer_finish_switch_fiber(asan_fake_, &bottom, &size);
	switched_from->asan_bottom_ = bottom;
	switched_from->asan_size_ = size;
#endif
}

void Fiber::start(Fiber *self)
{
	self->arrived();
	self->entry_(self->arg_);
	std::fputs("sched: a task's fiber returned\n", stderr);
	std::abort();
}

void Fiber::switch_to(Fiber &next, [[maybe_unused]] bool exiting)
{
	switched_from = this;
#ifdef SHIM_FIBER_ASAN
	__sanitizer_start_switch_fiber(exiting ? nullptr : &asan_fake_,
				       next.asan_bottom_, next.asan_size_);
#endif
#ifdef CONFIG_SHIM_TSAN
	// No synchronization: the scheduler's switch is not the program's.
	__tsan_switch_to_fiber(next.tsan_, 1);
#endif
	context_->switch_to(*next.context_);
	arrived();
}

void Fiber::switch_to(Fiber &next)
{
	switch_to(next, false);
}

void Fiber::exit_to(Fiber &next)
{
	switch_to(next, true);
	std::fputs("sched: an exited task's fiber ran again\n", stderr);
	std::abort();
}

} // namespace shim::sched
