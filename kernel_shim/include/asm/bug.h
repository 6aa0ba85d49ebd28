/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * WARN and BUG with the kernel's report format ("------------[ cut here
 * ]------------", "WARNING: CPU: 0 PID: 42 at mm/x.c:10 func+0x1c/0x0",
 * call trace, "---[ end trace ... ]---"). The harness fails the test in
 * which one is printed. BUG() reports "kernel BUG at file:line!" and kills
 * the task (SIGABRT), as an oops would.
 */
#ifndef _ASM_BUG_H
#define _ASM_BUG_H

#include <linux/compiler.h>
#include <linux/printk.h>
#include <asm/barrier.h>
#include <linux/atomic.h>
#include <linux/bug.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/limits.h>
#include <linux/lockdep_types.h>
#include <linux/types.h>

#ifdef __cplusplus
extern "C" {
#endif

__printf(5, 6) void __warn(const char *file, int line, const char *func,
			   unsigned long ip, const char *fmt, ...);
__noreturn void __shim_bug(const char *file, int line, const char *func);

#ifdef __cplusplus
}
#endif

#define __WARN_printf(fmt, ...) \
	__warn(__FILE__, __LINE__, __func__, _THIS_IP_, fmt, ##__VA_ARGS__)
#define __WARN() __WARN_printf(NULL)

#define WARN_ON(condition)                              \
	({                                              \
		int __ret_warn_on = !!(condition);      \
		if (unlikely(__ret_warn_on))            \
			__WARN();                       \
		unlikely(__ret_warn_on);                \
	})

#define WARN(condition, format...)                      \
	({                                              \
		int __ret_warn_on = !!(condition);      \
		if (unlikely(__ret_warn_on))            \
			__WARN_printf(format);          \
		unlikely(__ret_warn_on);                \
	})

#define WARN_ON_ONCE(condition)                                         \
	({                                                              \
		int __ret_warn_once = !!(condition);                    \
		if (unlikely(__ret_warn_once) && __shim_first_time())   \
			__WARN();                                       \
		unlikely(__ret_warn_once);                              \
	})

#define WARN_ONCE(condition, format...)                                 \
	({                                                              \
		int __ret_warn_once = !!(condition);                    \
		if (unlikely(__ret_warn_once) && __shim_first_time())   \
			__WARN_printf(format);                          \
		unlikely(__ret_warn_once);                              \
	})

#define BUG() __shim_bug(__FILE__, __LINE__, __func__)
#define BUG_ON(condition)                       \
	do {                                    \
		if (unlikely(condition))        \
			BUG();                  \
	} while (0)

#endif /* _ASM_BUG_H */
