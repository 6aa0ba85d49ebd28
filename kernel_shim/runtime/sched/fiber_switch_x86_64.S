/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * User-space only: the register switch of runtime/sched/fiber.cc on
 * x86-64. What the SysV ABI says a call preserves is saved on the old
 * stack, the stack pointer changes, and the same is loaded from the new
 * one: everything else a call may clobber anyway.
 */
	.text

/* void shim_fiber_switch(void **save_sp, void *next_sp) */
	.globl	shim_fiber_switch
	.hidden	shim_fiber_switch
	.type	shim_fiber_switch, @function
shim_fiber_switch:
	.cfi_startproc
	pushq	%rbp
	pushq	%rbx
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	subq	$16, %rsp
	stmxcsr	8(%rsp)
	fnstcw	(%rsp)
	movq	%rsp, (%rdi)
	movq	%rsi, %rsp
	fldcw	(%rsp)
	ldmxcsr	8(%rsp)
	addq	$16, %rsp
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbx
	popq	%rbp
	ret
	.cfi_endproc
	.size	shim_fiber_switch, .-shim_fiber_switch

/*
 * A new fiber's first instruction, reached by shim_fiber_switch()'s ret
 * from the frame fiber.cc laid out: %r12 is the function, %r13 its
 * argument. Unwinders stop here (no caller).
 */
	.globl	shim_fiber_trampoline
	.hidden	shim_fiber_trampoline
	.type	shim_fiber_trampoline, @function
shim_fiber_trampoline:
	.cfi_startproc
	.cfi_undefined rip
	movq	%r13, %rdi
	callq	*%r12
	ud2
	.cfi_endproc
	.size	shim_fiber_trampoline, .-shim_fiber_trampoline

	.section .note.GNU-stack, "", @progbits
