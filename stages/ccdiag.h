/* ccdiag: what the compiler said, explained, and placed at the line that causes it.
 *
 * Contract: ccdiag_parse() reads the stderr of one gcc run that preprocesses or compiles
 * (gcc -E, gcc -S, gcc -c) and makes one ccdiag_item for each of the compiler's
 * diagnostics ("FILE:LINE:COL: error: ...", "warning:", "fatal error:"), in gcc's order.
 * gcc's caret lines and its notes ("note: declared here") go into the raw text of the item
 * they follow; its context lines ("x.c: In function 'main':") name the function of the
 * items after them. Kinds recognised: a missing ';', a missing '}', an undeclared
 * identifier, an implicit declaration of a function, incompatible types, a missing header,
 * too few or too many arguments; any other error or warning is kept as such. gcc quotes
 * names 'like this' in the C locale and with ‘ ’ under a UTF-8 locale: both are read.
 *
 * gcc reports a missing ';' at the token after it: when that token starts its line (the ';'
 * ending a declaration was forgotten, and the next statement is on the next line), the
 * cause is the last line before it that is not blank, and cause_line says so; libclang's
 * fix-it (cf, which may be NULL) places it exactly when it has one. A missing '}' is
 * reported at the end of the file: the cause is the '{' whose '}' is missing, found from
 * the source's indentation (a '{' closed by a '}' indented less than its own line), a
 * guess the explanation says is one. Without src (NULL), cause_line is gcc's line.
 *
 * Every item gets sentences for a learner (in the user's language), a short fix and the
 * name of a lesson. Any bytes are accepted. At most CCDIAG_MAX_ITEMS items are made (then
 * truncated is set). The caller owns *d and frees it with ccdiag_free(); nothing in it
 * points into its inputs. No global state.
 */
#ifndef CSTAGES_CCDIAG_H
#define CSTAGES_CCDIAG_H

#include <stddef.h>
#include "stages/cfacts.h"

#define CCDIAG_MAX_ITEMS 2000u

enum ccdiag_kind {
	CCDIAG_MISSING_SEMI,    /* expected ';' */
	CCDIAG_MISSING_BRACE,   /* expected declaration or statement at end of input */
	CCDIAG_UNDECLARED,      /* 'y' undeclared */
	CCDIAG_IMPLICIT,        /* implicit declaration of function 'helper' */
	CCDIAG_INCOMPATIBLE,    /* incompatible types, an int made from a pointer... */
	CCDIAG_NO_HEADER,       /* fatal error: zlib.h: No such file or directory */
	CCDIAG_TOO_FEW_ARGS,    /* too few arguments to function 'add' */
	CCDIAG_TOO_MANY_ARGS,   /* too many arguments to function 'add' */
	CCDIAG_OTHER_ERROR,     /* any other error */
	CCDIAG_OTHER_WARNING,   /* any other warning */
	CCDIAG_KIND_COUNT,
};

enum ccdiag_severity { CCDIAG_WARNING, CCDIAG_ERROR, CCDIAG_FATAL };

struct ccdiag_item {
	enum ccdiag_kind kind;
	enum ccdiag_severity severity;
	char *file;             /* as gcc named it */
	int in_main;            /* file is the source given to ccdiag_parse */
	unsigned line, col;     /* where gcc reports it, 1-based */
	unsigned cause_line;    /* the line that causes it (in the main file); gcc's line unless
				   the kind says otherwise; 0 when not in the main file */
	int cause_from_clang;   /* cause_line comes from libclang's fix-it */
	char *message;          /* gcc's words after "error: ", quotes as gcc printed them */
	char *option;           /* the warning's flag ("-Wformat="), or NULL */
	char *symbol;           /* the name quoted (the identifier, function or header), or NULL */
	char *function;         /* the function of gcc's "In function" line, or NULL */
	char *raw;              /* gcc's lines: the message, its caret lines, its notes */
	char *explain;          /* sentences for a learner */
	char *fix;              /* a short fix; NULL when none is known */
	const char *lesson;     /* a lesson's name (lessons/NAME.md), static; or NULL */
};

struct ccdiag {
	struct ccdiag_item *items;
	size_t n;
	size_t n_errors, n_warnings; /* fatal errors count as errors */
	int truncated;
};

/* Read len bytes of gcc's stderr into *d (which it initialises). main_file is the source as
 * gcc was given it (its base name is compared too), src its text (src_len bytes, or NULL),
 * cf libclang's facts of it or NULL. 0 on success (d->n may be 0); -1 when memory ran out
 * (*d is then empty). */
int ccdiag_parse(struct ccdiag *d, const char *err, size_t len, const char *main_file,
		 const char *src, size_t src_len, const struct cfacts *cf);

void ccdiag_free(struct ccdiag *d);

/* "missing-semicolon", "missing-brace", "undeclared", "implicit-declaration",
 * "incompatible-types", "no-header", "too-few-arguments", "too-many-arguments", "error",
 * "warning"; "unknown" out of range. Stable identifiers, never translated. */
const char *ccdiag_kind_name(enum ccdiag_kind k);

/* The kind in words, for a heading, in the user's language. */
const char *ccdiag_kind_label(enum ccdiag_kind k);

/* The index of the first item whose cause is at the main file's line, or -1. */
long ccdiag_at_line(const struct ccdiag *d, unsigned line);

#endif
