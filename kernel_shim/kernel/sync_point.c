// SPDX-License-Identifier: GPL-2.0-only
/*
 * State behind <shim/sync.h>: the scheduler hook (unset: threads run
 * freely) and, under ThreadSanitizer, each thread's fence bookkeeping.
 */
#include <shim/sync.h>

shim_sync_hook_t shim_sync_hook;

#ifdef CONFIG_SHIM_TSAN
__thread struct shim_tsan_fence_state shim_tsan_fence;
#endif
