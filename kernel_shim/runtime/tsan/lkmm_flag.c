// SPDX-License-Identifier: GPL-2.0-only
/*
 * User-space only: the lkmm model's on/off flag as TSan builds read it
 * (<shim/lkmm.h>). Built without TSan instrumentation: TSan must not see
 * this read, which every marked access makes.
 */
#include <shim/lkmm.h>

#ifdef CONFIG_SHIM_TSAN
bool shim_lkmm_enabled_untracked(void)
{
	return __atomic_load_n(&shim_lkmm_enabled, __ATOMIC_RELAXED);
}
#endif
