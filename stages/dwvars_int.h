/* dwvars_int: what the parts of the dwvars module share (stages/dwvars.c reads the DWARF,
 * stages/dwvars_asm.c the .s text, stages/dwvars_say.c says it); not for other modules.
 *
 * Contract: dwvars_keep() copies a string into d's pool (freed by dwvars_free());
 * dwvars_grow() makes room for one more element; dwvars_listing() sets lines[n].addr from
 * gas's -aln listing (the offset in its section of each line that makes bytes, -1 left
 * elsewhere); dwvars_cfi_line() follows one .s line's effect on the CFA rule;
 * dwvars_operands() records line ln's operands that are variables, from the places already
 * in d (next: the next instruction line of the function, whose places a written register is
 * matched with; 0 for none). The last two return 0, or -1 when out of memory.
 */
#ifndef CSTAGES_DWVARS_INT_H
#define CSTAGES_DWVARS_INT_H

#include <stddef.h>
#include "stages/asmmap.h"
#include "stages/dwvars.h"

/* The call frame information at an instruction: the CFA rule that the .cfi_* directives
 * before it in its function set up (the same rule the assembler writes into .eh_frame). */
struct dwvars_ctx {
	int cfa_ok;
	int cfa_reg;
	long long cfa_off;
};

/* The rule while the .s is read line by line, with the states .cfi_remember_state kept. */
#define DWVARS_CFI_DEPTH 8

struct dwvars_cfi {
	struct dwvars_ctx now;
	struct dwvars_ctx saved[DWVARS_CFI_DEPTH];
	int depth;
};

/* A copy of s (len bytes) in d's pool: every string d points to; NULL when out of memory. */
const char *dwvars_keep(struct dwvars *d, const char *s, size_t len);

/* Grow *a (of *cap elements of size sz) to hold n + 1: 0, or -1 when out of memory. */
int dwvars_grow(void **a, size_t *cap, size_t n, size_t sz);

void dwvars_listing(const char *lst, size_t len, struct dwvars_line *lines, size_t n_lines);

void dwvars_cfi_line(struct dwvars_cfi *c, const char *text);

int dwvars_operands(struct dwvars *d, const struct asmmap *g, size_t ln, size_t next,
		    size_t *cap_ops);

#endif
