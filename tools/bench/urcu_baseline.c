// SPDX-License-Identifier: GPL-2.0-only
/*
 * The baseline for rcu_read_lock/unlock: liburcu-memb's own out-of-line
 * calls, on a thread the shim has registered already. A file of its own,
 * as liburcu's headers clash with the kernel's.
 */
#undef _LGPL_SOURCE
#include <urcu/urcu-memb.h>
#include <stdint.h>

void urcu_baseline_loop(uint64_t n)
{
	for (uint64_t i = 0; i < n; i++) {
		urcu_memb_read_lock();
		urcu_memb_read_unlock();
	}
}
