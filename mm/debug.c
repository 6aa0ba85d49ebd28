// SPDX-License-Identifier: GPL-2.0-only
/* dump_vma() and dump_mm(), for VM_BUG_ON_VMA and friends. */
#include <linux/mm.h>
#include <linux/printk.h>

void dump_vma(const struct vm_area_struct *vma)
{
	pr_emerg("vma %p start %lx end %lx mm %p\n"
		 "prot %lx anon_vma %p vm_ops %p\n"
		 "pgoff %lx file %p private_data %p\n"
#ifdef CONFIG_PER_VMA_LOCK
		 "refcnt %x\n"
#endif
		 "flags: %#lx\n",
		 vma, vma->vm_start, vma->vm_end, vma->vm_mm,
		 vma->vm_page_prot.pgprot, vma->anon_vma, NULL,
		 vma->vm_pgoff, NULL, vma->vm_private_data,
#ifdef CONFIG_PER_VMA_LOCK
		 refcount_read(&vma->vm_refcnt),
#endif
		 vma->vm_flags);
}

void dump_mm(const struct mm_struct *mm)
{
	pr_emerg("mm %p task_size %lu\n"
		 "mmap_base %lu map_count %d total_vm %lx\n"
		 "mm_users %d mm_count %d\n",
		 mm, mm->task_size, mm->mmap_base, mm->map_count, mm->total_vm,
		 atomic_read(&mm->mm_users), atomic_read(&mm->mm_count));
}
