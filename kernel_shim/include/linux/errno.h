/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _LINUX_ERRNO_H
#define _LINUX_ERRNO_H

/* The user-space ABI codes (EINTR, EAGAIN, ...), as the kernel's does. */
#include <asm/errno.h>

/* Kernel-internal codes that never reach user space. */
#define ERESTARTSYS 512
#define ERESTARTNOINTR 513
#define ERESTARTNOHAND 514
#define ENOIOCTLCMD 515
#define ERESTART_RESTARTBLOCK 516
#define EPROBE_DEFER 517
#define EOPENSTALE 518
#define ENOPARAM 519
#define EBADHANDLE 521
#define ENOTSUPP 524

#endif /* _LINUX_ERRNO_H */
