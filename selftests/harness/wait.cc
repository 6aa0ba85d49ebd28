// SPDX-License-Identifier: GPL-2.0-only
#include "wait.h"

#include <poll.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>

namespace harness {
namespace {

class Fd {
public:
	explicit Fd(int fd) : fd_(fd) {}
	~Fd()
	{
		if (fd_ >= 0)
			close(fd_);
	}
	Fd(const Fd &) = delete;
	Fd &operator=(const Fd &) = delete;
	int get() const { return fd_; }

private:
	int fd_;
};

// True if @pid ends within @ms. Watches its pidfd when there is one;
// otherwise (old kernel, seccomp) polls waitpid, which reaps it: then
// *reaped is set and its status is in w.status.
bool ends_within(pid_t pid, int pidfd, long ms, WaitResult &w, bool *reaped)
{
	if (pidfd >= 0) {
		struct pollfd pfd = { pidfd, POLLIN, 0 };
		int ret;
		do {
			ret = poll(&pfd, 1, static_cast<int>(ms));
		} while (ret < 0 && errno == EINTR);
		return ret != 0;
	}
	struct timespec step = { 0, 10 * 1000 * 1000 };
	for (long waited = 0;; waited += 10) {
		if (waitpid(pid, &w.status, WNOHANG) == pid) {
			*reaped = true;
			return true;
		}
		if (waited >= ms)
			return false;
		nanosleep(&step, nullptr);
	}
}

} // namespace

WaitResult wait_for_child(pid_t pid, double timeout_s, int hang_fd,
			  double report_s)
{
	WaitResult w;
	Fd pidfd(static_cast<int>(syscall(SYS_pidfd_open, pid, 0)));
	bool reaped = false;

	if (!ends_within(pid, pidfd.get(), std::lround(timeout_s * 1000), w,
			 &reaped)) {
		w.timed_out = true;
		// Ask for the hang report and give the child time to print it.
		if (hang_fd >= 0 && write(hang_fd, "h", 1) == 1)
			ends_within(pid, pidfd.get(),
				    std::lround(report_s * 1000), w, &reaped);
		if (!reaped)
			kill(-pid, SIGKILL);
	}
	if (!reaped) {
		pid_t r;
		do {
			r = waitpid(pid, &w.status, 0);
		} while (r < 0 && errno == EINTR);
		if (r != pid)
			w.wait_failed = true;
	}
	// Reap nothing else, but leave no helper of the test behind.
	kill(-pid, SIGKILL);
	return w;
}

} // namespace harness
