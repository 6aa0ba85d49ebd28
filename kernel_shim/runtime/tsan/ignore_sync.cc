// SPDX-License-Identifier: GPL-2.0-only
//
// User-space only: <shim/tsan.h>'s shim_tsan_ignore_sync_begin/end(), over
// TSan's dynamic annotations (declared here, not in the kernel-side
// header). Empty in builds without TSan.
#ifdef CONFIG_SHIM_TSAN

extern "C" {
void AnnotateIgnoreSyncBegin(const char *file, int line);
void AnnotateIgnoreSyncEnd(const char *file, int line);

void shim_tsan_ignore_sync_begin(void)
{
	AnnotateIgnoreSyncBegin(__FILE__, __LINE__);
}

void shim_tsan_ignore_sync_end(void)
{
	AnnotateIgnoreSyncEnd(__FILE__, __LINE__);
}
}

#endif /* CONFIG_SHIM_TSAN */
