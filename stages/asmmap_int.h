/* asmmap_int: what the parts of the .s reader share, and nobody else. See asmmap.h for the
 * reader's contract; this header is private to stages/asmmap*.c.
 *
 * The reader is three files, one concern each:
 *   stages/asmmap_line.c     pass 1: each line alone (its kind, the directive or mnemonic,
 *                            what it declares, the current section, the calls), with the
 *                            small text helpers, the string pool and the directive table
 *   stages/asmmap.c          asmmap_read() and the passes after it (functions and objects,
 *                            source positions, ranges and calls), and the lookups
 *   stages/asmmap_explain.c  the sentences: what each directive, section and clone means
 *
 * Contract: the text helpers work on [p, e) and never read past e; names interned with
 * asmmap_str() live in the pool (struct asmmap's priv) until asmmap_free(); ps->oom is set,
 * never cleared, when memory runs out, and the caller stops then.
 */
#ifndef CSTAGES_ASMMAP_INT_H
#define CSTAGES_ASMMAP_INT_H

#include <stddef.h>

#include "stages/asmmap.h"

/* .file numbers beyond this are not tracked: gcc counts from 0 by ones, and a table indexed
 * by the number must stay small whatever the input says. */
#define ASMMAP_MAX_FILENO 65536u
/* .pushsection depth that is remembered; deeper pushes are counted but not saved. */
#define ASMMAP_MAX_PUSH 64
#define ASMMAP_CHUNK 65536

/* What pass 1 needs to know about a directive. */
enum asmmap_dir {
	DIR_NONE,
	DIR_UNKNOWN,
	DIR_LOC,
	DIR_LOC_OTHER,   /* .loc_mark_labels */
	DIR_FILE,
	DIR_CFI,
	DIR_IDENT,
	DIR_TEXT,
	DIR_DATA,
	DIR_BSS,
	DIR_SECTION,
	DIR_PUSHSECTION,
	DIR_POPSECTION,
	DIR_PREVIOUS,
	DIR_SUBSECTION,
	DIR_GLOBL,
	DIR_LOCAL,
	DIR_WEAK,
	DIR_HIDDEN,
	DIR_INTERNAL,
	DIR_PROTECTED,
	DIR_TYPE,
	DIR_SIZE,
	DIR_COMM,
	DIR_LCOMM,
	DIR_SET,          /* .set .equ .equiv .eqv: NAME, EXPR */
	DIR_SYMBOL_OTHER, /* .symver .weakref .extern */
	DIR_DATA_DIR,     /* .string .long .zero .p2align ... */
	DIR_OTHER,        /* known, but none of the above: .att_syntax, .code64 ... */
};

/* What .type said. */
enum asmmap_stype { STYPE_NONE, STYPE_FUNC, STYPE_IFUNC, STYPE_OBJECT, STYPE_TLS, STYPE_OTHER };

/* Everything the file says about one symbol, whatever order it says it in. */
struct asmmap_sym {
	const char *name;
	int stype;               /* enum asmmap_stype */
	unsigned type_line, label_line, size_line, comm_line;
	const char *section;     /* at the label */
	const char *alias;       /* NAME in `.set THIS, NAME` or `THIS = NAME` */
	unsigned alias_line;
	unsigned long long size;
	int size_known;
	int global, local, weak, hidden, common, lcomm;
	long func, object;       /* indexes once built, else -1 */
};

/* One interned string; sym and file are indexes or -1. */
struct asmmap_slot {
	const char *s;
	size_t len;
	size_t hash;
	long sym;
	long file;
	int tls;  /* a section name that a .section line gave the "T" (thread-local) flag */
};

struct asmmap_pool {
	char **chunks;
	size_t n_chunks, cap_chunks;
	char *cur;
	size_t left;
	struct asmmap_slot *slots; /* open addressing, cap a power of two */
	size_t cap, used;
	struct asmmap_sym *syms;
	size_t n_syms, cap_syms;
};

/* The parser's state between lines. */
struct asmmap_parser {
	struct asmmap *m;
	struct asmmap_pool *pool;
	unsigned char *dir;       /* per line: enum asmmap_dir of its statement */
	const char *sec, *prev;   /* the current and the previous section */
	const char *push_sec[ASMMAP_MAX_PUSH], *push_prev[ASMMAP_MAX_PUSH];
	size_t push_depth;
	int in_comment;           /* inside a C comment that began on an earlier line */
	int *fileno;              /* .file number -> index in m->files, -1 */
	size_t n_fileno;
	const char *comp_dir;     /* .file 0's directory */
	int seen_file0;
	unsigned lowest_fileno;
	size_t cap_files, cap_calls;
	int oom;
};

/* ---- stages/asmmap_line.c ---- */

/* Text helpers: a blank (not a newline), a character of a symbol name, a decimal digit; p
 * past blanks; whether [p, p+n) is the word w; a symbol name at p (its end, p when there is
 * none; *s and *n get the name itself). */
int asmmap_space(char c);
int asmmap_namechar(char c);
int asmmap_digit(char c);
const char *asmmap_skip(const char *p, const char *e);
int asmmap_word_is(const char *p, size_t n, const char *w);
const char *asmmap_name(const char *p, const char *e, const char **s, size_t *n);

/* The pool: the slot of s, or NULL when it was never interned; s interned (NULL, and ps->oom,
 * out of memory); the pool freed. */
const struct asmmap_slot *asmmap_lookup(const struct asmmap_pool *p, const char *s);
const char *asmmap_str(struct asmmap_parser *ps, const char *s, size_t n);
void asmmap_pool_free(struct asmmap_pool *p);

/* path made canonical in place: no "//", no "." components, ".." folded where it can be.
 * The buffer must hold at least 2 bytes. */
void asmmap_normalise(char *path);

/* The symbol type (enum asmmap_stype) a .type operand names: @function, %object... */
int asmmap_stype(const char *p, const char *e);

/* Pass 1 on line n_line: its kind, and what its first statement declares or calls. */
void asmmap_line(struct asmmap_parser *ps, unsigned n_line);

#endif
