/* say: the sentence layer. Engine records carry what happened as codes with parameters
 * (a function's fate and placement, a call's rewrite, a link message's kind, where the loader
 * found a library); the functions of this layer turn them into whole sentences, each marked
 * for gettext (stages/i18n.h), with positional arguments (%1$s) where there are several and
 * ngettext for every count.
 *
 * Contract: a struct say writes into a caller's buffer (buf, len bytes) and always leaves it
 * a terminated string; what does not fit is cut off, never overflowed. say_sentence() puts a
 * space before a sentence when there is text already; say_put() appends as it is (a line
 * ends with "\n" in its sentence). No state beyond the struct: safe from any thread.
 *
 * Where each engine module's sentences live:
 *   stages/cfacts_say.c   placements (struct cfacts_place's reason) and gcc's call rewrites
 *   stages/libbuild.c     libbuild_explain(): the library walk's sentences (one section)
 *   stages/linkmsg.c      the linker's messages explained (one section, "The explanations")
 *   stages/ccdiag.c       the compiler's diagnostics explained (ccdiag_explain)
 *   stages/relocs_say.c   the relocations filled in, each in each program (relocs_say)
 *   stages/segments.c     each segment of a program and the path from its entry to main
 *   stages/ldtrace.c      the loader's trace, a sentence per fact (struct ldtrace's says)
 *   stages/asmmap_explain.c, stages/symbols.c, stages/fates.c, stages/golab_text.c: one
 *                         table or one section each, marked with N_(), put through _()
 *                         where used
 *   stages/writers/report.c, tui/ (each view's file): their own, whole, in place
 */
#ifndef CSTAGES_SAY_H
#define CSTAGES_SAY_H

#include <stddef.h>

#include "stages/i18n.h"

struct say {
	char *buf;
	size_t len, used;
};

/* A struct say over buf[len], emptied. */
void say_init(struct say *s, char *buf, size_t len);

/* Append one or more whole sentences, with a space before them when there is text already. */
void say_sentence(struct say *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Append text as it is. */
void say_put(struct say *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The separator before item k (0-based) of a list of total items: "" before the first,
 * " and " before the last, ", " between ("a, b and c"), translated. */
const char *say_list_sep(size_t k, size_t total);

#endif
