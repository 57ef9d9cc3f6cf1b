/* ocompare: one compile at two optimisation levels, side by side, function by function.
 *
 * Contract: ocmp_build() reads what two compiles of the same .i made, each at its level:
 * the .s (`gcc -S -OX`) and gcc's own reports of what it did: the inlining
 * (`-fopt-info-inline-vec-optimized-missed=FILE`: "Inlining X into Y") and the loops it
 * vectorized, each under the function it lies in (`-fdump-tree-vect-optimized=FILE`, the
 * vectorizer's report: "loop vectorized" under ";; Function NAME"). It matches the functions of the two .s by
 * name (a function and its clones, NAME.constprop.N, NAME.isra.N, NAME.part.N, NAME.cold, are
 * one entry under NAME: stages/asmmap.h finds them), and for each entry records, per level:
 * whether it is there, its assembler names and section, its instruction lines, the calls
 * gcc's report says it inlined into it, the tail calls (`jmp SYM` where the .s leaves the
 * function through another's body) and the loops the vectorizer's report says it vectorized
 * in it; and, when it is absent, the function gcc's report says it
 * was inlined into. Nothing is guessed: what gcc's report does not say is left unsaid. The
 * two bodies are aligned as `diff -y` aligns two files: a longest common subsequence over the
 * lines the .s view shows by default (the line table, call frame information and debug
 * sections left out), the lines between two common ones paired as changed, the rest shown on
 * one side only.
 *
 * ocmp_run_start() runs the two compiles (the .s and its reports at each level) on a thread
 * of its own, off the walk's critical path, and ocmp_run_finished() says when the record is
 * final; from then on it never changes. The module knows no walk: the caller hands it the
 * compiler, the walk directory, the .i and the levels. Sentences: ocmp_say_*() in
 * ocompare_say.c, in the user's language; the JSON reads the numbers and names only.
 */
#ifndef CSTAGES_OCOMPARE_H
#define CSTAGES_OCOMPARE_H

#include <pthread.h>
#include <stddef.h>

#include "stages/asmmap.h"
#include "stages/proc.h"

/* The levels -O takes, in the order the walkthrough's key steps through them. */
#define OCMP_N_LEVELS 6
extern const char *const ocmp_levels[OCMP_N_LEVELS]; /* "-O0" "-O1" "-O2" "-O3" "-Os" "-Og" */

/* The index in ocmp_levels of a flag such as "-O2" (NULL: gcc's default, -O0), or -1. */
int ocmp_level_index(const char *flag);

/* A line of gcc's report (-fopt-info): where it points and what it says. */
struct ocmp_inline {
	char *callee, *caller;  /* source names, without gcc's "/N" node numbers */
	char *where;            /* "t.c:6:70" */
};

struct ocmp_vec {
	char *func;             /* the function it lies in, as the report names it: "main" */
	char *where;            /* "t.c:3:55" */
	char *file;             /* "t.c" */
	unsigned line, col;
	char *text;             /* "loop vectorized using 16 byte vectors" */
};

struct ocmp_report {
	struct ocmp_inline *inl;
	size_t n_inl;
	struct ocmp_vec *vec;
	size_t n_vec;
};

/* Read gcc's reports into *r (zeroed first): from the -fopt-info text, the "Inlining X into
 * Y" and "Inlined X into Y" lines; from the vectorizer's dump, the "loop vectorized" lines
 * with the function each lies under. Either may be NULL. 0, or -1 when out of memory. */
int ocmp_report_read(struct ocmp_report *r, const char *info, size_t info_len,
		     const char *vect, size_t vect_len);
void ocmp_report_free(struct ocmp_report *r);

/* A call gcc's report says it inlined into the function at this level. */
struct ocmp_inlined {
	const char *callee;
	const char *where;      /* gcc's position of the inlined call */
	int call_at_other;      /* the other level's body calls callee (call or jmp) */
};

/* A tail call: `jmp SYM` in the body. */
struct ocmp_tail {
	const char *callee;
	unsigned line;          /* its line in this level's .s */
	int call_at_other;      /* the other level's body has `call SYM` */
};

/* A loop the vectorizer's report says it vectorized in the function at this level. */
struct ocmp_vecloop {
	const struct ocmp_vec *vec;
};

/* One function at one level. */
struct ocmp_side {
	int present;
	const char **names;     /* its assembler names ("main", "main.cold"), n_names of them */
	size_t n_names;
	const char *section;    /* where the first of them is: ".text", ".text.startup" */
	size_t n_insn;          /* its instruction lines */
	struct ocmp_inlined *inl;
	size_t n_inl;
	struct ocmp_tail *tail;
	size_t n_tail;
	struct ocmp_vecloop *vec;
	size_t n_vec;
	/* absent: gcc's report says it was inlined into this function, there (else NULL) */
	const char *inlined_into, *inlined_where;
};

/* A row of the aligned bodies: the .s line at each level (0: none on that side) and diff
 * -y's mark: ' ' the same line, '|' changed, '<' only the first level, '>' only the second. */
struct ocmp_row {
	unsigned line[2];
	char mark;
};

struct ocmp_func {
	const char *name;       /* the source name: "main", "scale" */
	struct ocmp_side side[2];
	struct ocmp_row *rows;
	size_t n_rows;
	size_t n_same;          /* rows marked ' ' */
};

/* What one compile at one level made. */
struct ocmp_level {
	const char *flag;       /* "-O2" */
	struct asmmap s;        /* the .s */
	struct ocmp_report rep; /* gcc's reports */
};

struct ocmp {
	struct ocmp_level lv[2];
	struct ocmp_func *funcs;
	size_t n_funcs;
};

/* Compare two compiles. s, rep and vect are the texts of each level's .s, -fopt-info report
 * and vectorizer's dump (rep and vect may be NULL: none).
 * 0, or -1 with a sentence in err when out of memory or a text is too large (*c zeroed). The
 * caller frees *c with ocmp_free(). Safe on any thread. */
struct ocmp_input {
	const char *flag;
	const char *s, *rep, *vect;
	size_t s_len, rep_len, vect_len;
};
int ocmp_build(struct ocmp *c, const struct ocmp_input in[2], char *err, size_t errlen);
void ocmp_free(struct ocmp *c);

/* The rows a body shows: the function's lines at level k that the .s view shows by
 * default (no line table, call frame information, debug sections or blank lines). 1 when
 * line n of level k's .s belongs to the function f. */
int ocmp_shown(const struct ocmp *c, int k, const struct ocmp_func *f, size_t n);

/* The text of row r's line at level k ("" for none). */
const char *ocmp_row_text(const struct ocmp *c, const struct ocmp_row *r, int k);

/* Whether the i-th inlined call of s names a callee an earlier one names (gcc reports each
 * call site: a function inlined twice is listed once). */
int ocmp_inl_seen(const struct ocmp_side *s, size_t i);

/* The functions that differ: present at one level only, or other instruction lines. */
int ocmp_func_differs(const struct ocmp_func *f);

/* --- the compiles, on a thread ----------------------------------------------------------- */

enum ocmp_state { OCMP_IDLE, OCMP_RUNNING, OCMP_DONE };
enum ocmp_fail { OCMP_FAIL_NONE, OCMP_FAIL_STOPPED, OCMP_FAIL_COMPILE, OCMP_FAIL_READ,
		 OCMP_FAIL_MEMORY };

struct ocmp_run {
	int state;              /* enum ocmp_state, accessed atomically */
	const char *flag[2];    /* the levels: static strings */
	struct proc_result proc[2]; /* the compile at each level */
	char *file[2];          /* the .s files, in the walk directory */
	char *report[2];        /* gcc's -fopt-info reports, in the walk directory */
	char *vect[2];          /* the vectorizer's dumps, in the walk directory */
	struct ocmp cmp;        /* valid when ok */
	int ok;
	int fail;               /* when not ok: enum ocmp_fail, read with ocmp_run_why() */
	/* what the thread needs */
	char *cc, *dir, *input, *base;
	int timeout_ms;
	const int *cancelled;   /* read atomically: skip what has not started */
	char *const *cflags;    /* set before ocmp_run_start: more flags for both compiles,
				   after -S (not copied: the caller keeps them alive) */
	size_t n_cflags;
	pthread_t th;
	int joinable;
};

/* Start comparing input (the .i, in dir) compiled with flag_a (NULL: no -O, gcc's -O0) and
 * flag_b: on a background thread, or on this one when wait is set or no thread starts. The
 * files are named BASE.cmp-O2.s, BASE.cmp-O2.opt, BASE.cmp-O2.vect. 0, or -1 when r was
 * started before or out of memory. */
int ocmp_run_start(struct ocmp_run *r, const char *cc, const char *dir, const char *input,
		   const char *base, const char *flag_a, const char *flag_b, int timeout_ms,
		   const int *cancelled, int wait);

/* 1 once r's record is final (then read r->ok, r->cmp, r->fail, r->proc). */
int ocmp_run_finished(const struct ocmp_run *r);

/* Why a finished comparison is not ok, as a sentence (English when en); NULL when it is. */
const char *ocmp_run_why(const struct ocmp_run *r, int en);

/* 1 while it runs. */
int ocmp_run_busy(const struct ocmp_run *r);

/* Wait for the thread, when there is one. */
void ocmp_run_wait(struct ocmp_run *r);

/* Wait, then free everything r holds. */
void ocmp_run_free(struct ocmp_run *r);

/* --- sentences (ocompare_say.c) ---------------------------------------------------------- */

/* The notes on one function: each difference gcc's report or the .s explains, one sentence
 * each, appended to buf (len bytes) with a newline after each. English when en is set,
 * else in the user's language. Returns how many. */
size_t ocmp_say_func(const struct ocmp *c, const struct ocmp_func *f, int en, char *buf,
		     size_t len);

#endif
