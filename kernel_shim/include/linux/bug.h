/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _LINUX_BUG_H
#define _LINUX_BUG_H

#include <asm/bug.h>
#include <linux/build_bug.h>

#endif /* _LINUX_BUG_H */
