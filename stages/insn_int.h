/* insn_int: what the parts of the instruction reader share, and nobody else (private to
 * stages/insn*.c): stages/insn.c reads the line, matches the table and builds the sentence;
 * stages/insn_ops.c reads each operand into words; stages/insn_ctx.c reads the lines around
 * an instruction.
 *
 * Contract: buffers are always terminated, cut off rather than overflowed; no state.
 */
#ifndef CSTAGES_INSN_INT_H
#define CSTAGES_INSN_INT_H

#include <stddef.h>

#include "stages/insn.h"

#define INSN_OP_LEN 128   /* the longest operand kept, as written */
#define INSN_PHRASE 400   /* the longest operand in words */

#define INSN_MAX_OPS 4

/* An instruction line split (stages/insn.c). */
struct insn_parsed {
	char prefix[16];            /* "rep", or "" */
	char mnem[32];
	int nops;
	char ops[INSN_MAX_OPS][INSN_OP_LEN];
};

/* Split a line into its prefix, mnemonic and operands: 0, or -1 when it holds no
 * instruction. */
int insn_parse(const char *line, struct insn_parsed *ip);

/* What a mnemonic's match in the table says (stages/insn.c). */
struct insn_hit {
	const struct insn_family *f;
	int size;        /* bytes of the suffix (INSN_M_SIZE), 0 when none */
	int ext_from, ext_to; /* INSN_M_EXT: the two sizes */
	int cond;        /* INSN_M_CC: index in insn_conds */
	char fp;         /* the floating-point type: s d S D, or 0 */
	int lane;        /* INSN_M_LANE: bytes */
};

/* The family of mnemonic m with nops operands (-1: any number), a whole mnemonic's entry
 * before a stem's: 1 when found, its match in *h. */
int insn_lookup(const char *m, int nops, struct insn_hit *h);

/* The register called name (without '%'): a number (general registers 0-15, %xmm0 100...)
 * and its size in bytes in *size; -1 when it is no register the reader knows. */
int insn_reg(const char *name, int *size);

/* Which argument register r (insn_reg's number) is in the System V ABI, 0 for the first;
 * -1 for none. */
int insn_arg_index(int r);

/* 1 when s is a whole number (decimal, 0x hex or octal), its value in *v. */
int insn_is_number(const char *s, long *v);

/* Operand s (as written) in words into buf, read as mode says (the operand letters of struct
 * insn_family), of size bytes when known (0 not), of floating-point type fp (s d S D, or 0),
 * with the context c (NULL: none); dest when the instruction writes it (a call's return value
 * is then not what %rax holds). */
void insn_op_words(const char *s, char mode, int size, char fp, const struct insn_ctx *c,
		   int dest, char *buf, size_t len);

/* ---- the table (stages/insn_table.c) ---- */

enum insn_match {
	INSN_M_EXACT,  /* the whole mnemonic */
	INSN_M_SIZE,   /* the stem, then b w l q (1 2 4 8 bytes) or nothing */
	INSN_M_CC,     /* the stem, then a condition: "j" + "ne" */
	INSN_M_FP,     /* the stem, then ss sd ps pd (one float, one double, four floats, two
			  doubles) */
	INSN_M_LANE,   /* the stem, then b w d q: lanes of 1 2 4 8 bytes ("padd" + "d") */
	INSN_M_EXT,    /* the stem, then two sizes: the source's and the destination's */
	INSN_M_PREFIX, /* a prefix: its text explains the instruction after it (%1$s) */
};

struct insn_family {
	const char *name;   /* the mnemonic, or the stem */
	unsigned char match; /* enum insn_match */
	char fp;            /* the floating-point type of an INSN_M_EXACT or _SIZE family's 'f'
			       operands: 's' 'd' (one float, one double), 'S' 'D' (four, two);
			       or the size of an INSN_M_EXACT family's 's' operands: b w l q; 0 */
	const char *ops;    /* one letter per operand, in AT&T order: s the value with its size,
			       b the operand alone, n a count (a constant as a number), c a
			       shift's count in bits ("3 bits", "the number of bits in %cl"), i a
			       bit's number ("bit 5", "the bit whose number is in %eax"), a an
			       address (lea), t where control goes (jmp, call), f a floating-point
			       value of the family's type; "" none. The entry applies only to
			       that many operands. */
	const char *text;   /* the sentence, N_(): %1$s.. the operands, then the condition
			       (INSN_M_CC) or the lane (INSN_M_LANE); %% a percent sign */
	const char *gloss;  /* a few words, N_(); for INSN_M_CC %1$s is the condition's name */
};

extern const struct insn_family insn_families[];
extern const size_t insn_n_families;

/* The conditions of jcc, setcc and cmovcc, with what they test. */
struct insn_cond {
	const char *cc;      /* "ne" */
	const char *name;    /* N_(): "not equal" */
	const char *cmp;     /* N_(): after `cmp A, B`: %1$s is B, %2$s is A */
	const char *test;    /* N_(): after `test X, X`: %1$s is X; NULL to use the generic */
	const char *generic; /* N_(): what the flags say, whoever set them */
};

extern const struct insn_cond insn_conds[];
extern const size_t insn_n_conds;

#endif
