/* insn: what each x86-64 instruction of a gcc .s (AT&T syntax, as gcc writes it) does, in one
 * plain sentence, with its operands read in AT&T order (source first, destination last):
 * `movl %edi, -20(%rbp)` is "Copy the 4 bytes in %edi (the first argument) into the stack
 * slot 20 bytes below %rbp (the frame pointer)."
 *
 * Contract: the sentences are data, one entry per mnemonic family in the table of
 * stages/insn_table.c (templates marked with N_(), operands as positional arguments: %1$s the
 * first operand as written, %2$s the second..., then the condition of a jcc/setcc/cmovcc or
 * the lane of a vector operation). A family is a whole mnemonic ("cltq"), a stem with gcc's
 * size suffix ("mov" + b w l q = 1 2 4 8 bytes, or none), a stem with a condition ("j" +
 * "ne"), a floating-point stem with its type ("add" + ss sd ps pd), a vector stem with its
 * lane ("padd" + b w d q), or a widening move ("movz"/"movs" + two sizes, "movzbl"). The
 * prefixes rep, repz, repnz, lock and notrack are entries of their own and explain the
 * instruction they precede. A mnemonic no entry matches gives the sentence that it is not in
 * the table, naming it; the module never guesses.
 * The registers get their System V role where it helps: the argument registers (%rdi %rsi
 * %rdx %rcx %r8 %r9 and their smaller names) where they hold an argument, %rax as the return
 * value where a call's result is read or right before the function returns, %rsp the stack
 * pointer, %rbp the frame pointer in a function that sets one up (else callee-saved, like
 * %rbx and %r12-%r15). The prologue
 * (`pushq %rbp` then `movq %rsp, %rbp`), the epilogue (`leave`, or `popq %rbp` then `ret`)
 * and `endbr64` are named as such. Directives are not this module's: asmmap_explain() has
 * them (insn_explain() says -1 for them).
 * Reads only its arguments; the table is constant; no global state: safe on any thread.
 */
#ifndef CSTAGES_INSN_H
#define CSTAGES_INSN_H

#include <stddef.h>

struct asmmap;

/* What is known of an instruction's neighbours (insn_explain_at() works them out). */
enum insn_ctx_bits {
	INSN_CTX_FRAME = 1 << 0,       /* the function sets %rbp up as its frame pointer */
	INSN_CTX_AFTER_CALL = 1 << 1,  /* the instruction before it is a call */
	INSN_CTX_BEFORE_RET = 1 << 2,  /* only leave, pop or nothing lies between it and ret */
	INSN_CTX_PROLOGUE = 1 << 3,    /* pushq %rbp followed by movq %rsp, %rbp */
	INSN_CTX_EPILOGUE = 1 << 4,    /* popq %rbp followed by ret */
	INSN_CTX_ARGS = 1 << 5,        /* args says which argument registers hold arguments */
	INSN_CTX_BEFORE_CALL = 1 << 6, /* the next instruction is a call */
};

struct insn_ctx {
	unsigned bits;        /* enum insn_ctx_bits */
	unsigned args;        /* with INSN_CTX_ARGS: bit i set when the register of argument
				 i + 1 holds an argument here (the function's own, not yet
				 overwritten, or one it sets for the call that follows); without
				 it, every argument register is named by its role */
	const char *flags_by; /* the cmp or test whose flags a jcc, setcc or cmovcc reads (its
				 line's text), or NULL when another instruction set them */
};

/* The mnemonic an instruction line starts with (after blanks and a label "X:"; a prefix
 * such as rep counts as one): *start points at it, the return is its length; 0 when the
 * line holds no statement or a directive (a word starting with '.'). */
size_t insn_mnemonic(const char *line, const char **start);

/* 1 when the table has an entry for the mnemonic (len bytes at s: "movl", "rep"), else 0. */
int insn_known(const char *s, size_t len);

/* The few words the table gives for a mnemonic ("copy", "jump if not equal"), translated,
 * into buf (len bytes): buf, or NULL when the mnemonic is not in the table. */
const char *insn_gloss(const char *s, size_t n, char *buf, size_t len);

/* The sentence for one instruction line (read up to a NUL, a newline or a '#'), with ctx
 * (NULL for none), into buf (len bytes, always terminated, cut off rather than overflowed).
 * 0 when the mnemonic is in the table; 1 when it is not (buf says so and names it); -1 when
 * the line is no instruction (blank, label, directive): buf is then "". */
int insn_explain(const char *line, const struct insn_ctx *ctx, char *buf, size_t len);

/* The same for line n of m, its context read from the lines around it in its function
 * (at most a few thousand lines before it: further from the function's start, the argument
 * registers are not named as arguments). */
int insn_explain_at(const struct asmmap *m, size_t n, char *buf, size_t len);

/* What insn_explain_memo() has read of a function, for a caller that explains several of
 * its lines in increasing order (a column of them): zeroed before the first call. */
struct insn_memo {
	int n_seen;         /* 0 before the first call */
	int func;           /* the function read, its index in m->funcs (-1 for none) */
	size_t upto;        /* the line read up to, not included */
	unsigned written;   /* the argument registers written before upto */
	unsigned frame;     /* INSN_CTX_FRAME when the function sets up %rbp */
};

/* insn_explain_at(), continuing from memo when it read the same function up to line n or
 * less; memo is updated. The same sentence, read once instead of once per line. */
int insn_explain_memo(const struct asmmap *m, size_t n, struct insn_memo *memo, char *buf,
		      size_t len);


/* How often one mnemonic comes in a .s. */
struct insn_use {
	char name[56];   /* as the .s spells it; with its prefix: "rep stosq" */
	size_t count;
};

/* The instructions of m (its ASMMAP_INSN lines) by mnemonic, the most used first (then by
 * name): a new array in *out (the caller frees it), its length returned; 0 with *out NULL
 * when there is none or memory ran out. */
size_t insn_uses(const struct asmmap *m, struct insn_use **out);

#endif
