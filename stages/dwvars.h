/* dwvars: the learner's variables in the compile's .s: which operand of which instruction
 * is which parameter or local, read from the DWARF of the same compile with -g.
 *
 * Contract: dwvars_make() assembles the -g compile's .s (the file whose asmmap is g) with
 * the compiler driver cc (`CC -c NAME.g.s -Wa,-aln=NAME.g.lst -o NAME.g.o`, run through
 * stages/proc.h in dir), and dwvars_read() reads the two results: the listing gives each
 * instruction line of the .s its offset in its section, libdw (libdwfl's offline reader,
 * which applies the object's relocations and lays its sections out) gives each section's
 * address, the variables (DW_TAG_formal_parameter and DW_TAG_variable of every concrete
 * DW_TAG_subprogram, lexical block and inlined copy) with their type and location, each
 * function's frame base, and the call frame information (.eh_frame, else .debug_frame).
 * For every instruction line the location of every variable in scope there is evaluated at
 * the instruction's address, before it runs:
 *   - DW_OP_fbreg N: the frame base plus N; a frame base of DW_OP_call_frame_cfa is the CFA,
 *     which the CFI at that address gives as a register plus an offset (after gcc's -O0
 *     prologue on x86-64, %rbp+16), so the slot is that register plus offset plus N: never
 *     a naive match of N with the operand;
 *   - DW_OP_bregR N: register R plus N; DW_OP_regR, DW_OP_regx: in register R;
 *   - an expression ending in DW_OP_stack_value, DW_OP_implicit_value, an entry value: the
 *     value is known but kept nowhere;
 *   - no location at that address (none at all, or a location list with no range there):
 *     optimized out.
 * Each operand of the instruction is then matched: a register operand (any width: %edi is
 * DWARF register 5 as %rdi is) with the variables in that register, a memory operand
 * DISP(%BASE) or DISP(%BASE,%INDEX,SCALE) with the variables whose slot at BASE holds byte
 * DISP. Lines are the .s lines of g (1-based); a view of the .s gcc wrote without -g goes
 * through asmmap_pair() to them.
 * Architectures other than x86-64 give no places (d->supported is 0). d owns everything it
 * points to and frees it with dwvars_free(). No global state: safe on any thread.
 */
#ifndef CSTAGES_DWVARS_H
#define CSTAGES_DWVARS_H

#include <stddef.h>
#include "stages/asmmap.h"

/* Where a variable is at one instruction. */
enum dwvars_where {
	DWVARS_OPTIMIZED_OUT, /* DWARF gives no location here */
	DWVARS_STACK,         /* in memory at reg + off: a stack slot */
	DWVARS_REG,           /* in register reg */
	DWVARS_VALUE,         /* its value is known (a constant, or computed from others) but
				 kept in no register or memory */
	DWVARS_OTHER,         /* split in pieces or an expression this module does not read */
	DWVARS_WHERE_COUNT
};

struct dwvars_var {
	const char *name;
	const char *type;     /* as C spells it, "int", "char **", "int[8]"; "?" when unknown */
	long long size;       /* bytes, -1 when unknown */
	int param;            /* a parameter (DW_TAG_formal_parameter), else a local */
	int func;             /* index in d->funcs: the function whose code it lies in */
	const char *inlined;  /* the function it belongs to when that was inlined into func
				 ("sum"), else NULL */
	unsigned decl_line;   /* its line in the source, 0 when unknown */
	int has_location;     /* DWARF gives it a location somewhere */
};

/* A variable's place at one instruction line. */
struct dwvars_place {
	int var;              /* index in d->vars */
	int where;            /* enum dwvars_where */
	int reg;              /* DWARF register number for STACK and REG */
	long long off;        /* for STACK: the offset from reg */
	int framed;           /* STACK from DW_OP_fbreg: the same slot whatever register the
				 CFI measures the frame from at this instruction */
	long long fbreg;      /* then: DW_OP_fbreg's offset from the frame base */
};

/* An operand of an instruction line that is (part of) a variable. */
struct dwvars_op {
	int var;              /* index in d->vars */
	const char *text;     /* the operand as the line spells it, "-20(%rbp)", "%edi" */
	long long into;       /* bytes into the variable where the operand points; 0 for a
				 register */
	int indexed;          /* a memory operand with an index register: an element of it */
};

struct dwvars_line {
	size_t place, n_places; /* d->places[place .. place + n_places): the variables in scope */
	size_t op, n_ops;       /* d->ops[op .. op + n_ops): the operands that are variables */
	long long addr;         /* the instruction's address in the object's layout, -1 none */
};

/* A run of instruction lines of one function where a variable stays in one place: one
 * stack slot (the register it is measured from may change in a prologue or epilogue: `at` is
 * the way most of the run's lines measure it), one register, or none. */
struct dwvars_span {
	int var;
	struct dwvars_place at;
	unsigned first, last; /* .s lines of g */
};

struct dwvars_func {
	const char *name;     /* as DWARF names it */
	const char *frame;    /* its frame base's DWARF operation: "DW_OP_call_frame_cfa" (gcc's
				 on x86-64), "DW_OP_breg"; NULL when none */
	size_t var, n_vars;   /* d->vars[var .. var + n_vars) */
};

struct dwvars {
	int supported;        /* the object is x86-64 */
	struct dwvars_var *vars;
	size_t n_vars;
	struct dwvars_func *funcs;
	size_t n_funcs;
	struct dwvars_line *lines; /* n_lines + 1 entries, lines[0] unused */
	size_t n_lines;
	struct dwvars_place *places;
	size_t n_places;
	struct dwvars_op *ops;
	size_t n_ops;
	struct dwvars_span *spans; /* by variable, then line */
	size_t n_spans;
	void *priv;           /* the string pool */
};

/* Assemble gs_path (whose text g was read from) with cc into dir and read the result into
 * *d: 0, or -1 with why in err (errlen bytes: a phrase without a final period, to stand in
 * parentheses) and *d zeroed. timeout_ms <= 0: none. */
int dwvars_make(struct dwvars *d, const struct asmmap *g, const char *cc, const char *gs_path,
		const char *dir, int timeout_ms, char *err, size_t errlen);

/* Read the object obj_path and the assembler's listing (lst, len bytes, from -aln) of the .s
 * that g was read from: 0, or -1 with why in err (as dwvars_make's) and *d zeroed. */
int dwvars_read(struct dwvars *d, const struct asmmap *g, const char *obj_path,
		const char *lst, size_t len, char *err, size_t errlen);

void dwvars_free(struct dwvars *d);

/* The name of the variable that operand (as line g_line spells it, "-20(%rbp)", "%edi")
 * is, or points into; NULL when none. The simple lookup for sentences about one operand. */
const char *dwvars_name_at(const struct dwvars *d, size_t g_line, const char *operand);

/* The register's AT&T name for DWARF register reg, at the width of size bytes (1, 2, 4,
 * else 8): dwvars_reg_name(5, 4) is "%edi". "%r?" when unknown. Static storage. */
const char *dwvars_reg_name(int reg, long long size);

/* The DWARF register number of an AT&T register name ("%edi", "edi", "%xmm0"), -1 if none. */
int dwvars_reg_number(const char *name, size_t len);

/* A place as an operand would spell it: "-20(%rbp)", "%edi" (at the variable's width);
 * "" for the other kinds. Into buf; returns buf. */
const char *dwvars_place_text(const struct dwvars *d, const struct dwvars_place *p, char *buf,
			      size_t len);

/* One sentence on an operand: "-20(%rbp) is the parameter a (int, 4 bytes).", in the
 * user's language; dwvars_op_say_en in English. Into buf; returns buf. */
const char *dwvars_op_say(const struct dwvars *d, const struct dwvars_op *o, char *buf,
			  size_t len);
const char *dwvars_op_say_en(const struct dwvars *d, const struct dwvars_op *o, char *buf,
			     size_t len);

/* One sentence on a place: "a is in %edi here.", "x is optimized out here.", "s is at
 * -20(%rbp).", in the user's language. Into buf; returns buf. */
const char *dwvars_place_say(const struct dwvars *d, const struct dwvars_place *p, char *buf,
			     size_t len);

/* What line g_line's variables are, in the user's language: a sentence per operand that is
 * a variable (dwvars_op_say), then where each other variable in scope is when that is not
 * a stack slot ("a is in %edi here.", "x is optimized out here.": dwvars_place_say); ""
 * when there is nothing to say. Into buf; returns buf. */
const char *dwvars_line_say(const struct dwvars *d, size_t g_line, char *buf, size_t len);

/* The comment column of line g_line: "a = -20(%rbp), x = %eax" naming the operands that are
 * variables; "" when none. Into buf; returns buf. */
const char *dwvars_line_note(const struct dwvars *d, size_t g_line, char *buf, size_t len);

/* The kind of a place in a few words for a table: "stack slot", "register", "optimized
 * out", "kept nowhere (value computed)", "in pieces"; dwvars_where_name_en in English. */
const char *dwvars_where_name(int where);
const char *dwvars_where_name_en(int where);

#endif
