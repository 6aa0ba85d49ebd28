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

} // namespace

WaitResult wait_for_child(pid_t pid, double timeout_s)
{
	WaitResult w;
	long timeout_ms = std::lround(timeout_s * 1000);
	int pidfd = static_cast<int>(syscall(SYS_pidfd_open, pid, 0));

	if (pidfd >= 0) {
		Fd guard(pidfd);
		struct pollfd pfd = { pidfd, POLLIN, 0 };
		int ret;
		do {
			ret = poll(&pfd, 1, static_cast<int>(timeout_ms));
		} while (ret < 0 && errno == EINTR);
		if (ret == 0)
			w.timed_out = true;
	} else {
		// No pidfd (old kernel or seccomp): poll waitpid instead.
		struct timespec step = { 0, 10 * 1000 * 1000 };
		long waited = 0;
		for (;;) {
			pid_t r = waitpid(pid, &w.status, WNOHANG);
			if (r == pid)
				return w;
			if (waited >= timeout_ms) {
				w.timed_out = true;
				break;
			}
			nanosleep(&step, nullptr);
			waited += 10;
		}
	}
	if (w.timed_out)
		kill(-pid, SIGKILL);
	pid_t r;
	do {
		r = waitpid(pid, &w.status, 0);
	} while (r < 0 && errno == EINTR);
	if (r != pid)
		w.wait_failed = true;
	// Reap nothing else, but leave no helper of the test behind.
	kill(-pid, SIGKILL);
	return w;
}

} // namespace harness
