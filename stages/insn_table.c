/* insn_table: the data of the instruction reader (stages/insn.h): one entry per mnemonic
 * family gcc emits for x86-64, each with its sentence and its few words, and the conditions
 * of jcc, setcc and cmovcc. Part of the sentence layer (stages/say.h): every text is marked
 * with N_() and put through _() where stages/insn.c reads it.
 *
 * Contract: in a sentence, %1$s is the first operand as written (the source, in AT&T order),
 * %2$s the second..., then the condition or the lane; a translation may reorder them. The
 * operand letters (insn_int.h, ops) say how each operand is read into words. Entries of one name
 * differ by their number of operands.
 */
#include "config.h"

#include <stddef.h>

#include "stages/i18n.h"
#include "stages/insn_int.h"

/* TRANSLATORS: the sentences of the instruction table. %1$s, %2$s, %3$s are the operands in
   the order the .s writes them (AT&T: source first, destination last), already in words
   ("the 4 bytes in %edi (the first argument)", "the stack slot 20 bytes below %rbp"); %% is
   a percent sign, which starts a register's name ("%%rax" shows as %rax). */
const struct insn_family insn_families[] = {
	/* ---- moving data ---- */
	{ "mov", INSN_M_SIZE, 0, "sb", N_("Copy %1$s into %2$s."), N_("copy") },
	{ "movabs", INSN_M_SIZE, 0, "sb", N_("Copy %1$s into %2$s (movabs: a full 8-byte "
	  "constant or address)."), N_("copy a 64-bit constant") },
	{ "movz", INSN_M_EXT, 0, "ss", N_("Copy %1$s into %2$s, filling the upper bytes with "
	  "zeros (zero extension: an unsigned value made wider)."), N_("copy, zero-extended") },
	{ "movs", INSN_M_EXT, 0, "ss", N_("Copy %1$s into %2$s, filling the upper bytes with "
	  "copies of its sign bit (sign extension: a signed value made wider)."),
	  N_("copy, sign-extended") },
	{ "cltq", INSN_M_EXACT, 0, "", N_("Sign-extend %%eax into %%rax: the 4-byte signed value "
	  "becomes an 8-byte one (cltq, Intel's cdqe), as when an int indexes an array."),
	  N_("widen %%eax to %%rax") },
	{ "cwtl", INSN_M_EXACT, 0, "", N_("Sign-extend %%ax into %%eax: the 2-byte signed value "
	  "becomes a 4-byte one."), N_("widen %%ax to %%eax") },
	{ "cbtw", INSN_M_EXACT, 0, "", N_("Sign-extend %%al into %%ax: the 1-byte signed value "
	  "becomes a 2-byte one."), N_("widen %%al to %%ax") },
	{ "cltd", INSN_M_EXACT, 0, "", N_("Sign-extend %%eax into %%edx:%%eax (fill %%edx with "
	  "copies of %%eax's sign bit), ready for a 4-byte signed division (idivl)."),
	  N_("widen %%eax into %%edx:%%eax") },
	{ "cqto", INSN_M_EXACT, 0, "", N_("Sign-extend %%rax into %%rdx:%%rax (fill %%rdx with "
	  "copies of %%rax's sign bit), ready for an 8-byte signed division (idivq)."),
	  N_("widen %%rax into %%rdx:%%rax") },
	{ "cqo", INSN_M_EXACT, 0, "", N_("Sign-extend %%rax into %%rdx:%%rax (fill %%rdx with "
	  "copies of %%rax's sign bit), ready for an 8-byte signed division (idivq)."),
	  N_("widen %%rax into %%rdx:%%rax") },
	{ "lea", INSN_M_SIZE, 0, "ab", N_("Compute %1$s and put it in %2$s; lea (load "
	  "effective address) reads no memory, so gcc uses it for sums and small products "
	  "too."), N_("compute an address") },
	{ "xchg", INSN_M_SIZE, 0, "bb", N_("Swap the values of %1$s and %2$s."), N_("swap") },
	{ "push", INSN_M_SIZE, 0, "s", N_("Push %1$s onto the stack: %%rsp goes down by 8 and "
	  "the value is stored where it now points."), N_("push onto the stack") },
	{ "pop", INSN_M_SIZE, 0, "b", N_("Pop the top of the stack into %1$s: the 8 bytes at "
	  "%%rsp are copied there and %%rsp goes up by 8."), N_("pop off the stack") },
	{ "cmov", INSN_M_CC, 0, "sb", N_("Copy %1$s into %2$s if %3$s; otherwise leave %2$s "
	  "as it is (a conditional move: no jump)."), N_("copy if %1$s") },
	{ "set", INSN_M_CC, 0, "b", N_("Set the byte %1$s to 1 if %2$s, else to 0."),
	  N_("set to 1 if %1$s, else 0") },

	/* ---- arithmetic and logic ---- */
	{ "add", INSN_M_SIZE, 0, "sb", N_("Add %1$s to %2$s."), N_("add") },
	{ "adc", INSN_M_SIZE, 0, "sb", N_("Add %1$s and the carry flag to %2$s (the high part "
	  "of a wider addition)."), N_("add with carry") },
	{ "sub", INSN_M_SIZE, 0, "sb", N_("Subtract %1$s from %2$s."), N_("subtract") },
	{ "sbb", INSN_M_SIZE, 0, "sb", N_("Subtract %1$s and the carry flag from %2$s (with "
	  "the same register twice, gcc uses it to make 0 or -1 from the carry)."),
	  N_("subtract with borrow") },
	{ "imul", INSN_M_SIZE, 0, "sb", N_("Multiply %2$s by %1$s as signed numbers, keeping "
	  "the low bytes of the product in %2$s."), N_("signed multiply") },
	{ "imul", INSN_M_SIZE, 0, "ssb", N_("Multiply %2$s by %1$s as signed numbers and put "
	  "the low bytes of the product in %3$s."), N_("signed multiply") },
	/* TRANSLATORS: %2$s is the register pair the product goes into ("%edx:%eax"), %3$s
	   the factor's register and the product's low half ("%eax"), %4$s its high half */
	{ "imul", INSN_M_SIZE, 0, "s", N_("Multiply %3$s by %1$s as signed numbers; the product, "
	  "twice as wide, goes into %2$s (its high half in %4$s, its low half in %3$s)."),
	  N_("signed multiply") },
	{ "mul", INSN_M_SIZE, 0, "s", N_("Multiply %3$s by %1$s as unsigned numbers; the "
	  "product, twice as wide, goes into %2$s (its high half in %4$s, its low half in %3$s; "
	  "gcc also uses it to divide by a constant through its reciprocal)."),
	  N_("unsigned multiply") },
	/* TRANSLATORS: %2$s is the dividend, a register pair ("%edx:%eax"), %3$s its low half
	   and the quotient's register ("%eax"), %4$s its high half and the remainder's */
	{ "idiv", INSN_M_SIZE, 0, "s", N_("Divide %2$s by %1$s as signed numbers: the quotient "
	  "goes into %3$s, the remainder into %4$s (C's / and %%); %2$s is one number twice as "
	  "wide, its high half in %4$s, its low half in %3$s."), N_("signed divide") },
	{ "div", INSN_M_SIZE, 0, "s", N_("Divide %2$s by %1$s as unsigned numbers: the quotient "
	  "goes into %3$s, the remainder into %4$s; %2$s is one number twice as wide, its high "
	  "half in %4$s, its low half in %3$s."), N_("unsigned divide") },
	{ "neg", INSN_M_SIZE, 0, "b", N_("Negate %1$s: it becomes 0 minus itself."),
	  N_("negate") },
	{ "inc", INSN_M_SIZE, 0, "b", N_("Add 1 to %1$s."), N_("add 1") },
	{ "dec", INSN_M_SIZE, 0, "b", N_("Subtract 1 from %1$s."), N_("subtract 1") },
	{ "and", INSN_M_SIZE, 0, "sb", N_("Bitwise AND %1$s into %2$s: only the bits set in "
	  "both stay set."), N_("bitwise AND") },
	{ "or", INSN_M_SIZE, 0, "sb", N_("Bitwise OR %1$s into %2$s: the bits set in either "
	  "become set."), N_("bitwise OR") },
	{ "xor", INSN_M_SIZE, 0, "sb", N_("Bitwise exclusive-OR %1$s into %2$s: the bits set in "
	  "one of the two but not both become set."),
	  N_("bitwise exclusive OR") },
	{ "not", INSN_M_SIZE, 0, "b", N_("Flip every bit of %1$s (C's ~)."), N_("bitwise NOT") },
	{ "sal", INSN_M_SIZE, 0, "cb", N_("Shift %2$s left by %1$s (multiplying it by 2 for "
	  "each bit)."), N_("shift left") },
	{ "sal", INSN_M_SIZE, 0, "b", N_("Shift %1$s left by 1 bit (multiplying it by 2)."),
	  N_("shift left") },
	{ "shl", INSN_M_SIZE, 0, "cb", N_("Shift %2$s left by %1$s (multiplying it by 2 for "
	  "each bit)."), N_("shift left") },
	{ "shl", INSN_M_SIZE, 0, "b", N_("Shift %1$s left by 1 bit (multiplying it by 2)."),
	  N_("shift left") },
	{ "sar", INSN_M_SIZE, 0, "cb", N_("Shift %2$s right by %1$s, copying the sign bit in "
	  "(a signed division by 2 for each bit, rounding down)."),
	  N_("signed shift right") },
	{ "sar", INSN_M_SIZE, 0, "b", N_("Shift %1$s right by 1 bit, copying the sign bit in "
	  "(a signed division by 2, rounding down)."), N_("signed shift right") },
	{ "shr", INSN_M_SIZE, 0, "cb", N_("Shift %2$s right by %1$s, filling with zeros (an "
	  "unsigned division by 2 for each bit)."), N_("unsigned shift right") },
	{ "shr", INSN_M_SIZE, 0, "b", N_("Shift %1$s right by 1 bit, filling with a zero (an "
	  "unsigned division by 2)."), N_("unsigned shift right") },
	{ "rol", INSN_M_SIZE, 0, "cb", N_("Rotate %2$s left by %1$s: the bits that leave "
	  "on the left come back on the right."), N_("rotate left") },
	{ "rol", INSN_M_SIZE, 0, "b", N_("Rotate %1$s left by 1 bit: the bit that leaves on the "
	  "left comes back on the right."), N_("rotate left") },
	{ "ror", INSN_M_SIZE, 0, "b", N_("Rotate %1$s right by 1 bit: the bit that leaves on the "
	  "right comes back on the left."), N_("rotate right") },
	{ "ror", INSN_M_SIZE, 0, "cb", N_("Rotate %2$s right by %1$s: the bits that leave "
	  "on the right come back on the left."), N_("rotate right") },
	{ "shld", INSN_M_SIZE, 0, "cbb", N_("Shift %3$s left by %1$s, filling from the top "
	  "bits of %2$s (a shift across two registers)."), N_("double shift left") },
	{ "shrd", INSN_M_SIZE, 0, "cbb", N_("Shift %3$s right by %1$s, filling from the "
	  "low bits of %2$s (a shift across two registers)."), N_("double shift right") },
	{ "shlx", INSN_M_SIZE, 0, "csb", N_("Shift %2$s left by %1$s into %3$s, leaving "
	  "the flags as they are (BMI2)."), N_("shift left") },
	{ "shrx", INSN_M_SIZE, 0, "csb", N_("Shift %2$s right by %1$s, filling with zeros, "
	  "into %3$s, leaving the flags as they are (BMI2)."), N_("unsigned shift right") },
	{ "sarx", INSN_M_SIZE, 0, "csb", N_("Shift %2$s right by %1$s, copying the sign bit "
	  "in, into %3$s, leaving the flags as they are (BMI2)."), N_("signed shift right") },
	{ "andn", INSN_M_SIZE, 0, "ssb", N_("Put in %3$s the bits set in %1$s and clear in %2$s "
	  "(AND NOT, BMI1)."), N_("bitwise AND NOT") },
	{ "bzhi", INSN_M_SIZE, 0, "isb", N_("Copy %2$s into %3$s with every bit from %1$s up "
	  "cleared (BMI2)."), N_("clear the high bits") },
	{ "bswap", INSN_M_SIZE, 0, "b", N_("Reverse the order of the bytes of %1$s (a change "
	  "of byte order)."), N_("reverse the bytes") },
	{ "bt", INSN_M_SIZE, 0, "ib", N_("Copy %1$s of %2$s into the carry flag (a bit "
	  "test)."), N_("test a bit") },
	{ "btc", INSN_M_SIZE, 0, "ib", N_("Copy %1$s of %2$s into the carry flag, then flip "
	  "it."), N_("test and flip a bit") },
	{ "btr", INSN_M_SIZE, 0, "ib", N_("Copy %1$s of %2$s into the carry flag, then "
	  "clear it."), N_("test and clear a bit") },
	{ "bts", INSN_M_SIZE, 0, "ib", N_("Copy %1$s of %2$s into the carry flag, then set "
	  "it."), N_("test and set a bit") },
	{ "bsf", INSN_M_SIZE, 0, "sb", N_("Put the position of the lowest set bit of %1$s in "
	  "%2$s (bit scan forward)."), N_("find the lowest set bit") },
	{ "bsr", INSN_M_SIZE, 0, "sb", N_("Put the position of the highest set bit of %1$s in "
	  "%2$s (bit scan reverse)."), N_("find the highest set bit") },
	{ "tzcnt", INSN_M_SIZE, 0, "sb", N_("Count the zero bits of %1$s below its lowest set "
	  "bit into %2$s (C's __builtin_ctz)."), N_("count trailing zeros") },
	{ "lzcnt", INSN_M_SIZE, 0, "sb", N_("Count the zero bits of %1$s above its highest set "
	  "bit into %2$s (C's __builtin_clz)."), N_("count leading zeros") },
	{ "popcnt", INSN_M_SIZE, 0, "sb", N_("Count the bits set in %1$s into %2$s (C's "
	  "__builtin_popcount)."), N_("count the set bits") },

	/* ---- comparing and branching ---- */
	{ "cmp", INSN_M_SIZE, 0, "sb", N_("Compare %2$s with %1$s: subtract %1$s from it and "
	  "keep only the flags, for the conditional jump, set or move that follows."),
	  N_("compare") },
	{ "test", INSN_M_SIZE, 0, "sb", N_("Test %1$s against %2$s: AND them and keep only the "
	  "flags (with the same operand twice: is it zero, is it negative), for the conditional "
	  "jump, set or move that follows."), N_("test bits") },
	{ "j", INSN_M_CC, 0, "t", N_("Jump to %1$s if %2$s; otherwise go on with the next "
	  "instruction."), N_("jump if %1$s") },
	{ "jmp", INSN_M_EXACT, 0, "t", N_("Jump to %1$s."), N_("jump") },
	{ "call", INSN_M_EXACT, 0, "t", N_("Call %1$s: push the address of the next "
	  "instruction (where it will return to) and jump there."), N_("call a function") },
	{ "ret", INSN_M_EXACT, 0, "", N_("Return to the caller: pop the return address off the "
	  "stack and jump there; the caller finds the result, if any, in %%rax (or %%xmm0 for "
	  "floating point)."), N_("return") },
	{ "ret", INSN_M_EXACT, 0, "n", N_("Return to the caller, then drop %1$s more bytes of "
	  "arguments from the stack."), N_("return") },
	{ "leave", INSN_M_EXACT, 0, "", N_("The epilogue: copy %%rbp into %%rsp (dropping this "
	  "function's stack slots) and pop the caller's %%rbp; it undoes the prologue's pushq "
	  "%%rbp and movq %%rsp, %%rbp."), N_("epilogue: drop the frame") },
	{ "enter", INSN_M_EXACT, 0, "nn", N_("Set up a stack frame of %1$s bytes (nesting level "
	  "%2$s): the prologue in one instruction."), N_("set up a frame") },

	/* ---- string operations, with rep ---- */
	/* TRANSLATORS: in the string instructions, %1$s is how many bytes the suffix says ("8
	   bytes") and %2$s the register of that size ("%rax") */
	{ "stos", INSN_M_SIZE, 0, "", N_("Store %2$s (%1$s) at the address in %%rdi, then move "
	  "%%rdi forward past them."), N_("store a string element") },
	{ "movs", INSN_M_SIZE, 0, "", N_("Copy %1$s from the address in %%rsi to the address in "
	  "%%rdi, then move both forward past them."), N_("copy a string element") },
	{ "cmps", INSN_M_SIZE, 0, "", N_("Compare %1$s at the address in %%rsi with as many at "
	  "the address in %%rdi, then move both forward past them."),
	  N_("compare string elements") },
	{ "scas", INSN_M_SIZE, 0, "", N_("Compare %2$s with %1$s at the address in %%rdi, then "
	  "move %%rdi forward past them."), N_("scan a string") },
	{ "lods", INSN_M_SIZE, 0, "", N_("Load %1$s at the address in %%rsi into %2$s, then move "
	  "%%rsi forward past them."), N_("load a string element") },
	{ "rep", INSN_M_PREFIX, 0, "", N_("Repeat %%rcx times (counting %%rcx down to zero): "
	  "%1$s gcc uses it to fill or copy a block of memory."), N_("repeat") },
	{ "repz", INSN_M_PREFIX, 0, "", N_("Repeat while equal, at most %%rcx times: %1$s"),
	  N_("repeat while equal") },
	{ "repe", INSN_M_PREFIX, 0, "", N_("Repeat while equal, at most %%rcx times: %1$s"),
	  N_("repeat while equal") },
	{ "repnz", INSN_M_PREFIX, 0, "", N_("Repeat until equal, at most %%rcx times: %1$s"),
	  N_("repeat until equal") },
	{ "repne", INSN_M_PREFIX, 0, "", N_("Repeat until equal, at most %%rcx times: %1$s"),
	  N_("repeat until equal") },
	{ "lock", INSN_M_PREFIX, 0, "", N_("Atomically (lock: no other core sees it half "
	  "done): %1$s"), N_("atomically") },
	{ "notrack", INSN_M_PREFIX, 0, "", N_("%1$s (notrack: the target need not start with "
	  "endbr64, as a switch's jump table does not.)"), N_("jump without a CET check") },
	/* TRANSLATORS: %3$s is the accumulator of the instruction's size, "%eax" */
	{ "cmpxchg", INSN_M_SIZE, 0, "bb", N_("Compare %3$s with %2$s: if equal, store %1$s in "
	  "%2$s, else load %2$s into %3$s (the heart of a lock-free update)."),
	  N_("compare and exchange") },
	{ "xadd", INSN_M_SIZE, 0, "bb", N_("Put the old value of %2$s in %1$s and the sum of "
	  "the two in %2$s (fetch and add)."), N_("exchange and add") },

	/* ---- the rest of the integer instructions ---- */
	{ "endbr64", INSN_M_EXACT, 0, "", N_("A landing pad for Intel's control-flow enforcement "
	  "(CET): with it on, an indirect jump or call may only land on an endbr64. gcc puts one "
	  "at the start of each function when -fcf-protection is on, as some distributions' "
	  "gcc does by default; on a processor without CET it does nothing."),
	  N_("CET landing pad") },
	{ "nop", INSN_M_EXACT, 0, "", N_("Do nothing (a one-byte instruction: at -O0 gcc puts "
	  "one where a statement made no code, so that a debugger can stop there)."),
	  N_("do nothing") },
	{ "nop", INSN_M_SIZE, 0, "b", N_("Do nothing, in a longer encoding (the operand %1$s is "
	  "never read): padding, so that the next instruction starts at an aligned address."),
	  N_("do nothing (padding)") },
	{ "ud2", INSN_M_EXACT, 0, "", N_("Stop the program with an invalid-instruction error "
	  "(SIGILL): gcc writes it for __builtin_trap, and where the program must not go on."),
	  N_("trap") },
	{ "hlt", INSN_M_EXACT, 0, "", N_("Halt the processor (in a program: a crash, since only "
	  "the kernel may)."), N_("halt") },
	{ "int3", INSN_M_EXACT, 0, "", N_("A breakpoint: stop and hand over to the debugger "
	  "(SIGTRAP)."), N_("breakpoint") },
	{ "pause", INSN_M_EXACT, 0, "", N_("A hint that this is a spin-wait loop, so the "
	  "processor can save power."), N_("spin-wait hint") },
	{ "syscall", INSN_M_EXACT, 0, "", N_("Call the kernel: the system call numbered in %%rax, "
	  "with its arguments in %%rdi, %%rsi, %%rdx, %%r10, %%r8 and %%r9."), N_("system call") },
	{ "cpuid", INSN_M_EXACT, 0, "", N_("Ask the processor what it is and what it supports "
	  "(the question in %%eax, the answers in %%eax, %%ebx, %%ecx and %%edx)."),
	  N_("ask the processor") },
	{ "rdtsc", INSN_M_EXACT, 0, "", N_("Read the processor's time-stamp counter into "
	  "%%edx:%%eax."), N_("read the cycle counter") },
	{ "mfence", INSN_M_EXACT, 0, "", N_("A memory fence: every load and store before it "
	  "completes before any after it."), N_("memory fence") },
	{ "lfence", INSN_M_EXACT, 0, "", N_("A load fence: every load before it completes "
	  "before any after it."), N_("load fence") },
	{ "sfence", INSN_M_EXACT, 0, "", N_("A store fence: every store before it completes "
	  "before any after it."), N_("store fence") },
	{ "prefetcht0", INSN_M_EXACT, 0, "b", N_("Start loading %1$s into every cache level "
	  "before it is needed (a hint)."), N_("prefetch") },

	/* ---- SSE: floating point and vectors in %xmm registers ----
	   TRANSLATORS: in the sentences of two operands that read or write whole registers,
	   %3$s is the registers' width in bytes: 16 for %xmm, 32 for the AVX %ymm */
	{ "movss", INSN_M_EXACT, 's', "fb", N_("Copy %1$s into %2$s."), N_("copy a float") },
	{ "movsd", INSN_M_EXACT, 'd', "fb", N_("Copy %1$s into %2$s."), N_("copy a double") },
	{ "movd", INSN_M_EXACT, 'l', "sb", N_("Copy %1$s into %2$s (movd moves 4 bytes between "
	  "a general register or memory and an %%xmm register)."), N_("copy 4 bytes to or from "
	  "%%xmm") },
	{ "movaps", INSN_M_EXACT, 0, "bb", N_("Copy the %3$s bytes of %1$s into %2$s (an operand in "
	  "memory must be %3$s-byte aligned)."), N_("copy 16 bytes, aligned") },
	{ "movapd", INSN_M_EXACT, 0, "bb", N_("Copy the %3$s bytes of %1$s into %2$s (an operand in "
	  "memory must be %3$s-byte aligned)."), N_("copy 16 bytes, aligned") },
	{ "movdqa", INSN_M_EXACT, 0, "bb", N_("Copy the %3$s bytes of %1$s into %2$s (an operand in "
	  "memory must be %3$s-byte aligned)."), N_("copy 16 bytes, aligned") },
	{ "movups", INSN_M_EXACT, 0, "bb", N_("Copy the %3$s bytes of %1$s into %2$s (an operand in "
	  "memory need not be aligned)."), N_("copy 16 bytes") },
	{ "movupd", INSN_M_EXACT, 0, "bb", N_("Copy the %3$s bytes of %1$s into %2$s (an operand in "
	  "memory need not be aligned)."), N_("copy 16 bytes") },
	{ "movdqu", INSN_M_EXACT, 0, "bb", N_("Copy the %3$s bytes of %1$s into %2$s (an operand in "
	  "memory need not be aligned)."), N_("copy 16 bytes") },
	{ "movhps", INSN_M_EXACT, 0, "bb", N_("Copy 8 bytes from %1$s into %2$s, to or from the "
	  "upper half of the %%xmm register."), N_("copy the upper half") },
	{ "movhpd", INSN_M_EXACT, 0, "bb", N_("Copy 8 bytes from %1$s into %2$s, to or from the "
	  "upper half of the %%xmm register."), N_("copy the upper half") },
	{ "movlps", INSN_M_EXACT, 0, "bb", N_("Copy 8 bytes from %1$s into %2$s, to or from the "
	  "lower half of the %%xmm register."), N_("copy the lower half") },
	{ "movlpd", INSN_M_EXACT, 0, "bb", N_("Copy 8 bytes from %1$s into %2$s, to or from the "
	  "lower half of the %%xmm register."), N_("copy the lower half") },
	{ "movhlps", INSN_M_EXACT, 0, "bb", N_("Copy the upper half of %1$s into the lower half "
	  "of %2$s."), N_("copy the upper half down") },
	{ "movlhps", INSN_M_EXACT, 0, "bb", N_("Copy the lower half of %1$s into the upper half "
	  "of %2$s."), N_("copy the lower half up") },
	{ "movmskps", INSN_M_EXACT, 0, "bb", N_("Put the sign bits of the 4 floats of %1$s into "
	  "the low bits of %2$s."), N_("gather sign bits") },
	{ "movmskpd", INSN_M_EXACT, 0, "bb", N_("Put the sign bits of the 2 doubles of %1$s "
	  "into the low bits of %2$s."), N_("gather sign bits") },
	{ "pmovmskb", INSN_M_EXACT, 0, "bb", N_("Put the top bit of each of the %3$s bytes of %1$s "
	  "into the low bits of %2$s."), N_("gather byte top bits") },
	{ "add", INSN_M_FP, 0, "ff", N_("Add %1$s to %2$s."), N_("floating-point add") },
	{ "sub", INSN_M_FP, 0, "ff", N_("Subtract %1$s from %2$s."),
	  N_("floating-point subtract") },
	{ "mul", INSN_M_FP, 0, "ff", N_("Multiply %2$s by %1$s."),
	  N_("floating-point multiply") },
	{ "div", INSN_M_FP, 0, "ff", N_("Divide %2$s by %1$s."), N_("floating-point divide") },
	{ "sqrt", INSN_M_FP, 0, "ff", N_("Put the square root of %1$s in %2$s."),
	  N_("square root") },
	{ "min", INSN_M_FP, 0, "ff", N_("Put the smaller of %1$s and %2$s in %2$s."),
	  N_("minimum") },
	{ "max", INSN_M_FP, 0, "ff", N_("Put the larger of %1$s and %2$s in %2$s."),
	  N_("maximum") },
	{ "and", INSN_M_FP, 0, "bb", N_("Bitwise AND the %3$s bytes of %1$s into %2$s (with a "
	  "constant that has every bit but the sign bits set: clear the signs, as fabs does)."),
	  N_("bitwise AND") },
	{ "andn", INSN_M_FP, 0, "bb", N_("Flip the bits of %2$s, then AND %1$s into it."),
	  N_("bitwise AND NOT") },
	{ "or", INSN_M_FP, 0, "bb", N_("Bitwise OR the %3$s bytes of %1$s into %2$s."),
	  N_("bitwise OR") },
	{ "xor", INSN_M_FP, 0, "bb", N_("Bitwise exclusive-OR the %3$s bytes of %1$s into %2$s "
	  "(with a constant that has only the sign bits set: negate)."),
	  N_("bitwise exclusive OR") },
	{ "comi", INSN_M_FP, 0, "ff", N_("Compare %2$s with %1$s as floating-point numbers and "
	  "set the flags (as an unsigned comparison does), for the jump or set that follows."),
	  N_("floating-point compare") },
	{ "ucomi", INSN_M_FP, 0, "ff", N_("Compare %2$s with %1$s as floating-point numbers and "
	  "set the flags (as an unsigned comparison does; the parity flag when either is NaN), "
	  "for the jump or set that follows."), N_("floating-point compare") },
	{ "unpckl", INSN_M_FP, 0, "bb", N_("Interleave the lower halves of %2$s and %1$s into "
	  "%2$s."), N_("interleave low halves") },
	{ "unpckh", INSN_M_FP, 0, "bb", N_("Interleave the upper halves of %2$s and %1$s into "
	  "%2$s."), N_("interleave high halves") },
	{ "shuf", INSN_M_FP, 0, "nbb", N_("Pick elements of %3$s and %2$s into %3$s, as the "
	  "bits of %1$s choose."), N_("shuffle") },
	{ "cvtsi2sd", INSN_M_SIZE, 'd', "sb", N_("Convert %1$s, a signed integer, into a double "
	  "in %2$s."), N_("integer to double") },
	{ "cvtsi2ss", INSN_M_SIZE, 's', "sb", N_("Convert %1$s, a signed integer, into a float in "
	  "%2$s."), N_("integer to float") },
	{ "cvttsd2si", INSN_M_SIZE, 'd', "fb", N_("Convert %1$s into an integer in %2$s, "
	  "dropping the fraction (C's cast)."), N_("double to integer") },
	{ "cvttss2si", INSN_M_SIZE, 's', "fb", N_("Convert %1$s into an integer in %2$s, "
	  "dropping the fraction (C's cast)."), N_("float to integer") },
	{ "cvtsd2si", INSN_M_SIZE, 'd', "fb", N_("Convert %1$s into an integer in %2$s, rounded "
	  "as the rounding mode says (lrint)."), N_("double to integer, rounded") },
	{ "cvtss2si", INSN_M_SIZE, 's', "fb", N_("Convert %1$s into an integer in %2$s, rounded "
	  "as the rounding mode says (lrintf)."), N_("float to integer, rounded") },
	{ "cvtss2sd", INSN_M_EXACT, 's', "fb", N_("Convert %1$s into a double in %2$s."),
	  N_("float to double") },
	{ "cvtsd2ss", INSN_M_EXACT, 'd', "fb", N_("Convert %1$s into a float in %2$s (rounded)."),
	  N_("double to float") },
	{ "cvtdq2pd", INSN_M_EXACT, 0, "bb", N_("Convert the 2 low 4-byte integers of %1$s into "
	  "2 doubles in %2$s."), N_("integers to doubles") },
	{ "cvtdq2ps", INSN_M_EXACT, 0, "bb", N_("Convert the 4 4-byte integers of %1$s into 4 "
	  "floats in %2$s."), N_("integers to floats") },
	{ "cvtps2pd", INSN_M_EXACT, 0, "bb", N_("Convert the 2 low floats of %1$s into 2 doubles "
	  "in %2$s."), N_("floats to doubles") },
	{ "cvtpd2ps", INSN_M_EXACT, 0, "bb", N_("Convert the 2 doubles of %1$s into 2 floats in "
	  "the low half of %2$s."), N_("doubles to floats") },
	{ "cvttps2dq", INSN_M_EXACT, 0, "bb", N_("Convert the 4 floats of %1$s into 4 4-byte "
	  "integers in %2$s, dropping the fractions."), N_("floats to integers") },
	{ "cvttpd2dq", INSN_M_EXACT, 0, "bb", N_("Convert the 2 doubles of %1$s into 2 4-byte "
	  "integers in the low half of %2$s, dropping the fractions."),
	  N_("doubles to integers") },
	{ "vzeroupper", INSN_M_EXACT, 0, "", N_("Clear the upper halves of the %%ymm registers "
	  "(gcc puts it before a call or a return in AVX code, so that SSE code after it runs at "
	  "full speed)."), N_("clear the upper %%ymm halves") },

	/* ---- SSE2 integer vectors: several values side by side in one %xmm register ---- */
	{ "pxor", INSN_M_EXACT, 0, "bb", N_("Bitwise exclusive-OR the %3$s bytes of %1$s into %2$s."),
	  N_("bitwise exclusive OR of 16 bytes") },
	{ "por", INSN_M_EXACT, 0, "bb", N_("Bitwise OR the %3$s bytes of %1$s into %2$s."),
	  N_("bitwise OR of 16 bytes") },
	{ "pand", INSN_M_EXACT, 0, "bb", N_("Bitwise AND the %3$s bytes of %1$s into %2$s."),
	  N_("bitwise AND of 16 bytes") },
	{ "pandn", INSN_M_EXACT, 0, "bb", N_("Flip the bits of %2$s, then AND %1$s into it."),
	  N_("bitwise AND NOT of 16 bytes") },
	/* TRANSLATORS: %3$s is a lane, "4-byte integer" */
	{ "padd", INSN_M_LANE, 0, "bb", N_("Add each %3$s of %1$s to the one in the same place "
	  "of %2$s (a vector addition: several at once)."), N_("add lanes") },
	{ "padds", INSN_M_LANE, 0, "bb", N_("Add each %3$s of %1$s to the one in the same place "
	  "of %2$s, stopping at the largest and smallest signed values (saturating)."),
	  N_("add lanes, saturating") },
	{ "paddus", INSN_M_LANE, 0, "bb", N_("Add each %3$s of %1$s to the one in the same place "
	  "of %2$s, stopping at the largest unsigned value (saturating)."),
	  N_("add lanes, saturating") },
	{ "psub", INSN_M_LANE, 0, "bb", N_("Subtract each %3$s of %1$s from the one in the same "
	  "place of %2$s (a vector subtraction)."), N_("subtract lanes") },
	{ "psubs", INSN_M_LANE, 0, "bb", N_("Subtract each %3$s of %1$s from the one in the same "
	  "place of %2$s, stopping at the largest and smallest signed values (saturating)."),
	  N_("subtract lanes, saturating") },
	{ "psubus", INSN_M_LANE, 0, "bb", N_("Subtract each %3$s of %1$s from the one in the same "
	  "place of %2$s, stopping at zero (saturating)."), N_("subtract lanes, saturating") },
	{ "pmull", INSN_M_LANE, 0, "bb", N_("Multiply each %3$s of %2$s by the one in the same "
	  "place of %1$s, keeping the low half of each product."), N_("multiply lanes") },
	{ "pmulh", INSN_M_LANE, 0, "bb", N_("Multiply each %3$s of %2$s by the one in the same "
	  "place of %1$s, keeping the high half of each signed product."),
	  N_("multiply lanes, high half") },
	{ "pmulhu", INSN_M_LANE, 0, "bb", N_("Multiply each %3$s of %2$s by the one in the same "
	  "place of %1$s, keeping the high half of each unsigned product."),
	  N_("multiply lanes, high half") },
	{ "pmuludq", INSN_M_EXACT, 0, "bb", N_("Multiply the even 4-byte lanes of %2$s by those "
	  "of %1$s as unsigned numbers, each product 8 bytes wide, into %2$s."),
	  N_("multiply lanes, widening") },
	{ "pcmpeq", INSN_M_LANE, 0, "bb", N_("Compare each %3$s of %2$s with the one in the same "
	  "place of %1$s: all ones where equal, zeros where not."), N_("compare lanes") },
	{ "pcmpgt", INSN_M_LANE, 0, "bb", N_("Compare each %3$s of %2$s with the one in the same "
	  "place of %1$s: all ones where greater (signed), zeros where not."),
	  N_("compare lanes") },
	{ "psll", INSN_M_LANE, 0, "cb", N_("Shift each %3$s of %2$s left by %1$s."),
	  N_("shift lanes left") },
	{ "psrl", INSN_M_LANE, 0, "cb", N_("Shift each %3$s of %2$s right by %1$s, filling "
	  "with zeros."), N_("shift lanes right") },
	{ "psra", INSN_M_LANE, 0, "cb", N_("Shift each %3$s of %2$s right by %1$s, copying the "
	  "sign bit in."), N_("signed shift of lanes right") },
	{ "pslldq", INSN_M_EXACT, 0, "nb", N_("Shift the whole 16 bytes of %2$s left by %1$s "
	  "bytes."), N_("shift bytes left") },
	{ "psrldq", INSN_M_EXACT, 0, "nb", N_("Shift the whole 16 bytes of %2$s right by %1$s "
	  "bytes."), N_("shift bytes right") },
	{ "pmaxs", INSN_M_LANE, 0, "bb", N_("Keep the larger (signed) of each %3$s of %1$s and "
	  "%2$s, in %2$s."), N_("maximum of lanes") },
	{ "pmaxu", INSN_M_LANE, 0, "bb", N_("Keep the larger (unsigned) of each %3$s of %1$s "
	  "and %2$s, in %2$s."), N_("maximum of lanes") },
	{ "pmins", INSN_M_LANE, 0, "bb", N_("Keep the smaller (signed) of each %3$s of %1$s and "
	  "%2$s, in %2$s."), N_("minimum of lanes") },
	{ "pminu", INSN_M_LANE, 0, "bb", N_("Keep the smaller (unsigned) of each %3$s of %1$s "
	  "and %2$s, in %2$s."), N_("minimum of lanes") },
	{ "pavg", INSN_M_LANE, 0, "bb", N_("Average each %3$s of %1$s and %2$s (rounding up), in "
	  "%2$s."), N_("average lanes") },
	{ "psadbw", INSN_M_EXACT, 0, "bb", N_("Sum the absolute differences of the bytes of %1$s "
	  "and %2$s, each half of 8 bytes into one number, in %2$s."),
	  N_("sum of absolute differences") },
	{ "pinsr", INSN_M_LANE, 0, "nbb", N_("Put the %4$s in %2$s into lane %1$s of %3$s (lanes "
	  "count from 0)."), N_("insert a lane") },
	{ "pextr", INSN_M_LANE, 0, "nbb", N_("Copy lane %1$s of %2$s, a %4$s, into %3$s (lanes "
	  "count from 0)."), N_("extract a lane") },
	{ "vextracti128", INSN_M_EXACT, 0, "nbb", N_("Copy half %1$s of the 32 bytes of %2$s (0 "
	  "the low half, 1 the high) into %3$s."), N_("extract 16 bytes") },
	{ "vextractf128", INSN_M_EXACT, 0, "nbb", N_("Copy half %1$s of the 32 bytes of %2$s (0 "
	  "the low half, 1 the high) into %3$s."), N_("extract 16 bytes") },
	{ "vinserti128", INSN_M_EXACT, 0, "nbbb", N_("Put the 16 bytes of %2$s into half %1$s of "
	  "%3$s (0 the low half, 1 the high), the result in %4$s."), N_("insert 16 bytes") },
	{ "vinsertf128", INSN_M_EXACT, 0, "nbbb", N_("Put the 16 bytes of %2$s into half %1$s of "
	  "%3$s (0 the low half, 1 the high), the result in %4$s."), N_("insert 16 bytes") },
	{ "pshufd", INSN_M_EXACT, 0, "nbb", N_("Put the four 4-byte lanes of %2$s into %3$s in "
	  "the order %1$s chooses (2 bits per lane)."), N_("shuffle 4-byte lanes") },
	{ "pshuflw", INSN_M_EXACT, 0, "nbb", N_("Put the four 2-byte lanes of the lower half of "
	  "%2$s into %3$s in the order %1$s chooses."), N_("shuffle 2-byte lanes") },
	{ "pshufhw", INSN_M_EXACT, 0, "nbb", N_("Put the four 2-byte lanes of the upper half of "
	  "%2$s into %3$s in the order %1$s chooses."), N_("shuffle 2-byte lanes") },
	{ "pshufb", INSN_M_EXACT, 0, "bb", N_("Rearrange the bytes of %2$s as the bytes of %1$s "
	  "choose."), N_("shuffle bytes") },
	{ "punpcklbw", INSN_M_EXACT, 0, "bb", N_("Interleave the low 8 bytes of %2$s and %1$s, "
	  "byte by byte, into %2$s (with zeros: widen bytes to 2 bytes)."),
	  N_("interleave low bytes") },
	{ "punpcklwd", INSN_M_EXACT, 0, "bb", N_("Interleave the low 2-byte lanes of %2$s and "
	  "%1$s into %2$s (with zeros or signs: widen them to 4 bytes)."),
	  N_("interleave low 2-byte lanes") },
	{ "punpckldq", INSN_M_EXACT, 0, "bb", N_("Interleave the low 4-byte lanes of %2$s and "
	  "%1$s into %2$s (with zeros or signs: widen them to 8 bytes)."),
	  N_("interleave low 4-byte lanes") },
	{ "punpcklqdq", INSN_M_EXACT, 0, "bb", N_("Put the low 8 bytes of %1$s into the upper "
	  "half of %2$s."), N_("join low halves") },
	{ "punpckhbw", INSN_M_EXACT, 0, "bb", N_("Interleave the high 8 bytes of %2$s and %1$s, "
	  "byte by byte, into %2$s."), N_("interleave high bytes") },
	{ "punpckhwd", INSN_M_EXACT, 0, "bb", N_("Interleave the high 2-byte lanes of %2$s and "
	  "%1$s into %2$s."), N_("interleave high 2-byte lanes") },
	{ "punpckhdq", INSN_M_EXACT, 0, "bb", N_("Interleave the high 4-byte lanes of %2$s and "
	  "%1$s into %2$s."), N_("interleave high 4-byte lanes") },
	{ "punpckhqdq", INSN_M_EXACT, 0, "bb", N_("Move the high 8 bytes of %2$s down into its "
	  "low half and put the high 8 bytes of %1$s into its high half."),
	  N_("join high halves") },
	{ "packsswb", INSN_M_EXACT, 0, "bb", N_("Narrow the 2-byte lanes of %2$s and %1$s to "
	  "single bytes in %2$s, clamping to the signed byte range."), N_("narrow lanes") },
	{ "packssdw", INSN_M_EXACT, 0, "bb", N_("Narrow the 4-byte lanes of %2$s and %1$s to 2 "
	  "bytes in %2$s, clamping to the signed range."), N_("narrow lanes") },
	{ "packuswb", INSN_M_EXACT, 0, "bb", N_("Narrow the 2-byte lanes of %2$s and %1$s to "
	  "single bytes in %2$s, clamping to 0..255."), N_("narrow lanes") },
};
const size_t insn_n_families = sizeof insn_families / sizeof insn_families[0];

/* TRANSLATORS: the conditions of jcc, setcc and cmovcc. In "cmp", %1$s and %2$s are the
   compared operands in words ("the 4 bytes in %%eax", "the constant 5"): cmp A, B compares B
   with A, so %1$s is B; in "test", %1$s is the operand tested against itself. */
const struct insn_cond insn_conds[] = {
	{ "e", N_("equal"), N_("%1$s equals %2$s"), N_("%1$s is zero"),
	  N_("the last result was zero, or the comparison found the two equal (ZF set)") },
	{ "z", N_("zero"), N_("%1$s equals %2$s"), N_("%1$s is zero"),
	  N_("the last result was zero, or the comparison found the two equal (ZF set)") },
	{ "ne", N_("not equal"), N_("%1$s differs from %2$s"), N_("%1$s is not zero"),
	  N_("the last result was not zero, or the comparison found the two different (ZF "
	  "clear)") },
	{ "nz", N_("not zero"), N_("%1$s differs from %2$s"), N_("%1$s is not zero"),
	  N_("the last result was not zero, or the comparison found the two different (ZF "
	  "clear)") },
	{ "g", N_("greater (signed)"), N_("%1$s is greater than %2$s, as signed numbers"),
	  N_("%1$s is greater than zero, as a signed number"),
	  N_("the comparison found greater, as signed numbers") },
	{ "nle", N_("greater (signed)"), N_("%1$s is greater than %2$s, as signed numbers"),
	  N_("%1$s is greater than zero, as a signed number"),
	  N_("the comparison found greater, as signed numbers") },
	{ "ge", N_("greater or equal (signed)"), N_("%1$s is greater than or equal to %2$s, as "
	  "signed numbers"), N_("%1$s is not negative"),
	  N_("the comparison found greater or equal, as signed numbers") },
	{ "nl", N_("greater or equal (signed)"), N_("%1$s is greater than or equal to %2$s, as "
	  "signed numbers"), N_("%1$s is not negative"),
	  N_("the comparison found greater or equal, as signed numbers") },
	{ "l", N_("less (signed)"), N_("%1$s is less than %2$s, as signed numbers"),
	  N_("%1$s is negative"), N_("the comparison found less, as signed numbers") },
	{ "nge", N_("less (signed)"), N_("%1$s is less than %2$s, as signed numbers"),
	  N_("%1$s is negative"), N_("the comparison found less, as signed numbers") },
	{ "le", N_("less or equal (signed)"), N_("%1$s is less than or equal to %2$s, as signed "
	  "numbers"), N_("%1$s is zero or negative"),
	  N_("the comparison found less or equal, as signed numbers") },
	{ "ng", N_("less or equal (signed)"), N_("%1$s is less than or equal to %2$s, as signed "
	  "numbers"), N_("%1$s is zero or negative"),
	  N_("the comparison found less or equal, as signed numbers") },
	{ "a", N_("above (unsigned)"), N_("%1$s is above %2$s (greater, as unsigned or "
	  "floating-point numbers)"), N_("%1$s is not zero"),
	  N_("the comparison found above (greater, as unsigned or floating-point numbers)") },
	{ "nbe", N_("above (unsigned)"), N_("%1$s is above %2$s (greater, as unsigned or "
	  "floating-point numbers)"), N_("%1$s is not zero"),
	  N_("the comparison found above (greater, as unsigned or floating-point numbers)") },
	{ "ae", N_("above or equal (unsigned)"), N_("%1$s is above or equal to %2$s (as "
	  "unsigned or floating-point numbers)"), NULL,
	  N_("the carry flag is clear (after a comparison: above or equal, as unsigned or "
	  "floating-point numbers)") },
	{ "nb", N_("above or equal (unsigned)"), N_("%1$s is above or equal to %2$s (as "
	  "unsigned or floating-point numbers)"), NULL,
	  N_("the carry flag is clear (after a comparison: above or equal, as unsigned or "
	  "floating-point numbers)") },
	{ "nc", N_("no carry"), N_("%1$s is above or equal to %2$s (as unsigned or "
	  "floating-point numbers)"), NULL, N_("the carry flag is clear") },
	{ "b", N_("below (unsigned)"), N_("%1$s is below %2$s (less, as unsigned or "
	  "floating-point numbers)"), NULL,
	  N_("the carry flag is set (after a comparison: below, less as unsigned or "
	  "floating-point numbers)") },
	{ "nae", N_("below (unsigned)"), N_("%1$s is below %2$s (less, as unsigned or "
	  "floating-point numbers)"), NULL,
	  N_("the carry flag is set (after a comparison: below, less as unsigned or "
	  "floating-point numbers)") },
	{ "c", N_("carry"), N_("%1$s is below %2$s (less, as unsigned or floating-point "
	  "numbers)"), NULL, N_("the carry flag is set") },
	{ "be", N_("below or equal (unsigned)"), N_("%1$s is below or equal to %2$s (as unsigned "
	  "or floating-point numbers)"), N_("%1$s is zero"),
	  N_("the comparison found below or equal, as unsigned or floating-point numbers") },
	{ "na", N_("below or equal (unsigned)"), N_("%1$s is below or equal to %2$s (as unsigned "
	  "or floating-point numbers)"), N_("%1$s is zero"),
	  N_("the comparison found below or equal, as unsigned or floating-point numbers") },
	{ "s", N_("negative"), N_("%1$s minus %2$s is negative"), N_("%1$s is negative"),
	  N_("the last result was negative (SF set)") },
	{ "ns", N_("not negative"), N_("%1$s minus %2$s is not negative"),
	  N_("%1$s is not negative"), N_("the last result was not negative (SF clear)") },
	{ "o", N_("overflow"), N_("%1$s minus %2$s overflows as signed numbers"), NULL,
	  N_("the last signed result overflowed (OF set)") },
	{ "no", N_("no overflow"), N_("%1$s minus %2$s does not overflow as signed numbers"),
	  NULL, N_("the last signed result did not overflow (OF clear)") },
	{ "p", N_("parity"), N_("the comparison of %1$s and %2$s was unordered (a NaN)"), NULL,
	  N_("the parity flag is set: after a floating-point comparison, one of the two was a "
	  "NaN") },
	{ "pe", N_("parity"), N_("the comparison of %1$s and %2$s was unordered (a NaN)"), NULL,
	  N_("the parity flag is set: after a floating-point comparison, one of the two was a "
	  "NaN") },
	{ "np", N_("no parity"), N_("the comparison of %1$s and %2$s was ordered (no NaN)"),
	  NULL, N_("the parity flag is clear: after a floating-point comparison, neither was a "
	  "NaN") },
	{ "po", N_("no parity"), N_("the comparison of %1$s and %2$s was ordered (no NaN)"),
	  NULL, N_("the parity flag is clear: after a floating-point comparison, neither was a "
	  "NaN") },
};
const size_t insn_n_conds = sizeof insn_conds / sizeof insn_conds[0];
