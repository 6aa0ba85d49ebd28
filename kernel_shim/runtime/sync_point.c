// SPDX-License-Identifier: GPL-2.0-only
/*
 * The scheduler hook behind <shim/sync.h> (unset: threads run freely).
 * The fence model for ThreadSanitizer lives in runtime/tsan/fences.cc.
 */
#include <shim/lkmm.h>
#include <shim/sync.h>

shim_sync_hook_t shim_sync_hook;

/* Set by the scheduler while a schedule runs under the lkmm model. */
int shim_lkmm_enabled;
